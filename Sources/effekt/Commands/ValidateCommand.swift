import EffektData
import Foundation

/// `effekt validate --spec FILE`: every problem in the register before any model runs.
struct ValidateCommand: Command {
    static let name = "validate"
    static let summary = "check a register (persons, payments, episodes, catalogue) against its spec"
    static let discussion = """
    Reads the four files the spec names and reports unknown ids, duplicate person-months,
    payments outside the window, negative amounts, episodes that end before they start,
    overlapping episodes of the same insats, unknown codes and missing values — each with file,
    line and column, a count and the first few lines. No person identifier is ever printed.
    Exit status 0 when there are no errors (warnings do not fail), 1 when there are.
    """
    static let options: [OptionSpec] = [
        .value("--spec", "FILE", "the dataset spec (JSON)"),
        .flag("--json", "print one JSON document instead of text"),
        .value("--threads", "N", "threads for reading", default: "all cores"),
        .flag("--help", "show this help"),
    ]
    static let example = "effekt validate --spec demo-out/register/spec.json"

    let spec: URL
    let json: Bool
    let threads: Int

    init(_ options: ParsedOptions) throws {
        spec = URL(fileURLWithPath: try options.required("--spec"))
        json = options.flag("--json")
        threads = try options.int("--threads") ?? ProcessInfo.processInfo.activeProcessorCount
    }

    func run() throws -> Int32 {
        let loaded = try DatasetSpec.load(spec)
        let tables = try RegisterTables.read(spec: loaded, base: spec.deletingLastPathComponent(), threads: threads)
        let (_, report) = Register.build(from: tables)
        if json {
            print(try JSONText.render(report.json))
        } else {
            print(report.text, terminator: "")
        }
        return report.hasErrors ? 1 : 0
    }
}
