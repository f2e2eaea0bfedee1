import Foundation
import CLapack

/// Cholesky factorisation A = UᵀU of a symmetric positive-definite matrix (LAPACK `dpotrf`),
/// with solves (`dpotrs`) and the inverse (`dpotri`).
public struct Cholesky: Sendable {
    /// The upper-triangular factor U (the strict lower triangle is zero).
    public let factor: Matrix

    /// Factors `a` (only its upper triangle is read).
    /// - Throws: `NumericsError.notPositiveDefinite(what:)` when a leading minor is not positive.
    public init(_ a: Matrix, what: String = "matrix") throws {
        precondition(a.rows == a.columns, "Cholesky: matrix is not square")
        if let bad = a.firstNonFinite() { throw NumericsError.nonFinite(what: what, row: bad.row, column: bad.column) }
        var u = a
        let n = Int32(a.rows)
        let info = u.withMutableView { v in
            LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), n, v.base, Int32(v.leadingDimension))
        }
        if info > 0 { throw NumericsError.notPositiveDefinite(what: what) }
        if info < 0 { throw NumericsError.lapack(routine: "dpotrf", info: info) }
        for j in 0..<a.columns { for i in (j + 1)..<max(a.rows, j + 1) { u[i, j] = 0 } }
        factor = u
    }

    /// Wraps an upper-triangular R with RᵀR = A (e.g. from a QR decomposition) without refactoring.
    public init(upperFactor r: Matrix) {
        factor = r
    }

    /// Solves A x = b.
    public func solve(_ b: [Double]) -> [Double] {
        var x = b
        let n = Int32(factor.rows)
        factor.withView { u in
            x.withUnsafeMutableBufferPointer { xb in
                _ = LAPACKE_dpotrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), n, 1, u.base, Int32(u.leadingDimension),
                                   xb.baseAddress, max(n, 1))
            }
        }
        return x
    }

    /// A⁻¹ = U⁻¹U⁻ᵀ, both triangles filled.
    public func inverse() throws -> Matrix {
        var inv = factor
        let n = Int32(factor.rows)
        let info = inv.withMutableView { v in
            LAPACKE_dpotri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), n, v.base, Int32(v.leadingDimension))
        }
        if info > 0 { throw NumericsError.notPositiveDefinite(what: "Cholesky factor") }
        if info < 0 { throw NumericsError.lapack(routine: "dpotri", info: info) }
        inv.symmetrizeUpper()
        return inv
    }
}

extension Cholesky {
    /// Columns of a Gram matrix A = XᵀWX that are linearly independent of the columns before them,
    /// deciding in column order as R's `dqrdc2` does: column j is dropped when its residual norm after
    /// projection on the kept earlier columns, √(Schur complement), is below `tolerance` × its own
    /// norm √Aⱼⱼ. Working on A instead of X, the ratio is resolved down to about √ε ≈ 1.5e-8, so the
    /// tolerance must stay above that (R's `lm` uses 1e-7).
    public static func independentColumns(gram a: Matrix, tolerance: Double = 1e-7) -> [Int] {
        let p = a.rows
        var kept: [Int] = []
        // l[j] = row j of the factor restricted to kept columns (lower-triangular, by kept index).
        var factorRows: [[Double]] = Array(repeating: [], count: p)
        for j in 0..<p {
            let original = a[j, j]
            guard original > 0 else { continue }
            var row = [Double](repeating: 0, count: kept.count)
            for (m, i) in kept.enumerated() {
                var s = a[i, j]
                for q in 0..<m { s -= factorRows[i][q] * row[q] }
                row[m] = s / factorRows[i][m]
            }
            let schur = original - row.reduce(0) { $0 + $1 * $1 }
            if schur > 0, schur.squareRoot() >= tolerance * original.squareRoot() {
                row.append(schur.squareRoot())
                factorRows[j] = row
                kept.append(j)
            }
        }
        return kept
    }
}
