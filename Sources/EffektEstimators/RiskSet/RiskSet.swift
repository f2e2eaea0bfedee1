import EffektData
import EffektNumerics

/// Stage 1 of the risk-set design: for each calendar month m, the people who start the insats in
/// m (participants) and the people in the risk set in m (eligible controls: on assistance in the
/// month(s) before, not started by m), the pooled logit propensity model fitted on participants
/// and a weighted sample of each month's risk set, and every participant's and control's linear
/// predictor. It depends only on `options.fitKey`, so designs that differ in ratio, caliper or
/// exact district share it (`RiskSetDesign(riskSet:register:ratio:caliper:exactDistrict:)`).
public struct RiskSet: Sendable {
    public let insats: Int
    public let options: RiskSetOptions
    /// The propensity model fitted on participants and a weighted sample of the risk set.
    public let propensity: PropensityScore
    /// Weighted standard deviation of the linear predictor over the fit sample (caliper unit).
    public let linearPredictorSD: Double
    public let counts: Counts
    /// The scored risk set of every month with participants and eligible controls, in month order.
    public let months: [MonthScores]
    /// The propensity fit sample (participants, then sampled controls, month by month) with the
    /// weights that make the controls stand for their month's whole risk set.
    public let fitSample: FitSample
    /// Linear predictors of all scored participants and of every 50th eligible control (overlap figure).
    public let participantScores: [Double]
    public let controlScoreSample: [Double]
    /// The fit's warnings and the model matrix's notes.
    public let warnings: [String]

    public struct Counts: Sendable, Equatable {
        /// First starts of the insats inside the evaluable months.
        public var starts = 0
        /// Starts left out because the person was not on assistance before the start.
        public var notEligible = 0
        /// Starts left out because another insats overlapped (with `excludeOtherInsatser`).
        public var excludedOtherInsats = 0
        public var participants = 0
        /// Person-months in the risk set (eligible controls), summed over months.
        public var riskSetSize = 0
    }

    /// One month's scored risk set: participants first (by person), then eligible controls by
    /// (score, person), the order nearest-neighbour matching sorts them into (rows with a
    /// missing covariate left out).
    public struct MonthScores: Sendable {
        public let month: Int32
        public let persons: [Int32]
        /// `persons[0..<participants]` started the insats in this month.
        public let participants: Int
        /// Linear predictor of the propensity model, one per person.
        public let score: [Double]
        /// District code per person, when the register has a categorical district.
        public let district: [Int32]?
    }

    public struct FitSample: Sendable {
        public let persons: [Int32]
        public let months: [Int32]
        public let treatment: [Double]
        public let weights: [Double]
    }

