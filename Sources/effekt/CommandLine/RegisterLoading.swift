import EffektData
import Foundation

/// Reads, validates and builds the register a dataset spec names, for the commands that
/// evaluate one. When validation finds errors, their report goes to stderr and the result is nil.
enum RegisterLoading {
    static func load(_ spec: DatasetSpec, specURL: URL, threads: Int, command: String) throws -> Register? {
        let tables = try RegisterTables.read(spec: spec, base: specURL.deletingLastPathComponent(), threads: threads)
        let (register, report) = Register.build(from: tables)
        guard let register else {
            Console.error(report.text)
            Console.error("effekt \(command): the register has errors (above); fix them, or run 'effekt validate' for details")
            return nil
        }
        return register
    }
}
