import Foundation

/// What one run of the `effekt` binary printed, and its exit status.
public struct CommandRun: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs the `effekt` binary built by `swift build` (debug), as a user would.
public enum Effekt {
    /// `$EFFEKT_BINARY` when set (a build with another `--scratch-path`), else `.build/debug/effekt`.
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["EFFEKT_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path, relativeTo: Fixtures.repositoryRoot).standardizedFileURL
        }
        return Fixtures.repositoryRoot.appendingPathComponent(".build/debug/effekt")
    }

    /// `effekt arguments…` in `directory` (default: the repository root), with extra environment.
    /// Output goes through temporary files, so a chatty child never blocks on a full pipe.
    public static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> CommandRun {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw FixtureError.shape(binary.path, "the effekt binary is not built; run `swift build` (make test does) first")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? Fixtures.repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return CommandRun(status: process.terminationStatus,
                          stdout: try String(contentsOf: outURL, encoding: .utf8),
                          stderr: try String(contentsOf: errURL, encoding: .utf8))
    }
}
