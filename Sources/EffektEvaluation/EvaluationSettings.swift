import EffektEstimators
import EffektNumerics

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
