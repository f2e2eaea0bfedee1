import Foundation
@testable import EffektData

/// Shared simulated registers for the simulation tests, written once per test process.
enum SimulatedRegisters {
    /// 20,000 persons × 72 months, seed 1: the calibration run.
    /// Kept in one fixed folder so repeated test runs do not pile up copies; concurrent runs
    /// are safe because the writer renames complete files and the content is deterministic.
    static let calibration: (directory: URL, report: SimulationReport) = write(
        persons: 20_000, months: 72, seed: 1, workers: 2,
        into: FileManager.default.temporaryDirectory.appendingPathComponent("effekt-simulation-tests-calibration-20000x72-seed1"))

    /// Writes a register into `directory` (default: a new temporary folder the caller removes).
    static func write(persons: Int, months: Int, seed: UInt64, workers: Int, encoding: SimulationSettings.Encoding = .utf8,
                      into directory: URL? = nil) -> (directory: URL, report: SimulationReport) {
        let directory = directory ?? temporaryDirectory("sim-\(persons)-\(months)-\(seed)-\(workers)-\(encoding.rawValue)")
        let simulator = try! RegisterSimulator(SimulationSettings(persons: persons, months: months, seed: seed,
                                                                  encoding: encoding, workers: workers))
        return (directory, try! simulator.write(to: directory))
    }

    static func remove(_ urls: URL...) { for url in urls { try? FileManager.default.removeItem(at: url) } }

    static func temporaryDirectory(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("effekt-tests-\(getpid())-\(UUID().uuidString.prefix(8))-\(name)", isDirectory: true)
        try? FileManager.default.removeItem(at: url)
        return url
    }

    /// The data lines of a CSV file (header dropped), split at semicolons.
    static func rows(_ directory: URL, _ file: String) -> (header: String, rows: [[Substring]]) {
        let text = try! String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        let header = String(lines.removeFirst())
        return (header, lines.map { $0.split(separator: ";", omittingEmptySubsequences: false) })
    }
}
