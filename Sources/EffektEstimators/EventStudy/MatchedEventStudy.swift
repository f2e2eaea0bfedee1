import EffektData
import EffektNumerics
import Foundation

/// Difference-in-differences on matched pairs in event time: the main per-insats estimator.
///
/// For pair j (treated i, control c, reference month m, weight wⱼ) and event month e,
/// dⱼ(e) = [Yᵢ(m+e) − Ȳᵢ,pre] − [Y_c(m+e) − Ȳ_c,pre], with the pre-period mean over
/// e ∈ [first, −1]. ATT(e) = Σ wⱼ dⱼ(e) / Σ wⱼ; the cumulative ATT at horizon h is
/// Σ_{e=0}^{h−1} ATT(e) (kronor per participant over the first h months, start month included),
/// the definition `effekt simulate` uses for its truth.
///
/// Standard errors cluster on matched sets, as Abadie & Spiess (2022, "Robust post-matching
/// inference", JASA) show is right after matching: the treated and control outcomes of a pair
/// are correlated by construction (they were matched on history), so the pair, not the person,
/// is the unit. Because one person can appear in several pairs (a control reused in other
/// months, a person who is a control before being treated), clusters are the connected
/// components of the graph whose nodes are persons and whose edges are pairs. With Aⱼ, Bⱼ the
/// treated and control parts of dⱼ, the influence function of cluster C is
/// ψ_C(e) = Σ_{j∈C} wⱼ[(Aⱼ(e) − Ā(e)) − (Bⱼ(e) − B̄(e))]/W, and V = G/(G−1) Σ_C ψ_C ψ_Cᵀ over the
/// G clusters: the cluster-robust sandwich of the stacked regression of the parts on a treated
/// dummy. Pre-period ATT(e) are placebo checks; their joint Wald test uses e ∈ [first, −2] (the
/// pre-period deviations sum to zero, so one is redundant).
public struct MatchedEventStudy: Sendable {
    public struct Estimate: NormalInference, Sendable, Equatable {
        public var eventMonth: Int
        public var att: Double
        public var standardError: Double
        /// Mean outcome of the matched controls (the counterfactual level), weighted as the ATT.
        public var controlMean: Double
    }

    public struct Cumulative: NormalInference, Sendable, Equatable {
        public var horizon: Int
        public var att: Double
        public var standardError: Double
        /// Σ of the controls' mean outcome over the same months: the counterfactual total.
        public var controlTotal: Double
    }

    public struct WaldTest: Sendable, Equatable {
        public var statistic: Double
        public var degreesOfFreedom: Int
        public var p: Double
    }

    public let outcome: PanelOutcome
    public let eventMonths: ClosedRange<Int>
    public let monthly: [Estimate]
    public let cumulative: [Cumulative]
    public let placebo: WaldTest?
    public let pairCount: Int
    public let treatedCount: Int
    public let personCount: Int
    /// Matched-set clusters behind the standard errors (connected components of persons and pairs).
    public let clusterCount: Int
    public let notes: [String]

