import EffektNumerics
import Foundation

/// How `GroupTimeATT.aggregate` summarises the ATT(g,t) (R `did`'s `aggte(type =)`).
public enum AggregationType: String, Sendable, Equatable {
    /// Post-treatment cells (g ≤ t) weighted by cohort size.
    case simple
    /// By event time e = t − g (cohort-size weights within e); overall = mean over e ≥ 0.
    case dynamic
    /// By cohort (mean over its post-treatment cells); overall = cohort-size-weighted mean.
    case group
    /// By calendar period (cohort-size weights among cohorts treated by then); overall = mean.
    case calendar
}

/// Restrictions of R `aggte`'s `min_e`, `max_e` and `balance_e`.
public struct AggregationOptions: Sendable, Equatable {
    /// Event times below are left out of the dynamic aggregation.
    public var minEventTime: Int?
    /// Event times above are left out (dynamic), and cells with t > g + maxEventTime (simple, group).
    public var maxEventTime: Int?
    /// Dynamic only: keep cohorts observed for at least this many periods after treatment, and
    /// event times up to it (a balanced event study).
    public var balanceEventTime: Int?

    public init(minEventTime: Int? = nil, maxEventTime: Int? = nil, balanceEventTime: Int? = nil) {
        self.minEventTime = minEventTime
        self.maxEventTime = maxEventTime
        self.balanceEventTime = balanceEventTime
    }
}

/// An aggregated treatment effect (R `did`'s `AGGTEobj`).
public struct AggregatedATT: Sendable {
    /// One entry of the breakdown: an event time, cohort or calendar period.
    public struct Entry: Sendable, Equatable {
        /// The event time (dynamic), cohort (group) or period (calendar).
        public let value: Int
        public let att: Double
        public let standardError: Double?
        public let confidenceInterval: ClosedRange<Double>?
        /// att ± uniform critical value · SE (bootstrap only).
        public let uniformBand: ClosedRange<Double>?
    }

    public let type: AggregationType
    public let overallATT: Double
    public let overallStandardError: Double?
    public let overallConfidenceInterval: ClosedRange<Double>?
    /// Empty for `.simple`.
    public let entries: [Entry]
    /// z_{1−α/2}.
    public let pointwiseCriticalValue: Double
    /// Sup-t critical value of the entries (bootstrap only).
    public let uniformCriticalValue: Double?
    public let bootstrapped: Bool
    public let warnings: [String]
    /// Influence functions of the entries and, in the last column, of the overall effect.
    let influence: Matrix

    /// Influence function of the overall effect (n units).
    public var overallInfluenceFunction: [Double] { influence.column(influence.columns - 1) }
    /// Influence functions of the entries (n × entries).
    public var entryInfluenceFunctions: Matrix { influence.selectingColumns(Array(0..<(influence.columns - 1))) }

    /// The entry for event time / cohort / period `value`.
    public func entry(_ value: Int) -> Entry? { entries.first { $0.value == value } }
}

