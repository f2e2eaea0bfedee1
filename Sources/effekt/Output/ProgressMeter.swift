import Foundation
import Synchronization

/// Progress of a long run on stderr: on a terminal one line redrawn in place — a bar,
/// done/total, rate and time left; otherwise (a log file, a scheduler) a plain line every ten
/// seconds and one at the end. Safe to call from any thread.
final class ProgressMeter: Sendable {
    private let unit: String
    private let started = Date()
    private let terminal = Console.stderrIsTerminal
    /// When a line was last printed, and what was done before this run started (a resumed
    /// batch: not counted in the rate).
    private let state = Mutex<(lastPrinted: Date?, initial: Int?)>((nil, nil))

    init(unit: String) { self.unit = unit }

    /// `done` of `total` finished; the first call gives what was done before this run.
    func update(done: Int, total: Int) {
        let now = Date()
        let interval = terminal ? 0.2 : 10
        let (due, initial) = state.withLock { state -> (Bool, Int) in
            if state.initial == nil { state.initial = done }
            let due = done == total || state.lastPrinted.map { now.timeIntervalSince($0) >= interval } ?? true
            if due { state.lastPrinted = now }
            return (due, state.initial!)
        }
        guard due else { return }
        let elapsed = now.timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done - initial) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : nil
        var text = "\(done)/\(total) \(unit)"
        if rate > 0 { text += String(format: ", %.1f/s", rate) }
        if done < total, let left { text += ", " + Self.clock(left) + " left" } else if done == total { text += ", " + Self.clock(elapsed) }
        if terminal {
            let width = 30, filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(text)\(done == total ? "\n" : "")".utf8))
        } else {
            Console.error(text)
        }
    }

    /// `1:05` or `1:02:05`.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