    /// - Parameters:
    ///   - eventMonths: from the first pre-period month (negative) to the last post month.
    ///   - horizons: cumulative horizons in months (each ≤ last event month + 1).
    public init(panel: PersonMonthPanel, pairs: [MatchedPair], outcome: PanelOutcome = .kronor,
                eventMonths: ClosedRange<Int> = -12...23, horizons: [Int] = [6, 12, 18, 24],
                selfSufficientMonths: Int = 3) throws {
        guard eventMonths.lowerBound < 0, eventMonths.upperBound >= 0 else {
            throw EstimationError("the event window must include pre-period months (e < 0) and the start month (e = 0)")
        }
        guard !pairs.isEmpty else { throw EstimationError("no matched pairs: nothing to estimate") }
        if let bad = horizons.first(where: { $0 < 1 || $0 > eventMonths.upperBound + 1 }) {
            throw EstimationError("horizon \(bad) is outside the event window (1…\(eventMonths.upperBound + 1) months)")
        }
        let first = eventMonths.lowerBound
        let length = eventMonths.count
        let preCount = -first
        // Keep pairs whose whole event window lies in the panel.
        var used: [MatchedPair] = []
        used.reserveCapacity(pairs.count)
        for pair in pairs where Int(pair.month) + first >= 0 && Int(pair.month) + eventMonths.upperBound < panel.months && pair.weight > 0 {
            used.append(pair)
        }
        var notes: [String] = []
        if used.count < pairs.count {
            notes.append("\(pairs.count - used.count) pair(s) left out: their event window \(first)…\(eventMonths.upperBound) is not inside the data")
        }
        guard !used.isEmpty else { throw EstimationError("no pair has its whole event window inside the data") }

        let (cluster, g) = Self.matchedSetClusters(used, persons: panel.persons)
        // Treated and control parts, per pair and event month.
        let n = used.count
        var a = [Double](repeating: 0, count: n * length), b = a, level = a
        var totalWeight = 0.0
        for (j, pair) in used.enumerated() {
            let m = Int(pair.month)
            var preT = 0.0, preC = 0.0
            for e in first..<0 {
                preT += outcome.value(panel, person: Int(pair.treated), month: m + e, selfSufficientMonths: selfSufficientMonths)
                preC += outcome.value(panel, person: Int(pair.control), month: m + e, selfSufficientMonths: selfSufficientMonths)
            }
            preT /= Double(preCount)
            preC /= Double(preCount)
            for k in 0..<length {
                let t = m + first + k
                let yt = outcome.value(panel, person: Int(pair.treated), month: t, selfSufficientMonths: selfSufficientMonths)
                let yc = outcome.value(panel, person: Int(pair.control), month: t, selfSufficientMonths: selfSufficientMonths)
                a[j * length + k] = yt - preT
                b[j * length + k] = yc - preC
                level[j * length + k] = yc
            }
            totalWeight += pair.weight
        }
        var meanA = [Double](repeating: 0, count: length), meanB = meanA, meanLevel = meanA
        for (j, pair) in used.enumerated() {
            for k in 0..<length {
                meanA[k] += pair.weight * a[j * length + k]
                meanB[k] += pair.weight * b[j * length + k]
                meanLevel[k] += pair.weight * level[j * length + k]
            }
        }
        for k in 0..<length { meanA[k] /= totalWeight; meanB[k] /= totalWeight; meanLevel[k] /= totalWeight }
        // Influence functions per matched-set cluster, then the clustered covariance of ATT(e).
        var psi = Matrix(rows: g, columns: length)
        for (j, pair) in used.enumerated() {
            let c = Int(cluster[j])
            let w = pair.weight / totalWeight
            for k in 0..<length {
                psi[c, k] += w * ((a[j * length + k] - meanA[k]) - (b[j * length + k] - meanB[k]))
            }
        }
        var covariance = psi.crossProduct
        let factor = g > 1 ? Double(g) / Double(g - 1) : 1
        for i in 0..<covariance.storage.count { covariance.storage[i] *= factor }

        monthly = (0..<length).map { k in
            Estimate(eventMonth: first + k, att: meanA[k] - meanB[k], standardError: covariance[k, k].squareRoot(),
                     controlMean: meanLevel[k])
        }
        cumulative = horizons.map { h in
            let ks = Array(preCount..<(preCount + h))
            var variance = 0.0
            for k1 in ks { for k2 in ks { variance += covariance[k1, k2] } }
            return Cumulative(horizon: h, att: ks.reduce(0) { $0 + meanA[$1] - meanB[$1] },
                              standardError: max(variance, 0).squareRoot(), controlTotal: ks.reduce(0) { $0 + meanLevel[$1] })
        }
        // Placebo: ATT(e) = 0 for e in first…−2.
        if preCount >= 2 {
            let ks = Array(0..<(preCount - 1))
            let theta = ks.map { meanA[$0] - meanB[$0] }
            let v = covariance.selectingColumns(ks).selectingRows(ks)
            if let chol = try? Cholesky(v, what: "the placebo covariance") {
                let solved = chol.solve(theta)
                let stat = zip(theta, solved).reduce(0) { $0 + $1.0 * $1.1 }
                let df = ks.count
                placebo = WaldTest(statistic: stat, degreesOfFreedom: df, p: try ChiSquare(degreesOfFreedom: Double(df)).survival(stat))
            } else {
                placebo = nil
                notes.append("the placebo test could not be computed (the pre-period outcome does not vary)")
            }
        } else {
            placebo = nil
        }
        self.outcome = outcome
        self.eventMonths = eventMonths
        self.pairCount = used.count
        self.treatedCount = Set(used.map(\.treated)).count
        self.personCount = Set(used.flatMap { [$0.treated, $0.control] }).count
        self.clusterCount = g
        self.notes = notes
    }
}

