import EffektNumerics

/// The Mahalanobis distance between units as MatchIt 4.5 defines it for `distance = "mahalanobis"`.
///
/// Covariates are standardised (n − 1 SD over all rows; constant columns carry no distance and are
/// dropped, as MatchIt drops zero-variance columns), and S is the pooled within-group covariance of
/// the standardised covariates, Σ_g Σ_{i∈g} (z_i − z̄_g)(z_i − z̄_g)ᵀ / (n − 2). S is inverted by
/// Moore–Penrose: eigenvalues ≤ 1e-8 × the largest are dropped, because collinear columns (all levels
/// of a factor) make S singular. d(i, j)² = (z_i − z_j)ᵀ S⁺ (z_i − z_j).
///
/// The distance is computed from the difference vector x_i − x_j, so it depends on nothing else:
/// pairs whose differences are equal or opposite (say ages 19 and 23 around a treated 21) get
/// bit-identical distances and are true ties, resolved by the matching's tie rule. MatchIt instead
/// transforms each row first, and its rounding breaks such ties arbitrarily.
struct MahalanobisMetric {
    /// Row-major n × p covariates (non-constant columns).
    private let values: [Double]
    private let p: Int
    /// p × rank projection: diag(1/sd) V diag(λ^(−1/2)) over the kept eigenpairs, row-major.
    private let projection: [Double]
    private let rank: Int

    init(covariates x: Matrix, treated: [Bool]) {
        let n = x.rows
        var kept: [[Double]] = [], scales: [Double] = []
        for j in 0..<x.columns {
            let col = x.column(j)
            let mean = col.reduce(0, +) / Double(n)
            let sd = (col.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)).squareRoot()
            if sd > 0 {
                kept.append(col)
                scales.append(sd)
            }
        }
        p = kept.count
        // Pooled within-group covariance of the standardised columns.
        let centred = zip(kept, scales).map { col, sd -> [Double] in
            var out = col.map { $0 / sd }
            for group in [true, false] {
                let rows = (0..<n).filter { treated[$0] == group }
                let mean = rows.reduce(0) { $0 + out[$1] } / Double(rows.count)
                for i in rows { out[i] -= mean }
            }
            return out
        }
        var covariance = Matrix(rows: p, columns: p)
        for a in 0..<p {
            for b in 0...a {
                let s = (0..<n).reduce(0) { $0 + centred[a][$1] * centred[b][$1] }
                covariance[a, b] = s / Double(n - 2)
                covariance[b, a] = covariance[a, b]
            }
        }
        let eigen = SymmetricEigen(covariance)
        let largest = eigen.values.max() ?? 0
        let directions = eigen.values.indices.filter { eigen.values[$0] > 1e-8 * largest }
        rank = directions.count
        var w = [Double](repeating: 0, count: p * rank)
        for (k, e) in directions.enumerated() {
            let factor = 1 / eigen.values[e].squareRoot()
            for j in 0..<p { w[j * rank + k] = eigen.vectors[j, e] * factor / scales[j] }
        }
        projection = w
        var rowMajor = [Double](repeating: 0, count: n * p)
        for (j, col) in kept.enumerated() {
            for i in 0..<n { rowMajor[i * p + j] = col[i] }
        }
        values = rowMajor
    }

    /// d(i, j)², from the difference of the two rows.
    func squaredDistance(_ i: Int, _ j: Int) -> Double {
        var total = 0.0
        for k in 0..<rank {
            var u = 0.0
            for c in 0..<p { u += (values[i * p + c] - values[j * p + c]) * projection[c * rank + k] }
            total += u * u
        }
        return total
    }
}
