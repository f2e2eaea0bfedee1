/// Balance of one term in one sample (before or after matching), with MatchIt 4.5's
/// `summary(standardize = TRUE)` definitions for the ATT.
public struct BalanceStatistics: Sendable, Equatable {
    /// |SMD| at or above this is flagged (the usual 0.1 rule).
    public static let smdThreshold = 0.1
    /// Variance ratios outside this range are flagged.
    public static let varianceRatioRange = 0.5...2.0

    /// Weighted means of the treated and control groups.
    public let meanTreated: Double
    public let meanControl: Double
    /// (mean_T − mean_C) / sd_T with sd_T from `BalanceColumn.treatedSD`. When
    /// |mean_T − mean_C| ≤ √ε (≈ 1.5e-8) MatchIt reports the raw, unstandardised difference, and so
    /// does this.
    public let standardizedMeanDifference: Double
    /// wvar_T / wvar_C with `cov.wt`'s unbiased weighted variance; `nil` for binary terms (MatchIt
    /// does not compute it) and when a group has a single unit with weight.
    public let varianceRatio: Double?
    /// Mean and maximum over the distinct values u of the term in the whole sample (zero-weight
    /// units included) of |F_T(u) − F_C(u)|, with F the eCDFs under weights normalised to 1 in each
    /// group. The maximum is the Kolmogorov–Smirnov statistic. Binary terms: both |p_T − p_C|.
    public let ecdfMean: Double
    public let ecdfMax: Double
    /// After matching only: mean |x_t − x_c| over all (treated, control) entries of the matched
    /// sets, divided by sd_T (MatchIt's "Std. Pair Dist."); like the SMD, not divided when the
    /// means agree to √ε.
    public let standardizedPairDistance: Double?

    /// |SMD| ≥ 0.1.
    public var isMeanImbalanced: Bool { abs(standardizedMeanDifference) >= Self.smdThreshold }
    /// Variance ratio outside [0.5, 2].
    public var isVarianceImbalanced: Bool { varianceRatio.map { !Self.varianceRatioRange.contains($0) } ?? false }

    /// - Parameter groups: the treated and the control rows, each ascending.
    init(_ column: BalanceColumn, treated: [Bool], groups: (treated: [Int], control: [Int]), weights: [Double], matchedSets: [MatchedSet]?) {
        let x = column.values
        let (treatedRows, controlRows) = groups
        meanTreated = BalanceColumn.weightedMean(x, weights, treatedRows)
        meanControl = BalanceColumn.weightedMean(x, weights, controlRows)
        let difference = meanTreated - meanControl
        // MatchIt standardises by 1 (not at all) when the means agree to √ε.
        let denominator = abs(difference) <= Double.ulpOfOne.squareRoot() ? 1 : column.treatedSD
        standardizedMeanDifference = difference / denominator

        if column.isBinary {
            varianceRatio = nil
            ecdfMean = abs(difference)
            ecdfMax = abs(difference)
        } else {
            let vt = BalanceColumn.weightedVariance(x, weights, treatedRows)
            let vc = BalanceColumn.weightedVariance(x, weights, controlRows)
            varianceRatio = vt.isFinite && vc.isFinite && vc > 0 ? vt / vc : nil
            (ecdfMean, ecdfMax) = Self.ecdfDifferences(column, treated: treated, weights: weights)
        }

        standardizedPairDistance = matchedSets.map { sets in
            var sum = 0.0, entries = 0
            for set in sets {
                for c in set.controls {
                    sum += abs(x[set.treated] - x[c])
                    entries += 1
                }
            }
            return sum / Double(entries) / denominator
        }
    }

    /// Mean and max of |F_T − F_C| over the distinct values, walking the rows in value order.
    private static func ecdfDifferences(_ column: BalanceColumn, treated: [Bool], weights: [Double]) -> (mean: Double, max: Double) {
        var totalTreated = 0.0, totalControl = 0.0
        for i in weights.indices {
            if treated[i] { totalTreated += weights[i] } else { totalControl += weights[i] }
        }
        let x = column.values
        var cumulativeTreated = 0.0, cumulativeControl = 0.0
        var sum = 0.0, largest = 0.0, distinct = 0
        for (k, i) in column.order.enumerated() {
            if treated[i] { cumulativeTreated += weights[i] } else { cumulativeControl += weights[i] }
            let last = k + 1 == column.order.count || x[column.order[k + 1]] != x[i]
            guard last else { continue }
            let gap = abs(cumulativeTreated / totalTreated - cumulativeControl / totalControl)
            sum += gap
            largest = max(largest, gap)
            distinct += 1
        }
        return (sum / Double(distinct), largest)
    }
}
