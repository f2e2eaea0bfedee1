import EffektData
import EffektNumerics
import Foundation

/// Options of a risk-set design; defaults follow IFAU practice for register evaluations.
public struct RiskSetOptions: Sendable {
    /// Propensity formula over the variables of `Register.covariates` (response `treat`).
    public var formula: String = RiskSetOptions.defaultFormula
    /// Months before the reference month in which a person must have received assistance to be
    /// in the risk set (participants and controls alike).
    public var eligibilityMonths = 1
    /// Event window the outcome analysis needs: reference months are kept only when months
    /// m + firstEventMonth … m + lastEventMonth and the 24-month payment history lie in the data.
    public var firstEventMonth = -12
    public var lastEventMonth = 23
    public var historyMonths = 24
    /// Controls sampled per participant (per month) to fit the propensity model; the sample
    /// carries weights (eligible controls / sampled), so the fit estimates the full risk set's model.
    public var controlsPerParticipantForFit = 20
    /// Controls per participant in the matching.
    public var ratio = 1
    /// Caliper in standard deviations of the linear predictor (Austin 2011 recommends 0.2).
    public var caliper: Double? = 0.2
    /// Match only within the same district as well as the same month.
    public var exactDistrict = false
    /// Leave out, on both sides, people with an episode of another insats that overlaps the event window.
    public var excludeOtherInsatser = false
    public var seed: UInt64 = 1
    /// Placebo design: participants are placed `placeboLead` months before their real start
    /// (reference month m = start − lead) and controls must not start within those months either;
    /// effects over months 0…lead−1 should then be zero.
    public var placeboLead = 0

    public static let defaultFormula = "treat ~ age + I(age^2) + sex + born_abroad + education + district + hinder_group"
        + " + kr_3m + kr_6m + kr_12m + months_12m + months_24m"

