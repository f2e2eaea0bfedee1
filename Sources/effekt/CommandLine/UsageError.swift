/// A mistake in how a command was called: printed as one line plus a hint, exit status 2.
enum UsageError: Error, CustomStringConvertible {
    case unknownCommand(String, suggestion: String?)
    case unknownOption(String, command: String, suggestion: String?)
    case missingValue(String, command: String)
    case missingOption(String, command: String)
    case invalidValue(String, command: String, reason: String)
    case unexpectedArgument(String, command: String)

    var description: String {
        switch self {
        case let .unknownCommand(name, suggestion):
            return "unknown command '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + " (see 'effekt --help')"
        case let .unknownOption(name, command, suggestion):
            return "\(command): unknown option '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + " (see 'effekt \(command) --help')"
        case let .missingValue(name, command):
            return "\(command): option '\(name)' needs a value (see 'effekt \(command) --help')"
        case let .missingOption(name, command):
            return "\(command): missing required option '\(name)' (see 'effekt \(command) --help')"
        case let .invalidValue(name, command, reason):
            return "\(command): option '\(name)' \(reason)"
        case let .unexpectedArgument(argument, command):
            return "\(command): unexpected argument '\(argument)' (see 'effekt \(command) --help')"
        }
    }
}
