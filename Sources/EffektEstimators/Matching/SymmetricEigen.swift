import EffektNumerics

/// Eigen-decomposition A = V diag(λ) Vᵀ of a small symmetric matrix by the cyclic Jacobi method,
/// for the Moore–Penrose inverse of a covariance matrix in Mahalanobis matching (a few dozen
/// covariates at most; O(p³) per sweep, converging quadratically).
struct SymmetricEigen {
    let values: [Double]
    /// Column k is the unit eigenvector of `values[k]`.
    let vectors: Matrix

    init(_ a: Matrix) {
        precondition(a.rows == a.columns, "eigen-decomposition needs a square matrix")
        let p = a.rows
        var m = a
        var v = Matrix.identity(p)
        let scale = m.storage.reduce(0) { $0 + $1 * $1 }
        for _ in 0..<100 {
            var off = 0.0
            for j in 0..<p { for i in 0..<j { off += m[i, j] * m[i, j] } }
            if off <= 1e-32 * scale { break }
            for q in 1..<max(p, 1) {
                for r in 0..<q where m[r, q] != 0 {
                    // Rotation in the (r, q) plane that zeroes m[r, q].
                    let theta = (m[q, q] - m[r, r]) / (2 * m[r, q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<p {
                        let mkr = m[k, r], mkq = m[k, q]
                        m[k, r] = c * mkr - s * mkq
                        m[k, q] = s * mkr + c * mkq
                    }
                    for k in 0..<p {
                        let mrk = m[r, k], mqk = m[q, k]
                        m[r, k] = c * mrk - s * mqk
                        m[q, k] = s * mrk + c * mqk
                    }
                    for k in 0..<p {
                        let vkr = v[k, r], vkq = v[k, q]
                        v[k, r] = c * vkr - s * vkq
                        v[k, q] = s * vkr + c * vkq
                    }
                }
            }
        }
        values = m.diagonal
        vectors = v
    }
}