extension MatchedEventStudy {
    /// The cluster of every pair (0-based, numbered in order of first appearance) and the number
    /// of clusters: pairs that share a person, directly or through other pairs, are one cluster
    /// (union–find with path halving over the persons in the pairs).
    static func matchedSetClusters(_ pairs: [MatchedPair], persons: Int) -> (cluster: [Int32], count: Int) {
        var parent = [Int32](repeating: -1, count: persons)
        func root(_ p: Int32) -> Int32 {
            var p = p
            while parent[Int(p)] != p {
                parent[Int(p)] = parent[Int(parent[Int(p)])]
                p = parent[Int(p)]
            }
            return p
        }
        for pair in pairs {
            for p in [pair.treated, pair.control] where parent[Int(p)] < 0 { parent[Int(p)] = p }
            let a = root(pair.treated), b = root(pair.control)
            if a != b { parent[Int(max(a, b))] = min(a, b) }
        }
        var label = [Int32](repeating: -1, count: persons)
        var count: Int32 = 0
        let cluster = pairs.map { pair -> Int32 in
            let r = Int(root(pair.treated))
            if label[r] < 0 { label[r] = count; count += 1 }
            return label[r]
        }
        return (cluster, Int(count))
    }

    /// Each pair's difference-in-differences summed over event months 0…horizon−1, the paired
    /// quantity behind the cumulative ATT (for sensitivity analysis); pairs whose window leaves
    /// the data are skipped.
    public static func pairDifferences(panel: PersonMonthPanel, pairs: [MatchedPair], outcome: PanelOutcome = .kronor,
                                       preMonths: Int = 12, horizon: Int = 12) -> [Double] {
        pairs.compactMap { pair in
            let m = Int(pair.month), t = Int(pair.treated), c = Int(pair.control)
            guard m - preMonths >= 0, m + horizon <= panel.months else { return nil }
            func change(_ p: Int) -> Double {
                let pre = (m - preMonths..<m).reduce(0.0) { $0 + outcome.value(panel, person: p, month: $1) } / Double(preMonths)
                return (m..<(m + horizon)).reduce(0.0) { $0 + outcome.value(panel, person: p, month: $1) - pre }
            }
            return change(t) - change(c)
        }
    }
}

/// An estimate with a standard error and large-sample (normal) inference.
public protocol NormalInference {
    var att: Double { get }
    var standardError: Double { get }
}

extension NormalInference {
    /// Lower end of the 95 % interval, att − z₀.₉₇₅·SE.
    public var ciLow: Double { att - 1.959963984540054 * standardError }
    /// Upper end of the 95 % interval.
    public var ciHigh: Double { att + 1.959963984540054 * standardError }
    /// Two-sided p-value of att = 0.
    public var p: Double { standardError > 0 ? 2 * Normal.survival(abs(att / standardError)) : .nan }
}