extension GroupTimeATT {
    /// Aggregates the ATT(g,t) as R `did`'s `aggte()`. Standard errors come from the aggregated
    /// influence function Σ_k w_k ψ_k, plus, where the weights are estimated cohort shares
    /// (simple, each event time, each calendar period, the overall group effect), the influence
    /// function of those shares (R's `wif`); with the bootstrap they come from multiplier draws
    /// of these influence functions (the same seed, hence weights, as the cells), and the entries
    /// get a uniform band. Cells that could not be estimated are left out with a warning (R's
    /// `na.rm = TRUE`).
    public func aggregate(_ type: AggregationType, options: AggregationOptions = AggregationOptions()) throws -> AggregatedATT {
        var warnings: [String] = []
        let n = unitCount
        let usable = cells.indices.filter { cells[$0].att != nil }
        if usable.count < cells.count {
            warnings.append("\(cells.count - usable.count) ATT(g,t) could not be estimated and are left out of the aggregation")
        }
        guard !usable.isEmpty else { throw EstimationError("no ATT(g,t) was estimated: there is nothing to aggregate") }
        // Cohort shares P(G = g), as R: mean over units of 1{G = g}.
        var counts: [Int: Int] = [:]
        for g in unitGroups { counts[g, default: 0] += 1 }
        let share: (Int) -> Double = { Double(counts[$0] ?? 0) / Double(n) }
        let att: (Int) -> Double = { self.cells[$0].att! }
        let maxE = options.maxEventTime ?? Int.max
        let minE = options.minEventTime ?? Int.min

        /// Σ_k w_k ψ_k (+ the weights' influence when `estimatedWeights`), over cells `ks` with
        /// cohort-share weights.
        func combine(_ ks: [Int], estimatedWeights: Bool) -> (att: Double, psi: [Double]) {
            let total = ks.reduce(0.0) { $0 + share(cells[$1].group) }
            var psi = [Double](repeating: 0, count: n)
            var estimate = 0.0
            influenceFunctions.storage.withUnsafeBufferPointer { f in
                for k in ks {
                    let w = share(cells[k].group) / total
                    estimate += w * att(k)
                    let col = f.baseAddress! + k * n
                    for i in 0..<n { psi[i] += w * col[i] }
                }
            }
            if estimatedWeights {
                // wif · att: ((A(G_i) − C1)/S − (N(G_i) − S)·C1/S²), with A(g) = Σ_{k: g_k = g} att_k,
                // N(g) = #{k: g_k = g}, C1 = Σ_k att_k pg_k, S = Σ_k pg_k.
                var a: [Int: Double] = [:], m: [Int: Double] = [:]
                var c1 = 0.0
                for k in ks {
                    let g = cells[k].group
                    a[g, default: 0] += att(k)
                    m[g, default: 0] += 1
                    c1 += att(k) * share(g)
                }
                for i in 0..<n {
                    let g = unitGroups[i]
                    psi[i] += ((a[g] ?? 0) - c1) / total - ((m[g] ?? 0) - total) * c1 / (total * total)
                }
            }
            return (estimate, psi)
        }

        var entryValues: [Int] = []
        var entryATT: [Double] = []
        var entryPsi: [[Double]] = []   // emptied into the influence matrix below
        let overall: (att: Double, psi: [Double])
        switch type {
        case .simple:
            let ks = usable.filter { cells[$0].group <= cells[$0].time && cells[$0].time <= addCapped(cells[$0].group, maxE) }
            guard !ks.isEmpty else { throw EstimationError("no post-treatment ATT(g,t) to aggregate") }
            overall = combine(ks, estimatedWeights: true)
        case .dynamic:
            var include = Set(usable)
            var events = Array(Set(usable.map { cells[$0].time - cells[$0].group })).sorted()
            if let b = options.balanceEventTime {
                let lastT = periods.last!, firstT = periods.first!
                include = include.filter { lastT - cells[$0].group >= b }
                events = events.filter { $0 <= b && $0 >= b - lastT + firstT }
            }
            events = events.filter { $0 >= minE && $0 <= maxE }
            for e in events {
                let ks = include.filter { cells[$0].time - cells[$0].group == e }.sorted()
                guard !ks.isEmpty else { continue }
                let r = combine(ks, estimatedWeights: true)
                entryValues.append(e); entryATT.append(r.att); entryPsi.append(r.psi)
            }
            let post = entryValues.indices.filter { entryValues[$0] >= 0 }
            guard !post.isEmpty else { throw EstimationError("no event time e ≥ 0 to average in the dynamic aggregation") }
            overall = GroupTimeATT.mean(post.map { entryATT[$0] }, post.map { entryPsi[$0] }, n: n)
        case .group:
            var groupShares: [Double] = []
            for g in cohorts {
                let ks = usable.filter { cells[$0].group == g && g <= cells[$0].time && cells[$0].time <= addCapped(g, maxE) }
                guard !ks.isEmpty else { continue }
                let r = combine(ks, estimatedWeights: false)
                entryValues.append(g); entryATT.append(r.att); entryPsi.append(r.psi)
                groupShares.append(share(g))
            }
            guard !entryValues.isEmpty else { throw EstimationError("no post-treatment ATT(g,t) to aggregate by cohort") }
            // Overall: Σ_g θ_g pg / Σ pg, with the influence of the estimated pg.
            let total = groupShares.reduce(0, +)
            var psi = [Double](repeating: 0, count: n)
            var estimate = 0.0
            var c1 = 0.0
            var byGroup: [Int: Double] = [:]
            for (j, g) in entryValues.enumerated() {
                let w = groupShares[j] / total
                estimate += w * entryATT[j]
                for i in 0..<n { psi[i] += w * entryPsi[j][i] }
                c1 += entryATT[j] * groupShares[j]
                byGroup[g] = entryATT[j]
            }
            for i in 0..<n {
                let g = unitGroups[i]
                let a = byGroup[g] ?? 0, m: Double = byGroup[g] == nil ? 0 : 1
                psi[i] += (a - c1) / total - (m - total) * c1 / (total * total)
            }
            overall = (estimate, psi)
        case .calendar:
            let minG = usable.map { cells[$0].group }.min()!
            for t in periods where t >= minG {
                let ks = usable.filter { cells[$0].time == t && cells[$0].group <= t }
                guard !ks.isEmpty else { continue }
                let r = combine(ks, estimatedWeights: true)
                entryValues.append(t); entryATT.append(r.att); entryPsi.append(r.psi)
            }
            guard !entryValues.isEmpty else { throw EstimationError("no post-treatment ATT(g,t) to aggregate by calendar period") }
            overall = GroupTimeATT.mean(entryATT, entryPsi, n: n)
        }

        // Standard errors.
        let m = entryPsi.count
        var storage: [Double] = []
        storage.reserveCapacity(n * (m + 1))
        for j in 0..<m { storage += entryPsi[j]; entryPsi[j] = [] }
        storage += overall.psi
        let psiMatrix = Matrix(rows: n, columns: m + 1, columnMajor: storage)
        storage = []
        var se = GroupTimeATT.analyticStandardErrors(psiMatrix, cluster: unitCluster, clusters: clusterCount)
        var crit: Double?
        if let options = specification.bootstrap {
            let boot = MultiplierBootstrap(options: options, clusterOfUnit: unitCluster, clusterCount: clusterCount)
            let draws = boot.replicates(psiMatrix)
            let b = draws.rows
            if m > 0 {
                let entriesOnly = Matrix(rows: b, columns: m, columnMajor: Array(draws.storage[0..<(b * m)]))
                let s = MultiplierBootstrap.summarize(entriesOnly, units: n, clusters: clusterCount, alpha: specification.alpha)
                for j in 0..<m where se[j] != nil { se[j] = s.se[j] }
                crit = s.criticalValue
            }
            let overallOnly = Matrix(rows: b, columns: 1, columnMajor: Array(draws.storage[(b * m)..<(b * (m + 1))]))
            let s = MultiplierBootstrap.summarize(overallOnly, units: n, clusters: clusterCount, alpha: specification.alpha)
            if se[m] != nil { se[m] = s.se[0] }
        }
        let z = try Normal.quantile(1 - specification.alpha / 2)
        let entries = (0..<m).map { j -> AggregatedATT.Entry in
            let a = entryATT[j]
            return AggregatedATT.Entry(
                value: entryValues[j], att: a, standardError: se[j],
                confidenceInterval: se[j].map { (a - z * $0)...(a + z * $0) },
                uniformBand: crit.flatMap { c in se[j].map { (a - c * $0)...(a + c * $0) } })
        }
        return AggregatedATT(
            type: type, overallATT: overall.att, overallStandardError: se[m],
            overallConfidenceInterval: se[m].map { (overall.att - z * $0)...(overall.att + z * $0) },
            entries: entries, pointwiseCriticalValue: z, uniformCriticalValue: crit,
            bootstrapped: specification.bootstrap != nil, warnings: warnings, influence: psiMatrix)
    }

    /// Equal-weight mean of estimates and of their influence functions (no estimated weights).
    static func mean(_ atts: [Double], _ psis: [[Double]], n: Int) -> (att: Double, psi: [Double]) {
        let w = 1 / Double(atts.count)
        var psi = [Double](repeating: 0, count: n)
        for p in psis { for i in 0..<n { psi[i] += w * p[i] } }
        return (atts.reduce(0, +) * w, psi)
    }
}

/// g + e without overflow (e may be Int.max for "no cap").
private func addCapped(_ g: Int, _ e: Int) -> Int {
    let (s, o) = g.addingReportingOverflow(e)
    return o ? (e > 0 ? Int.max : Int.min) : s
}
