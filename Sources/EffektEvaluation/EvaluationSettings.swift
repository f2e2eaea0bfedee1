import EffektData
import EffektEstimators
import EffektNumerics
import Foundation

/// Everything `effekt evaluate` can be told; defaults are what a careful analyst would choose.
public struct EvaluationSettings: Sendable {
    /// Insats codes to evaluate (all in the catalogue when empty).
    public var insatser: [String] = []
    /// Cumulative horizons in months.
    public var horizons: [Int] = [6, 12, 18, 24]
    /// Counts below this, and estimates built on fewer persons, are suppressed in published tables.
    public var minCell = 5
    /// An insats with fewer participants than this is reported as too small, not estimated.
    public var minParticipants = 20
    /// Months of no payment that make "självförsörjande" (the month and the ones before it).
    public var selfSufficientMonths = 3
    /// The risk-set design (formula, caliper, ratio, exclusion of other insatser, seed).
    public var design = RiskSetOptions()
    public var seed: UInt64 = 1 {
        didSet { design.seed = seed }
    }
    /// Run the placebo design with starts moved 12 months earlier.
    public var placebo = true
    /// Estimate the subgroup effects.
    public var subgroups = true
    /// Insatser evaluated at the same time (results do not depend on it).
    public var workers = Parallel.defaultWorkers

    public init() {}

    /// The event window: 12 months before the start to the longest horizon.
    public var eventMonths: ClosedRange<Int> { -12...((horizons.max() ?? 24) - 1) }
}

extension EvaluationSettings {
    /// Start months a design should have to evaluate (a year of starts), when the panel allows.
    public static let wantedStartMonths = 12

    /// The settings adapted to a panel of `months` months, with a note for each change.
    ///
    /// A start month m is evaluable when the history the formula uses (24 months for
    /// `months_24m`, 12 for `kr_12m`/`months_12m`, …) and the 12 pre-event months lie before it
    /// and the longest horizon after it. When that leaves fewer than `wantedStartMonths` start
    /// months: first the default formula drops `months_24m` (its history then needs 12 months,
    /// no more than the pre-event window), then the longest horizons are dropped, one at a
    /// time, keeping at least one. A formula from the user is never changed. On a long enough
    /// panel nothing changes.
    public func fitted(toMonths months: Int) -> (settings: EvaluationSettings, notes: [String]) {
        var adapted = self
        var notes: [String] = []
        adapted.design.historyMonths = Self.historyMonths(formula: design.formula)
        func startMonths(_ s: EvaluationSettings) -> Int {
            let lo = max(-s.eventMonths.lowerBound, s.design.historyMonths, s.design.eligibilityMonths)
            return months - s.eventMonths.upperBound - lo
        }
        if startMonths(adapted) < Self.wantedStartMonths && design.formula == RiskSetOptions.defaultFormula {
            adapted.design.formula = Self.shortHistoryFormula
            adapted.design.historyMonths = Self.historyMonths(formula: adapted.design.formula)
            notes.append("the panel has \(months) months: the propensity model leaves out months_24m (months on assistance in the last "
                + "24 months), so that a start needs 12 months of history instead of 24")
        }
        var dropped: [Int] = []
        while adapted.horizons.count > 1, startMonths(adapted) < Self.wantedStartMonths, let longest = adapted.horizons.max() {
            adapted.horizons.removeAll { $0 == longest }
            dropped.append(longest)
        }
        if !dropped.isEmpty {
            notes.append("the panel has \(months) months: horizons " + dropped.sorted().map(String.init).joined(separator: ", ")
                + " months are left out, so that \(max(startMonths(adapted), 0)) start months can be evaluated")
        }
        return (adapted, notes)
    }

    /// The default formula without `months_24m`.
    static let shortHistoryFormula = RiskSetOptions.defaultFormula.replacingOccurrences(of: " + months_24m", with: "")

    /// Months of payment history the formula's history variables need (0 without any).
    static func historyMonths(formula: String) -> Int {
        let variables = (try? Formula(parsing: formula))?.variables ?? PaymentHistory.variableNames
        return variables.compactMap { PaymentHistory.monthsNeeded[$0] }.max() ?? 0
    }
}
