/// One term prepared for balance statistics: its values, whether it is binary, the SD that
/// standardises it, and the row order by value (for the eCDFs).
struct BalanceColumn {
    let term: String
    let values: [Double]
    let isBinary: Bool
    /// The SMD denominator for the ATT (MatchIt `s.d.denom = "treated"`): the SD of the full
    /// treated group under the before-weights, matching weights ignored, so it is the same before
    /// and after matching. Binary: √(p(1 − p)) with p the treated proportion (no n − 1 correction);
    /// otherwise the square root of `weightedVariance` (the n − 1 SD with unit weights).
    let treatedSD: Double
    /// Rows sorted by value (empty for binary terms, whose eCDF statistics need no order).
    let order: [Int]

    /// - Parameter treatedRows: the treated rows, ascending.
    init(term: String, values: [Double], isBinary: Bool, treatedRows: [Int], weightsBefore: [Double]) {
        self.term = term
        self.values = values
        self.isBinary = isBinary
        if isBinary {
            let p = Self.weightedMean(values, weightsBefore, treatedRows)
            treatedSD = (p * (1 - p)).squareRoot()
        } else {
            treatedSD = Self.weightedVariance(values, weightsBefore, treatedRows).squareRoot()
        }
        order = isBinary ? [] : StableOrder.permutation(values).map(Int.init)
    }

    static func weightedMean(_ x: [Double], _ w: [Double], _ rows: [Int]) -> Double {
        var sx = 0.0, sw = 0.0
        for i in rows {
            sx += w[i] * x[i]
            sw += w[i]
        }
        return sx / sw
    }

    /// `cov.wt`'s unbiased weighted variance, as MatchIt: with weights normalised to sum 1 over
    /// `rows`, Σ w (x − x̄_w)² / (1 − Σ w²). With equal weights this is the n − 1 sample variance.
    static func weightedVariance(_ x: [Double], _ w: [Double], _ rows: [Int]) -> Double {
        let total = rows.reduce(0) { $0 + w[$1] }
        let mean = weightedMean(x, w, rows)
        var ss = 0.0, sumSquaredWeights = 0.0
        for i in rows {
            let wi = w[i] / total
            ss += wi * (x[i] - mean) * (x[i] - mean)
            sumSquaredWeights += wi * wi
        }
        return ss / (1 - sumSquaredWeights)
    }
}
