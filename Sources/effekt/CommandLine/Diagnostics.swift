import Foundation

/// What a command says on stderr besides its errors, as `--quiet` and `--verbose` ask: progress
/// for someone watching a terminal (never with --quiet; with --verbose also when stderr is a
/// file), and details such as stage timings only with --verbose. Lines are stamped with the
/// seconds since the command started.
struct Diagnostics: Sendable {
    enum Level: Sendable { case quiet, normal, verbose }

    let level: Level
    private let started: Date

    init(level: Level) {
        self.level = level
        started = Date()
    }

    var quiet: Bool { level == .quiet }
    var verbose: Bool { level == .verbose }
    private var showsProgress: Bool { level == .verbose || (level == .normal && Console.stderrIsTerminal) }

    /// Where the work is, for a person waiting.
    func progress(_ text: String) {
        if showsProgress { Console.error(stamp + text) }
    }

    /// Extra detail (timings, sizes) with --verbose.
    func detail(_ text: String) {
        if verbose { Console.error(stamp + text) }
    }

    private var stamp: String { String(format: "[%6.1f s] ", Date().timeIntervalSince(started)) }
}