    /// - Parameter workers: threads for enumerating and scoring the risk sets (results do not depend on it).
    public init(register: Register, insats k: Int, options: RiskSetOptions = RiskSetOptions(),
                workers: Int = Parallel.defaultWorkers) throws {
        let panel = register.panel
        let formula = try Formula(parsing: options.formula)
        let lo = max(-options.firstEventMonth, options.historyMonths, options.eligibilityMonths)
        let hi = panel.months - 1 - options.lastEventMonth
        guard hi >= lo else {
            throw EstimationError("the study window has \(panel.months) months; the design needs at least \(lo + options.lastEventMonth + 1) (history and event window)")
        }
        let other = options.excludeOtherInsatser ? OtherInsatsIndex(register: register, insats: k, eventMonths: options.firstEventMonth...options.lastEventMonth) : nil

        // Participants: first starts (moved back by the placebo lead) in evaluable months.
        var treatedByMonth = [[Int32]](repeating: [], count: panel.months)
        var counts = Counts()
        let lead = options.placeboLead
        for p in 0..<panel.persons {
            let first = panel.firstStart(insats: k, person: p)
            let start = first == PersonMonthPanel.never ? Int.max : Int(first) - lead
            if start >= lo && start <= hi {
                counts.starts += 1
                if !Self.eligible(panel, p, start, options.eligibilityMonths) { counts.notEligible += 1 }
                else if other?.overlaps(person: p, month: start) == true { counts.excludedOtherInsats += 1 }
                else { treatedByMonth[start].append(Int32(p)) }
            }
        }
        let months = (lo...hi).filter { !treatedByMonth[$0].isEmpty }
        guard !months.isEmpty else { throw EstimationError("no participant started this insats in an evaluable month (\(lo)…\(hi) of the window)") }
        counts.participants = months.reduce(0) { $0 + treatedByMonth[$1].count }
        let controlsByMonth = Self.controls(panel: panel, insats: k, months: months, options: options, other: other, workers: workers)
        counts.riskSetSize = controlsByMonth.reduce(0) { $0 + $1.count }

        // Propensity model on participants and a weighted random sample of each month's risk set.
        var fitPersons: [Int32] = [], fitMonths: [Int32] = [], fitTreat: [Double] = [], fitWeights: [Double] = []
        for (i, m) in months.enumerated() {
            let treated = treatedByMonth[m]
            var controls = controlsByMonth[i]
            guard !controls.isEmpty else { continue }
            let size = min(controls.count, options.controlsPerParticipantForFit * treated.count)
            var rng = RandomStream(seed: options.seed, stream: UInt64(k) << 32 | UInt64(m))
            if size < controls.count { rng.shuffle(&controls); controls = Array(controls.prefix(size)).sorted() }
            let weight = Double(controlsByMonth[i].count) / Double(size)
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

        // Score every participant and eligible control of the months with both.
        let scoredMonths = months.indices.filter { !controlsByMonth[$0].isEmpty }
        var inRiskSet = [Bool](repeating: false, count: panel.persons)
        for i in scoredMonths {
            for p in treatedByMonth[months[i]] { inRiskSet[Int(p)] = true }
            for p in controlsByMonth[i] { inRiskSet[Int(p)] = true }
        }
        let scorer = try PropensityScorer(propensity: propensity, register: register,
                                          persons: inRiskSet.indices.filter { inRiskSet[$0] }.map { Int32($0) })
        let scored = try Self.score(months: scoredMonths.map { (months[$0], treatedByMonth[months[$0]], controlsByMonth[$0]) },
                                    scorer: scorer, register: register, workers: workers)
        self.insats = k
        self.options = options
        self.propensity = propensity
        self.linearPredictorSD = Self.weightedSD(propensity.linearPredictor, weights: propensity.modelMatrix.rows.map { fitWeights[$0] })
        self.counts = counts
        self.months = scored.months
        self.fitSample = FitSample(persons: fitPersons, months: fitMonths, treatment: fitTreat, weights: fitWeights)
        self.participantScores = scored.months.flatMap { $0.score.prefix($0.participants) }
        self.controlScoreSample = scored.controlSample
        self.warnings = propensity.fit.warnings + propensity.modelMatrix.notes
    }

    /// On assistance in each of the `months` months before `m`.
    private static func eligible(_ panel: PersonMonthPanel, _ p: Int, _ m: Int, _ months: Int) -> Bool {
        panel.monthsOnAssistance(p, m - months, m) == months
    }

    /// Eligible controls of each month in `months` (ascending), in person order: on assistance
    /// before m, not started by m (+ placebo lead), no overlapping other insats when excluded.
    /// One pass over each person's row, in fixed blocks of persons, concatenated in block order.
    private static func controls(panel: PersonMonthPanel, insats k: Int, months: [Int], options: RiskSetOptions,
                                 other: OtherInsatsIndex?, workers: Int) -> [[Int32]] {
        let blocks = Parallel.ranges(count: panel.persons, chunkSize: 65_536)
        let lead = options.placeboLead, needed = options.eligibilityMonths
        let perBlock = Parallel.map(chunks: blocks.count, workers: workers) { b -> [[Int32]] in
            var lists = [[Int32]](repeating: [], count: months.count)
            for p in blocks[b] {
                let first = Int(panel.firstStart(insats: k, person: p))
                for (i, m) in months.enumerated() {
                    guard first > m + lead else { break }
                    guard eligible(panel, p, m, needed), other?.overlaps(person: p, month: m) != true else { continue }
                    lists[i].append(Int32(p))
                }
            }
            return lists
        }
        return months.indices.map { i in perBlock.flatMap { $0[i] } }
    }

    /// Scores of every participant and control of each month (month, participants, controls):
    /// rows with a missing value are left out; every 50th control by position in its month's
    /// list goes to the overlap sample; controls are then ordered by (score, person). Rows are
    /// scored in blocks of persons, every month of a block together, so each person's payment
    /// row is read from memory once.
    private static func score(months: [(month: Int, treated: [Int32], controls: [Int32])], scorer: PropensityScorer,
                              register: Register, workers: Int) throws -> (months: [MonthScores], controlSample: [Double]) {
        struct Part: Sendable {
            var persons: [Int32] = [], score: [Double] = [], position: [Int] = []
        }
        let blocks = Parallel.ranges(count: register.panel.persons, chunkSize: 2048)
        /// Start of the persons of a block in a person-sorted list.
        @Sendable func start(_ list: [Int32], _ person: Int) -> Int {
            var lo = 0, hi = list.count
            while lo < hi { let mid = (lo + hi) / 2; if Int(list[mid]) < person { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        // Per block and month: (participants part, controls part).
        let perBlock = try Parallel.map(chunks: blocks.count, workers: workers) { b -> [(Part, Part)] in
            let block = blocks[b]
            var persons: [Int32] = [], rowMonths: [Int32] = [], position: [Int] = []
            var slices: [(Range<Int>, Range<Int>)] = []
            for (m, treated, controls) in months {
                let t = start(treated, block.lowerBound)..<start(treated, block.upperBound)
                let c = start(controls, block.lowerBound)..<start(controls, block.upperBound)
                let first = persons.count
                for j in t where scorer.canScore(treated[j]) { persons.append(treated[j]); position.append(j) }
                let middle = persons.count
                for j in c where scorer.canScore(controls[j]) { persons.append(controls[j]); position.append(treated.count + j) }
                rowMonths += [Int32](repeating: Int32(m), count: persons.count - first)
                slices.append((first..<middle, middle..<persons.count))
            }
            let score = try scorer.scores(persons: persons, months: rowMonths)
            func part(_ r: Range<Int>) -> Part { Part(persons: Array(persons[r]), score: Array(score[r]), position: Array(position[r])) }
            return slices.map { (part($0.0), part($0.1)) }
        }
        let district: [Int32]? = if case let .categorical(c)? = register.personColumn(role: "district") { c.codes } else { nil }
        var scored: [MonthScores] = [], sample: [Double] = []
        for (i, month) in months.enumerated() {
            let treated = perBlock.map { $0[i].0 }, controls = perBlock.map { $0[i].1 }
            for part in controls {
                for (k, position) in part.position.enumerated() where position % 50 == 0 { sample.append(part.score[k]) }
            }
            // Controls by (score, person): the order the matcher sorts them into anyway.
            let controlScores = controls.flatMap(\.score), controlPersons = controls.flatMap(\.persons)
            let order = StableOrder.permutation(controlScores)
            let persons = treated.flatMap(\.persons) + order.map { controlPersons[Int($0)] }
            let score = treated.flatMap(\.score) + order.map { controlScores[Int($0)] }
            let participants = persons.count - order.count
            scored.append(MonthScores(month: Int32(month.month), persons: persons, participants: participants, score: score,
                                      district: district.map { codes in persons.map { codes[Int($0)] } }))
        }
        return (scored, sample)
    }

    static func weightedSD(_ x: [Double], weights w: [Double]) -> Double {
        let total = w.reduce(0, +)
        let mean = zip(x, w).reduce(0) { $0 + $1.0 * $1.1 } / total
        let variance = zip(x, w).reduce(0) { $0 + $1.1 * ($1.0 - mean) * ($1.0 - mean) } / total
        return variance.squareRoot()
    }
}
