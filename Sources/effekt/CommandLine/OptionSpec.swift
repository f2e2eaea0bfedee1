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

    var synopsis: String {
        switch kind {
        case .flag: return name
        case let .value(placeholder): return "\(name) \(placeholder)"
        }
    }
}
