import EffektEstimators

/// The evaluation of one insats: design, balance, effects by outcome and horizon, diagnostics,
/// subgroups and costs. A value: the reports only format it.
public struct InsatsEvaluation: Sendable {
    public enum Status: Sendable, Equatable {
        case estimated
        /// Fewer participants than the minimum: reported with the count, not estimated.
        case tooFewParticipants(Int)
        /// The design or the estimation failed; the reason in plain words.
        case failed(String)
    }

    public var code: String
    public var name: String
    public var status: Status
    /// Evaluable participants (first starts in evaluable months, on assistance before).
    public var participants: Int
    public var matched: Int
    public var counts: RiskSetDesign.Counts?
    public var balance: BalanceTable?
    /// Linear predictors of participants and of a sample of the risk set (overlap figure).
    public var participantScores: [Double] = []
    public var controlScores: [Double] = []
    public var effects: [Effect] = []
    /// Monthly ATT series per outcome (event-study figures and break-even).
    public var monthly: [PanelOutcome: [MatchedEventStudy.Estimate]] = [:]
    public var pretrend: MatchedEventStudy.WaldTest?
    /// Cumulative 12-month kronor effect of the placebo design (starts moved 12 months earlier).
    public var placebo: Effect?
    /// Γ at which the 12-month effect on kronor stops being significant (Rosenbaum bounds).
    public var rosenbaumGamma: Double?
    public var subgroups: [SubgroupEffect] = []
    public var overlap: OverlapShares?
    public var cost: CostSummary?
    public var warnings: [String] = []

    /// One cumulative effect: outcome × horizon.
    public struct Effect: Sendable, Equatable {
        public var outcome: PanelOutcome
        public var horizon: Int
        public var att: Double
        public var standardError: Double
        public var ciLow: Double
        public var ciHigh: Double
        public var p: Double
        /// Holm-adjusted p across the evaluated insatser (same outcome and horizon).
        public var pHolm: Double = .nan
        /// Benjamini–Hochberg q across the evaluated insatser.
        public var qBH: Double = .nan
        /// The matched controls' total over the same months (the counterfactual level).
        public var controlTotal: Double
        /// Persons behind the estimate (participants; controls).
        public var participants: Int
        public var controls: Int
    }

    /// The 12- and 24-month kronor effects within one subgroup.
    public struct SubgroupEffect: Sendable, Equatable {
        public var variable: String
        public var level: String
        public var participants: Int
        public var controls: Int
        /// Nil when suppressed (either side below the minimum cell size).
        public var twelve: Effect?
        public var twentyFour: Effect?
    }

    /// How many participants and matched controls took other insatser in the event window.
    public struct OverlapShares: Sendable, Equatable {
        public var participantsWithOther: Double
        public var controlsWithOther: Double
    }

    public func effect(_ outcome: PanelOutcome, horizon: Int) -> Effect? {
        effects.first { $0.outcome == outcome && $0.horizon == horizon }
    }
}
