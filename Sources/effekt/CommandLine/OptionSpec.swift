/// One command-line option as a command declares it; help text is generated from these.
struct OptionSpec: Sendable {
    enum Kind: Sendable { case flag, value(placeholder: String) }

    let name: String          // "--out"
    let kind: Kind
    let help: String
    let defaultValue: String?

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .flag, help: help, defaultValue: nil)
    }

    static func value(_ name: String, _ placeholder: String, _ help: String, default defaultValue: String? = nil) -> OptionSpec {
        OptionSpec(name: name, kind: .value(placeholder: placeholder), help: help, defaultValue: defaultValue)
    }

    /// The options every command has; `Command.allOptions` adds them to a command's own.
    static let common: [OptionSpec] = [
        .flag("--quiet", "only results and errors: no progress, and no summary from commands that write files"),
        .flag("--verbose", "also print each stage and its time on stderr"),
        .flag("--help", "show this help"),
    ]

    var synopsis: String {
        switch kind {
        case .flag: return name
        case let .value(placeholder): return "\(name) \(placeholder)"
        }
    }
}
