/// One row of MatchIt's `match.matrix`: a matched treated row and its controls (0-based rows), the
/// controls in the order they were chosen (round 1, round 2, …).
public struct MatchedSet: Sendable, Equatable, Hashable {
    public let treated: Int
    public let controls: [Int]

    public init(treated: Int, controls: [Int]) {
        self.treated = treated
        self.controls = controls
    }
}
