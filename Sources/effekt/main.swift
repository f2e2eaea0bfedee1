import EffektData
import EffektNumerics
import Foundation

/// `effekt`: the command-line front door. Exit status: 0 ok, 1 a data or model problem, 2 usage.
let version = "0.1.0"
let commands: [any Command.Type] = [
    SimulateCommand.self,
    ValidateCommand.self,
    MatchCommand.self,
    EvaluateCommand.self,
    DiDCommand.self,
    BatchCommand.self,
    MergeCommand.self,
    NotebookCommand.self,
]

@MainActor func topLevelHelp() -> String {
    var text = """
    effekt \(version) — effects of labour-market insatser on försörjningsstöd, with honest uncertainty

    USAGE: effekt <command> [options]     (effekt <command> --help for its options)

    COMMANDS:

    """
    let width = (commands.map { $0.name.count }.max() ?? 0) + 2
    for command in commands {
        text += "  \(command.name)\(String(repeating: " ", count: width - command.name.count))\(command.summary)\n"
    }
    text += """

    OPTIONS:
      --help      show this help (effekt <command> --help: the command's)
      --version   show the version
      --quiet     (every command) only results and errors: no progress, no summary from commands that write files
      --verbose   (every command) also print each stage and its time on stderr

    Exit status: 0 ok, 1 a data or model problem (the message says which file, line and column
    or which variable), 2 a usage mistake.

    """
    return text
}

@MainActor func runMain() -> Int32 {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard let first = arguments.first else {
        print(topLevelHelp(), terminator: "")
        return 0
    }
    switch first {
    case "--help", "-h", "help":
        print(topLevelHelp(), terminator: "")
        return 0
    case "--version":
        print("effekt \(version)")
        return 0
    default:
        break
    }
    guard let command = commands.first(where: { $0.name == first }) else {
        Console.error("effekt: " + UsageError.unknownCommand(first, suggestion: ParsedOptions.closest(to: first, in: commands.map { $0.name })).description)
        return 2
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains("--help") || rest.contains("-h") {
        print(command.help, terminator: "")
        return 0
    }
    do {
        let options = try ParsedOptions(rest, specs: command.allOptions, command: command.name)
        let status = try command.init(options).run()
        options.diagnostics.detail("effekt \(command.name): done, exit status \(status)")
        return status
    } catch let error as UsageError {
        Console.error("effekt: \(error)")
        return 2
    } catch {
        Console.error("effekt \(command.name): \(error)")
        return 1
    }
}

exit(runMain())
