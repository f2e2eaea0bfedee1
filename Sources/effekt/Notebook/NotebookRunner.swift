import EffektReports
import Foundation

/// Runs a notebook's command lines in order with the running `effekt` binary, in the notebook's
/// folder, without a shell, and collects each block's result: what its commands printed on
/// stdout, and for a command that failed also its stderr and exit status. The figures of a
/// block are the SVG and PNG files its stdout names that exist.
struct NotebookRunner {
    /// A command that did not exit with status 0 (its output is recorded in the notebook).
    struct Failure {
        let command: NotebookCommandLine
        let status: String
    }

    let executable: URL
    let diagnostics: Diagnostics

    /// The binary that is running now, so that a notebook runs the effekt that runs it.
    static func currentExecutable() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// One result per block of `notebook`, whose file is in `folder`.
    func run(_ notebook: Notebook, in folder: URL) throws -> (results: [NotebookResult], failures: [Failure]) {
        var results: [NotebookResult] = []
        var failures: [Failure] = []
        for (i, block) in notebook.blocks.enumerated() {
            diagnostics.progress("\(notebook.name): block \(i + 1) of \(notebook.blocks.count) (line \(block.line))")
            var output = ""
            var figures: [String] = []
            for command in block.commands {
                let started = Date()
                let run = try execute(command.arguments, in: folder)
                diagnostics.detail(String(format: "%@:%d: %@ (%.1f s)", notebook.name, command.line, command.text, Date().timeIntervalSince(started)))
                output += Self.line(run.stdout)
                for path in NotebookResult.figureCandidates(in: run.stdout) where !figures.contains(path) {
                    var isFolder: ObjCBool = false
                    if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder), !isFolder.boolValue {
                        figures.append(path)
                    }
                }
                if let status = run.failure {
                    output += Self.line(run.stderr) + "[\(status)]\n"
                    failures.append(Failure(command: command, status: status))
                }
            }
            results.append(NotebookResult(output: output, figures: figures))
        }
        return (results, failures)
    }

    /// Text ending in a newline unless empty.
    private static func line(_ text: String) -> String {
        text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    }

    private struct Run {
        let stdout: String
        let stderr: String
        /// "exit status N" or "killed by signal N"; nil when the command succeeded.
        let failure: String?
    }

    /// `effekt arguments…` in `folder`; output goes through temporary files, so a chatty command
    /// never blocks on a full pipe.
    private func execute(_ arguments: [String], in folder: URL) throws -> Run {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-notebook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        let status = process.terminationStatus
        let failure: String? = switch process.terminationReason {
        case .exit: status == 0 ? nil : "exit status \(status)"
        case .uncaughtSignal: "killed by signal \(status)"
        @unknown default: "exit status \(status)"
        }
        return Run(stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self), failure: failure)
    }
}