    public init() {}
}

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

    public init(register: Register, insats k: Int, options: RiskSetOptions = RiskSetOptions()) throws {
        let panel = register.panel
        let formula = try Formula(parsing: options.formula)
        let lo = max(-options.firstEventMonth, options.historyMonths, options.eligibilityMonths)
        let hi = panel.months - 1 - options.lastEventMonth
        guard hi >= lo else {
            throw EstimationError("the study window has \(panel.months) months; the design needs at least \(lo + options.lastEventMonth + 1) (history and event window)")
        }
        let other = options.excludeOtherInsatser ? OtherInsatsIndex(register: register, insats: k, eventMonths: options.firstEventMonth...options.lastEventMonth) : nil

        // Risk sets per month: participants and eligible controls.
        var treatedByMonth = [[Int32]](repeating: [], count: panel.months)
        var controlsByMonth = [[Int32]](repeating: [], count: panel.months)
        var counts = Counts(starts: 0, notEligible: 0, excludedOtherInsats: 0, participants: 0, matched: 0, unmatched: 0, riskSetSize: 0, distinctControls: 0)
        func eligible(_ p: Int, _ m: Int) -> Bool {
            panel.monthsOnAssistance(p, m - options.eligibilityMonths, m) == options.eligibilityMonths
        }
        let lead = options.placeboLead
        for p in 0..<panel.persons {
            let first = panel.firstStart(insats: k, person: p)
            let start = first == PersonMonthPanel.never ? Int.max : Int(first) - lead
            if start >= lo && start <= hi {
                counts.starts += 1
                if !eligible(p, start) { counts.notEligible += 1 }
                else if other?.overlaps(person: p, month: start) == true { counts.excludedOtherInsats += 1 }
                else { treatedByMonth[start].append(Int32(p)) }
            }
        }
        let months = (lo...hi).filter { !treatedByMonth[$0].isEmpty }
        guard !months.isEmpty else { throw EstimationError("no participant started this insats in an evaluable month (\(lo)…\(hi) of the window)") }
        for m in months {
            for p in 0..<panel.persons where Int(panel.firstStart(insats: k, person: p)) > m + lead && eligible(p, m) {
                if other?.overlaps(person: p, month: m) == true { continue }
                controlsByMonth[m].append(Int32(p))
            }
            counts.riskSetSize += controlsByMonth[m].count
        }
        counts.participants = months.reduce(0) { $0 + treatedByMonth[$1].count }

        // Propensity model on participants and a weighted random sample of each month's risk set.
        var fitPersons: [Int32] = [], fitMonths: [Int32] = [], fitTreat: [Double] = [], fitWeights: [Double] = []
        for m in months {
            let treated = treatedByMonth[m]
            var controls = controlsByMonth[m]
            guard !controls.isEmpty else { continue }
            let size = min(controls.count, options.controlsPerParticipantForFit * treated.count)
            var rng = RandomStream(seed: options.seed, stream: UInt64(k) << 32 | UInt64(m))
            if size < controls.count { rng.shuffle(&controls); controls = Array(controls.prefix(size)).sorted() }
            let weight = Double(controlsByMonth[m].count) / Double(size)
            fitPersons += treated + controls
            fitMonths += [Int32](repeating: Int32(m), count: treated.count + controls.count)
            fitTreat += [Double](repeating: 1, count: treated.count) + [Double](repeating: 0, count: controls.count)
            fitWeights += [Double](repeating: 1, count: treated.count) + [Double](repeating: weight, count: controls.count)
        }
        var fitData = register.covariates(persons: fitPersons, months: fitMonths)
        fitData.set("treat", numeric: fitTreat)
        var frameOptions = ModelMatrix.Options()
        frameOptions.dropMissing = true
        // A category with no participants (a small district, say) separates; its controls then get
        // scores near zero and are never matched, which is right, so separation is a warning here.
        let propensity = try PropensityScore(formula, data: fitData, options: frameOptions, weights: fitWeights, allowSeparation: true)
        let beta = propensity.fit.beta, kept = propensity.fit.keptColumns
        let sd = Self.weightedSD(propensity.linearPredictor, weights: propensity.modelMatrix.rows.map { fitWeights[$0] })
        var scoringOptions = frameOptions
        scoringOptions.fixedLevels = propensity.modelMatrix.levels

        // Score every participant and eligible control, match within month.
        var pairs: [MatchedPair] = []
        var warnings: [String] = propensity.fit.warnings + propensity.modelMatrix.notes
        var participantScores: [Double] = [], controlScores: [Double] = []
        var unmatched = 0
        for m in months where !controlsByMonth[m].isEmpty {
            let persons = treatedByMonth[m] + controlsByMonth[m]
            var data = register.covariates(persons: persons, months: [Int32](repeating: Int32(m), count: persons.count))
            data.set("treat", numeric: persons.indices.map { $0 < treatedByMonth[m].count ? 1 : 0 })
            let frame = try ModelMatrix(formula, data: data, options: scoringOptions)
            let score = frame.matrix.selectingColumns(kept).multiplied(by: beta)
            let treatment = frame.rows.map { $0 < treatedByMonth[m].count ? 1.0 : 0.0 }
            for (i, row) in frame.rows.enumerated() {
                if treatment[i] == 1 { participantScores.append(score[i]) } else if row % 50 == 0 { controlScores.append(score[i]) }
            }
            guard treatment.contains(1), treatment.contains(0) else { continue }
            let exact: [ExactVariable]
            if options.exactDistrict, case let .categorical(codes, _)? = data.variable(named: "district") {
                exact = [ExactVariable(name: "district", codes: frame.rows.map { Int(codes[$0]) })]
            } else {
                exact = []
            }
            let problem = try MatchingProblem(treatment: treatment, distance: .score(score))
            let method = NearestNeighborMatching(ratio: options.ratio, replace: false,
                                                 caliper: options.caliper.map { .distanceUnits($0 * sd) }, order: .largest,
                                                 exact: exact)
            var rng = RandomStream(seed: options.seed, stream: UInt64(m))
            let result = try problem.match(using: method, generator: &rng)
            for set in result.matchedSets {
                let treatedPerson = persons[frame.rows[set.treated]]
                for c in set.controls {
                    pairs.append(MatchedPair(treated: treatedPerson, control: persons[frame.rows[c]], month: Int32(m),
                                             weight: 1 / Double(set.controls.count)))
                }
            }
            unmatched += treatment.filter { $0 == 1 }.count - result.matchedSets.count
        }
        counts.matched = Set(pairs.map(\.treated)).count
        counts.unmatched = unmatched
        counts.distinctControls = Set(pairs.map(\.control)).count
        if unmatched > 0 {
            warnings.append("\(unmatched) participant(s) had no control within the caliper and are left out")
        }
        guard !pairs.isEmpty else { throw EstimationError("no participant could be matched: no overlap between participants and the risk set") }

        // Balance: participants vs weighted risk-set sample (before) and vs matched controls (after).
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
        self.insats = k
        self.options = options
        self.propensity = propensity
        self.pairs = pairs
        self.participantScores = participantScores
        self.controlScoreSample = controlScores
        self.counts = counts
        self.warnings = warnings
    }

    static func weightedSD(_ x: [Double], weights w: [Double]) -> Double {
        let total = w.reduce(0, +)
        let mean = zip(x, w).reduce(0) { $0 + $1.0 * $1.1 } / total
        let variance = zip(x, w).reduce(0) { $0 + $1.1 * ($1.0 - mean) * ($1.0 - mean) } / total
        return variance.squareRoot()
    }
}
