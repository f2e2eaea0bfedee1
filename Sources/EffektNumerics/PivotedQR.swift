import Foundation

/// Householder QR decomposition with R's limited column pivoting (LINPACK `dqrdc2`, the routine
/// behind R's `lm` and `glm`), for rank detection that drops the same columns R drops.
///
/// Columns are processed left to right. A column whose norm, after removing its projection on the
/// columns kept so far, falls below `tolerance` × its original norm is aliased: it is moved to the
/// end and the next column is tried. The first `rank` entries of `pivot` are the kept columns in
/// their original order; the rest are the aliased ones. R's `lm` uses `tolerance = 1e-7`.
///
/// The level-1 work (dot, axpy, norms over a column) goes through BLAS.
public struct PivotedQR: Sendable {
    /// Compact form: R in the upper triangle of the first `rank` columns, Householder vectors below.
    public let qr: Matrix
    /// Householder scalars (`qraux` in LINPACK).
    public let qraux: [Double]
    /// Numerical rank.
    public let rank: Int
    /// Column order after pivoting: `pivot[k]` is the original index of column k.
    public let pivot: [Int]

    public init(_ x: Matrix, tolerance: Double = 1e-7) {
        let n = x.rows, p = x.columns
        var a = x
        var qraux = [Double](repeating: 0, count: p)
        var originalNorm = [Double](repeating: 0, count: p)
        var pivot = Array(0..<p)
        var active = p     // columns at index ≥ active have been moved to the end as aliased
        a.withMutableView { v in
            guard let base = v.base else { return }
            let ld = v.leadingDimension
            for j in 0..<p {
                qraux[j] = BLAS.norm2(n, base + j * ld)
                originalNorm[j] = qraux[j] == 0 ? 1 : qraux[j]
            }
            var scratch = [Double](repeating: 0, count: n)
            for l in 0..<min(n, p) {
                // Cycle negligible columns to the end.
                while l < active && qraux[l] < originalNorm[l] * tolerance {
                    let col = base + l * ld
                    scratch.withUnsafeMutableBufferPointer { s in
                        s.baseAddress!.update(from: col, count: n)
                        for j in (l + 1)..<p { (base + (j - 1) * ld).update(from: base + j * ld, count: n) }
                        (base + (p - 1) * ld).update(from: s.baseAddress!, count: n)
                    }
                    pivot.append(pivot.remove(at: l))
                    qraux.append(qraux.remove(at: l))
                    originalNorm.append(originalNorm.remove(at: l))
                    active -= 1
                }
                if l == n - 1 { break }
                // Householder transformation for column l, rows l..<n.
                let col = base + l * ld + l
                let m = n - l
                var norm = BLAS.norm2(m, col)
                if norm == 0 { continue }
                if col[0] != 0 { norm = col[0] < 0 ? -abs(norm) : abs(norm) }
                let scale = 1 / norm
                for i in 0..<m { col[i] *= scale }
                col[0] += 1
                for j in (l + 1)..<max(p, l + 1) {
                    let target = base + j * ld + l
                    let t = -BLAS.dot(m, col, target) / col[0]
                    BLAS.axpy(m, t, col, target)
                    if qraux[j] != 0 {
                        let ratio = abs(target[0]) / qraux[j]
                        let remaining = max(1 - ratio * ratio, 0)
                        if abs(remaining) < 1e-6 {
                            qraux[j] = BLAS.norm2(m - 1, target + 1)
                        } else {
                            qraux[j] *= remaining.squareRoot()
                        }
                    }
                }
                qraux[l] = col[0]
                col[0] = -norm
            }
        }
        self.qr = a
        self.qraux = qraux
        self.rank = min(active, n)
        self.pivot = pivot
    }

    /// The kept (non-aliased) columns, in their original order.
    public var keptColumns: [Int] { Array(pivot.prefix(rank)) }

    /// The aliased columns, in their original order.
    public var aliasedColumns: [Int] { pivot.dropFirst(rank).sorted() }

    /// Qᵀy, applying the first `rank` reflectors (LINPACK `dqrsl`).
    public func qTransposeTimes(_ y: [Double]) -> [Double] {
        let n = qr.rows
        var out = y
        qr.withView { v in
            out.withUnsafeMutableBufferPointer { yb in
                let yp = yb.baseAddress!
                for l in 0..<min(rank, n - 1) where qraux[l] != 0 {
                    // The reflector is (qraux[l], qr[l+1..<n, l]).
                    let col = v.base! + l * v.leadingDimension + l
                    let m = n - l
                    let head = yp[l] * qraux[l]
                    let t = -(head + BLAS.dot(m - 1, col + 1, yp + l + 1)) / qraux[l]
                    yp[l] += t * qraux[l]
                    BLAS.axpy(m - 1, t, col + 1, yp + l + 1)
                }
            }
        }
        return out
    }

    /// The rank × rank upper-triangular factor R of the kept columns.
    public var r: Matrix {
        var out = Matrix(rows: rank, columns: rank)
        for j in 0..<rank { for i in 0...j { out[i, j] = qr[i, j] } }
        return out
    }

    /// Least-squares coefficients of the kept columns (order of `keptColumns`): R β = (Qᵀy)[0..<rank].
    public func solve(_ y: [Double]) -> [Double] {
        let qty = qTransposeTimes(y)
        var beta = Array(qty.prefix(rank))
        for i in stride(from: rank - 1, through: 0, by: -1) {
            var s = beta[i]
            for j in (i + 1)..<max(rank, i + 1) { s -= qr[i, j] * beta[j] }
            beta[i] = s / qr[i, i]
        }
        return beta
    }

    /// (XᵀX)⁻¹ of the kept columns, from R: (RᵀR)⁻¹ (R's `chol2inv`).
    public func unscaledCovariance() throws -> Matrix {
        try Cholesky(upperFactor: r).inverse()
    }
}
