/// A number per treatment group.
public struct GroupCounts<Value: Sendable & Equatable>: Sendable, Equatable {
    public let treated: Value
    public let control: Value

    public init(treated: Value, control: Value) {
        self.treated = treated
        self.control = control
    }
}

/// Sample sizes as MatchIt's `summary()$nn`.
///
/// Matched: weight > 0. Unmatched: weight 0 and not discarded. The effective sample size of a group
/// is ESS = (Σw)² / Σw² over its units (Kish), so with equal weights it is the count.
public struct MatchingCounts: Sendable, Equatable {
    public let all: GroupCounts<Int>
    /// ESS before matching (all weights 1): the group sizes.
    public let allEffective: GroupCounts<Double>
    public let matched: GroupCounts<Int>
    public let matchedEffective: GroupCounts<Double>
    public let unmatched: GroupCounts<Int>
    public let discarded: GroupCounts<Int>

    init(treated: [Bool], weights: [Double], discarded: [Bool]) {
        func tally(_ group: Bool, _ condition: (Int) -> Bool) -> Int {
            treated.indices.reduce(0) { $0 + (treated[$1] == group && condition($1) ? 1 : 0) }
        }
        func counts(_ condition: (Int) -> Bool) -> GroupCounts<Int> {
            GroupCounts(treated: tally(true, condition), control: tally(false, condition))
        }
        func effective(_ group: Bool) -> Double {
            var sum = 0.0, squares = 0.0
            for i in treated.indices where treated[i] == group {
                sum += weights[i]
                squares += weights[i] * weights[i]
            }
            return squares > 0 ? sum * sum / squares : 0
        }
        all = counts { _ in true }
        allEffective = GroupCounts(treated: Double(all.treated), control: Double(all.control))
        matched = counts { weights[$0] > 0 }
        matchedEffective = GroupCounts(treated: effective(true), control: effective(false))
        unmatched = counts { weights[$0] == 0 && !discarded[$0] }
        self.discarded = counts { discarded[$0] }
    }
}
