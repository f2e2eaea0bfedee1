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
    /// Linear predictors of participants and of every 50th eligible control, for the overlap figure.
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

        self.balance = try Self.balance(riskSet: riskSet, register: register, pairs: pairs)
        self.insats = riskSet.insats
        self.options = options
        self.propensity = propensity
        self.pairs = pairs
        self.participantScores = riskSet.participantScores
        self.controlScoreSample = riskSet.controlScoreSample
        self.counts = counts
        self.warnings = warnings
    }

    /// Balance of participants against the weighted risk-set sample (before) and against their
    /// matched controls (after). The fit sample's rows are the propensity model's own matrix;
    /// only the matched controls' rows are built here.
    private static func balance(riskSet: RiskSet, register: Register, pairs: [MatchedPair]) throws -> BalanceTable {
        let fit = riskSet.fitSample, fitFrame = riskSet.propensity.modelMatrix
        var options = ModelMatrix.Options()
        options.dropMissing = true
        options.fixedLevels = fitFrame.levels
        var controlData = register.covariates(persons: pairs.map(\.control), months: pairs.map(\.month))
        controlData.set("treat", numeric: [Double](repeating: 0, count: pairs.count))
        let controlFrame = try ModelMatrix(fitFrame.formula, data: controlData, options: options)
        guard controlFrame.names == fitFrame.names else {
            throw EstimationError("internal: the matched controls' balance columns differ from the propensity model's")
        }
        let columns = fitFrame.names.indices.filter { fitFrame.termIndex[$0] >= 0 }
        let n1 = fitFrame.rows.count, n2 = controlFrame.rows.count
        var storage: [Double] = []
        storage.reserveCapacity((n1 + n2) * columns.count)
        for j in columns {
            storage += fitFrame.matrix.storage[(j * n1)..<((j + 1) * n1)]
            storage += controlFrame.matrix.storage[(j * n2)..<((j + 1) * n2)]
        }
        func key(_ person: Int32, _ month: Int32) -> Int64 { Int64(person) << 32 | Int64(month) }
        let matchedTreated = Set(pairs.map { key($0.treated, $0.month) })
        let treated = fitFrame.rows.map { fit.treatment[$0] == 1 } + [Bool](repeating: false, count: n2)
        let before = fitFrame.rows.map { fit.weights[$0] } + [Double](repeating: 0, count: n2)
        let after = fitFrame.rows.map { row in
            fit.treatment[row] == 1 && matchedTreated.contains(key(fit.persons[row], fit.months[row])) ? 1.0 : 0
        } + controlFrame.rows.map { pairs[$0].weight }
        return try BalanceTable(covariates: Matrix(rows: n1 + n2, columns: columns.count, columnMajor: storage),
                                terms: columns.map { fitFrame.names[$0] },
                                binary: columns.map { fitFrame.isBinary[$0] && controlFrame.isBinary[$0] },
                                treated: treated, weightsBefore: before, weightsAfter: after, distance: nil, matchedSets: nil)
    }
}
