import EffektData
import EffektNumerics

/// Risk-set (dynamic) matching for register panels (Sianesi 2004; IFAU practice): for each
/// calendar month m, people who start the insats in m are matched to people who are also in the
/// risk set in m — received assistance in the month(s) before and have not started the insats by
/// m — on covariates measured at m, payment history included. A control may start the insats
/// later; it is then a control only for earlier starts. Matching is exact on the month, on the
/// linear predictor of a pooled logit propensity model, greedy nearest neighbour with a caliper.
/// The estimand is Sianesi's: the effect of starting now against not starting now.
public struct RiskSetDesign: Sendable {
    public let insats: Int
    public let options: RiskSetOptions
    /// The propensity model fitted on participants and a weighted sample of the risk set.
    public let propensity: PropensityScore
    public let pairs: [MatchedPair]
    /// Balance of participants against the (weighted) risk set, and against matched controls.
    public let balance: BalanceTable
    /// Linear predictors of participants and of all eligible controls, for the overlap figure.
    public let participantScores: [Double]
    public let controlScoreSample: [Double]
    public let counts: Counts
    public let warnings: [String]

    public struct Counts: Sendable, Equatable {
        /// First starts of the insats inside the evaluable months.
        public var starts: Int
        /// Starts left out because the person was not on assistance before the start.
        public var notEligible: Int
        /// Starts left out because another insats overlapped (with `excludeOtherInsatser`).
        public var excludedOtherInsats: Int
        public var participants: Int
        public var matched: Int
        public var unmatched: Int
        /// Person-months in the risk set (eligible controls), summed over months.
        public var riskSetSize: Int
        /// Distinct persons used as controls.
        public var distinctControls: Int
    }

    /// Both stages: the risk sets and propensity fit (`RiskSet`), then matching and balance.
    public init(register: Register, insats k: Int, options: RiskSetOptions = RiskSetOptions()) throws {
        let riskSet = try RiskSet(register: register, insats: k, options: options)
        try self.init(riskSet: riskSet, register: register, ratio: options.ratio, caliper: options.caliper,
                      exactDistrict: options.exactDistrict)
    }

    /// Stage 2: greedy nearest-neighbour matching on the linear predictor within each month of
    /// `riskSet` (`ratio` controls per participant without replacement, `caliper` in SDs of the
    /// linear predictor, optionally exact on district), then balance before and after.
    public init(riskSet: RiskSet, register: Register, ratio: Int, caliper: Double?, exactDistrict: Bool) throws {
        var options = riskSet.options
        options.ratio = ratio
        options.caliper = caliper
        options.exactDistrict = exactDistrict
        let propensity = riskSet.propensity
        let formula = propensity.modelMatrix.formula
        var scoringOptions = ModelMatrix.Options()
        scoringOptions.dropMissing = true
        scoringOptions.fixedLevels = propensity.modelMatrix.levels

        let matches = try riskSet.match(ratio: ratio, caliper: caliper, exactDistrict: exactDistrict)
        let pairs = matches.pairs, unmatched = matches.unmatched
        var warnings = riskSet.warnings
        let base = riskSet.counts
        let counts = Counts(starts: base.starts, notEligible: base.notEligible, excludedOtherInsats: base.excludedOtherInsats,
                            participants: base.participants, matched: Set(pairs.map(\.treated)).count, unmatched: unmatched,
                            riskSetSize: base.riskSetSize, distinctControls: Set(pairs.map(\.control)).count)
        if unmatched > 0 {
            warnings.append("\(unmatched) participant(s) had no control within the caliper and are left out")
        }
        guard !pairs.isEmpty else { throw EstimationError("no participant could be matched: no overlap between participants and the risk set") }

        // Balance: participants vs weighted risk-set sample (before) and vs matched controls (after).
        let fit = riskSet.fitSample
        let fitPersons = fit.persons, fitMonths = fit.months, fitTreat = fit.treatment, fitWeights = fit.weights
        let matchedControls = pairs.map(\.control), matchedMonths = pairs.map(\.month)
        var balancePersons = fitPersons, balanceMonths = fitMonths
        balancePersons += matchedControls
        balanceMonths += matchedMonths
        var balanceData = register.covariates(persons: balancePersons, months: balanceMonths)
        balanceData.set("treat", numeric: fitTreat + [Double](repeating: 0, count: matchedControls.count))
        let balanceFrame = try ModelMatrix(formula, data: balanceData, options: scoringOptions)
        let matchedTreated = Set(pairs.map { "\($0.treated)-\($0.month)" })
        let before = balanceFrame.rows.map { $0 < fitPersons.count ? fitWeights[$0] : 0 }
        let after = balanceFrame.rows.map { row -> Double in
            if row >= fitPersons.count { return pairs[row - fitPersons.count].weight }
            return fitTreat[row] == 1 && matchedTreated.contains("\(fitPersons[row])-\(fitMonths[row])") ? 1 : 0
        }
        let columns = Array(1..<balanceFrame.names.count)
        self.balance = try BalanceTable(covariates: balanceFrame.matrix.selectingColumns(columns),
                                        terms: columns.map { balanceFrame.names[$0] },
                                        binary: columns.map { balanceFrame.isBinary[$0] },
                                        treated: balanceFrame.rows.map { row in row < fitPersons.count && fitTreat[row] == 1 },
                                        weightsBefore: before, weightsAfter: after, distance: nil, matchedSets: nil)
        self.insats = riskSet.insats
        self.options = options
        self.propensity = propensity
        self.pairs = pairs
        self.participantScores = riskSet.participantScores
        self.controlScoreSample = riskSet.controlScoreSample
        self.counts = counts
        self.warnings = warnings
    }
}

