/// Options of a risk-set design; defaults follow IFAU practice for register evaluations.
/// Stage 1 (`RiskSet`: risk sets and the propensity fit) depends only on `fitKey`; stage 2
/// (`RiskSetDesign`: matching) adds `ratio`, `caliper` and `exactDistrict`.
@dynamicMemberLookup
public struct RiskSetOptions: Sendable {
    /// Everything the risk sets and the propensity fit depend on: designs with equal keys can
    /// share one `RiskSet`.
    public var fitKey = FitKey()
    /// Controls per participant in the matching.
    public var ratio = 1
    /// Caliper in standard deviations of the linear predictor (Austin 2011 recommends 0.2).
    public var caliper: Double? = 0.2
    /// Match only within the same district as well as the same month.
    public var exactDistrict = false

    public static let defaultFormula = "treat ~ age + I(age^2) + sex + born_abroad + education + district + hinder_group"
        + " + kr_3m + kr_6m + kr_12m + months_12m + months_24m"

    public init() {}

    /// The options stage 1 (`RiskSet`) depends on.
    public struct FitKey: Hashable, Sendable {
        /// Propensity formula over the variables of `Register.covariates` (response `treat`).
        public var formula: String = RiskSetOptions.defaultFormula
        /// Months before the reference month in which a person must have received assistance to be
        /// in the risk set (participants and controls alike).
        public var eligibilityMonths = 1
        /// Event window the outcome analysis needs: reference months are kept only when months
        /// m + firstEventMonth … m + lastEventMonth and the payment history lie in the data.
        public var firstEventMonth = -12
        public var lastEventMonth = 23
        public var historyMonths = 24
        /// Controls sampled per participant (per month) to fit the propensity model; the sample
        /// carries weights (eligible controls / sampled), so the fit estimates the full risk set's model.
        public var controlsPerParticipantForFit = 20
        /// Leave out, on both sides, people with an episode of another insats that overlaps the event window.
        public var excludeOtherInsatser = false
        public var seed: UInt64 = 1
        /// Placebo design: participants are placed `placeboLead` months before their real start
        /// (reference month m = start − lead) and controls must not start within those months either;
        /// effects over months 0…lead−1 should then be zero.
        public var placeboLead = 0

        public init() {}
    }

    /// The stage-1 settings read and written as if they were the options' own
    /// (`options.formula`, `options.seed`, …).
    public subscript<Value>(dynamicMember path: WritableKeyPath<FitKey, Value>) -> Value {
        get { fitKey[keyPath: path] }
        set { fitKey[keyPath: path] = newValue }
    }
}
