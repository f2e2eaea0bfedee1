/// Sandwich (heteroskedasticity- and cluster-robust) covariance estimators; see `CovarianceType`
/// for the formulas and the R functions each one reproduces.
public enum Sandwich {
    /// V = c · B M B for the robust types. `scores` is n × k with row i = sᵢ; `bread` is k × k.
    /// - Throws: `NumericsError.domain` for fewer than two clusters, or for `.modelBased`
    ///   (which the model computes itself).
    public static func covariance(bread: Matrix, scores: Matrix, type: CovarianceType) throws -> Matrix {
        let n = scores.rows, k = scores.columns
        precondition(bread.rows == k && bread.columns == k, "bread must be k × k")
        let small = n > k ? Double(n - 1) / Double(n - k) : .infinity
        switch type {
        case .modelBased:
            throw NumericsError.domain("model-based covariance is computed by the model, not the sandwich")
        case .hc0:
            return sandwich(bread, meat: scores.crossProduct, factor: 1)
        case .hc1:
            guard n > k else { throw NumericsError.tooFewRows(rows: n, columns: k) }
            return sandwich(bread, meat: scores.crossProduct, factor: Double(n) / Double(n - k))
        case let .cluster(clusters, adjustment):
            try check(clusters, n: n)
            let g = Double(clusters.count)
            var factor = g / (g - 1)
            if adjustment == .cr1 {
                guard n > k else { throw NumericsError.tooFewRows(rows: n, columns: k) }
                factor *= small
            }
            return sandwich(bread, meat: clusterMeat(scores, clusters), factor: factor)
        case let .twoWayCluster(first, second):
            try check(first, n: n)
            try check(second, n: n)
            guard n > k else { throw NumericsError.tooFewRows(rows: n, columns: k) }
            let both = first.intersected(with: second)
            var total = Matrix(rows: k, columns: k)
            for (clusters, sign) in [(first, 1.0), (second, 1.0), (both, -1.0)] {
                let g = Double(clusters.count)
                let factor = g > 1 ? sign * g / (g - 1) * small : 0
                let part = sandwich(bread, meat: clusterMeat(scores, clusters), factor: factor)
                for i in 0..<total.storage.count { total.storage[i] += part.storage[i] }
            }
            return total
        }
    }

    private static func check(_ clusters: ClusterIndex, n: Int) throws {
        precondition(clusters.codes.count == n, "cluster variable '\(clusters.name)' has \(clusters.codes.count) entries for \(n) observations")
        if clusters.count < 2 {
            throw NumericsError.domain("cluster variable '\(clusters.name)' has \(clusters.count) cluster(s): cluster-robust standard errors need at least two (use a robust or model-based variance instead)")
        }
    }

    /// Σ_g u_g u_gᵀ with u_g = Σ_{i ∈ g} sᵢ.
    static func clusterMeat(_ scores: Matrix, _ clusters: ClusterIndex) -> Matrix {
        let n = scores.rows, k = scores.columns, g = clusters.count
        var sums = Matrix(rows: g, columns: k)
        sums.withMutableView { out in
            scores.withView { s in
                clusters.codes.withUnsafeBufferPointer { codes in
                    for j in 0..<k {
                        let src = s.base! + j * s.leadingDimension
                        let dst = out.base! + j * out.leadingDimension
                        for i in 0..<n { dst[Int(codes[i])] += src[i] }
                    }
                }
            }
        }
        return sums.crossProduct
    }

    static func sandwich(_ bread: Matrix, meat: Matrix, factor: Double) -> Matrix {
        var v = bread.multiplied(by: meat).multiplied(by: bread)
        for i in 0..<v.storage.count { v.storage[i] *= factor }
        // Symmetrise exactly (products of symmetric matrices are symmetric only up to rounding).
        for j in 0..<v.columns { for i in 0..<j { let m = 0.5 * (v[i, j] + v[j, i]); v[i, j] = m; v[j, i] = m } }
        return v
    }

    /// Score rows sᵢ = factorᵢ · xᵢ as an n × k matrix.
    public static func scores(design x: Matrix, rowFactors: [Double]) -> Matrix {
        precondition(rowFactors.count == x.rows, "one factor per row")
        var s = x
        s.withMutableView { v in
            rowFactors.withUnsafeBufferPointer { f in
                for j in 0..<v.columns {
                    let col = v.base! + j * v.leadingDimension
                    for i in 0..<v.rows { col[i] *= f[i] }
                }
            }
        }
        return s
    }
}
