/// Common-support trimming before matching (MatchIt `discard`).
///
/// On the score distance: a control is outside the common support when its score is below the
/// smallest or above the largest treated score; a treated unit when its score is outside the range
/// of the control scores. Both ranges come from all units before any discarding, as in MatchIt.
/// Discarded units are not matched and get weight 0.
public enum CommonSupportDiscard: String, Sendable, Equatable, CaseIterable {
    case none
    /// Discard treated units outside the control range.
    case treated
    /// Discard control units outside the treated range.
    case control
    /// Both of the above.
    case both

    /// Which rows are discarded.
    func discarded(score: [Double], treated: [Bool]) -> [Bool] {
        var out = [Bool](repeating: false, count: score.count)
        guard self != .none else { return out }
        func range(_ group: Bool) -> ClosedRange<Double> {
            let values = score.indices.filter { treated[$0] == group }.map { score[$0] }
            return values.min()!...values.max()!
        }
        let treatedRange = range(true), controlRange = range(false)
        for i in score.indices {
            if treated[i] {
                out[i] = (self == .treated || self == .both) && !controlRange.contains(score[i])
            } else {
                out[i] = (self == .control || self == .both) && !treatedRange.contains(score[i])
            }
        }
        return out
    }
}
