extension NotebookResult {
    /// How this (new) result differs from the stored one, for `effekt notebook check`: the
    /// first differing output line with up to `context` lines from each side, or the figures;
    /// nil when they agree.
    public func difference(from stored: NotebookResult?, context: Int = 3) -> String? {
        guard let stored else { return "no output is stored for this block" }
        let common = min(stored.lines.count, lines.count)
        let mismatch = (0..<common).first { stored.lines[$0] != lines[$0] } ?? (stored.lines.count == lines.count ? nil : common)
        if let first = mismatch {
            func excerpt(_ lines: [String], _ mark: String) -> [String] {
                let shown = lines.dropFirst(first).prefix(context)
                return shown.isEmpty ? ["  \(mark) (end of output)"] : shown.map { "  \(mark) \($0)" }
            }
            return (["output line \(first + 1) differs (- stored, + new run):"] + excerpt(stored.lines, "-") + excerpt(lines, "+"))
                .joined(separator: "\n")
        }
        if stored.figures != figures {
            func list(_ f: [String]) -> String { f.isEmpty ? "none" : f.joined(separator: ", ") }
            return "the figures differ: stored \(list(stored.figures)); new run \(list(figures))"
        }
        return nil
    }
}
