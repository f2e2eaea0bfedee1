import Foundation

/// A subcommand: declares its options, parses them, runs library calls, and formats results.
/// Statistics live in the library modules, never here.
protocol Command {
    static var name: String { get }
    /// One line for `effekt --help`.
    static var summary: String { get }
    /// Arguments that are not options, for the usage line (e.g. "run|check FILE.md…"; may be empty).
    static var arguments: String { get }
    /// Extra paragraphs for `effekt NAME --help` (may be empty).
    static var discussion: String { get }
    static var options: [OptionSpec] { get }
    /// One example invocation.
    static var example: String { get }

    init(_ options: ParsedOptions) throws
    /// Returns the exit status: 0 ok, 1 a data or model problem.
    func run() throws -> Int32
}

extension Command {
    static var arguments: String { "" }
    static var discussion: String { "" }

    /// The command's own options, then those every command has (`OptionSpec.common`), each once.
    static var allOptions: [OptionSpec] {
        options + OptionSpec.common.filter { common in !options.contains { $0.name == common.name } }
    }

    static var help: String {
        var text = "effekt \(name) — \(summary)\n\nUSAGE: effekt \(name)" + (arguments.isEmpty ? "" : " " + arguments)
        for spec in options where !OptionSpec.common.contains(where: { $0.name == spec.name }) { text += " [\(spec.synopsis)]" }
        if !discussion.isEmpty { text += "\n\n" + discussion }
        text += "\n\nOPTIONS:\n"
        let width = (allOptions.map { $0.synopsis.count }.max() ?? 0) + 2
        for spec in allOptions {
            let pad = String(repeating: " ", count: max(width - spec.synopsis.count, 2))
            text += "  \(spec.synopsis)\(pad)\(spec.help)"
            if let d = spec.defaultValue { text += " (default: \(d))" }
            text += "\n"
        }
        text += "\nEXAMPLE:\n  \(example)\n"
        return text
    }
}

/// Where a command writes: results to stdout, progress and diagnostics to stderr.
enum Console {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
