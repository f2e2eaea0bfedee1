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
    ]
    static let example = "effekt validate --spec demo-out/register/spec.json"

    let spec: URL
    let json: Bool
    let threads: Int
    let diagnostics: Diagnostics

    init(_ options: ParsedOptions) throws {
        if let extra = options.positional.first { throw UsageError.unexpectedArgument(extra, command: Self.name) }
        spec = try InputFile.url(try options.required("--spec"), option: "--spec")
        json = options.flag("--json")
        threads = try options.int("--threads") ?? ProcessInfo.processInfo.activeProcessorCount
        diagnostics = options.diagnostics
    }

    func run() throws -> Int32 {
        let loaded = try DatasetSpec.load(spec)
        let tables = try RegisterTables.read(spec: loaded, base: spec.deletingLastPathComponent(), threads: threads)
        diagnostics.detail("read the four files")
        let (_, report) = Register.build(from: tables)
        diagnostics.detail("checked the register")
        if json {
            print(try JSONText.render(report.json))
        } else {
            print(report.text, terminator: "")
        }
        return report.hasErrors ? 1 : 0
    }
}
