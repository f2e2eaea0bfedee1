import CLapack

/// Thin, typed wrappers over the CBLAS routines Effekt uses (OpenBLAS underneath).
///
/// OpenBLAS is pinned to one thread: Effekt parallelises at a coarser grain itself (fixed chunks
/// reduced in chunk order, see `Parallel`), which keeps results identical whatever the number of
/// cores, and avoids the 2–6× slow-down of threaded BLAS called from parallel workers.
public enum BLAS {
    /// Touch before any BLAS call; runs once per process.
    public static let configured: Void = { openblas_set_num_threads(1) }()

    /// C ← α·op(A)·op(B) + β·C   (`dgemm`).
    public static func gemm(_ a: MatrixView, transposeA: Bool = false,
                            _ b: MatrixView, transposeB: Bool = false,
                            alpha: Double = 1, beta: Double = 0, into c: MutableMatrixView) {
        _ = configured
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        precondition((transposeB ? b.columns : b.rows) == k && c.rows == m && c.columns == n, "gemm: dimensions do not conform")
        guard m > 0, n > 0 else { return }
        cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a.base, Int32(a.leadingDimension),
                    b.base, Int32(b.leadingDimension), beta, c.base, Int32(c.leadingDimension))
    }

    /// y ← α·op(A)·x + β·y   (`dgemv`).
    public static func gemv(_ a: MatrixView, transpose: Bool = false, _ x: UnsafePointer<Double>,
                            alpha: Double = 1, beta: Double = 0, into y: UnsafeMutablePointer<Double>) {
        _ = configured
        guard a.rows > 0, a.columns > 0 else {
            let count = transpose ? a.columns : a.rows
            for i in 0..<count { y[i] = beta == 0 ? 0 : beta * y[i] }
            return
        }
        cblas_dgemv(CblasColMajor, transpose ? CblasTrans : CblasNoTrans, Int32(a.rows), Int32(a.columns),
                    alpha, a.base, Int32(a.leadingDimension), x, 1, beta, y, 1)
    }

    /// Upper triangle of C ← α·AᵀA + β·C   (`dsyrk`, the cross-product of a tall block).
    /// Call `symmetrizeUpper` on C before reading its lower triangle.
    public static func syrkTransposed(_ a: MatrixView, alpha: Double = 1, beta: Double = 0, into c: MutableMatrixView) {
        _ = configured
        precondition(c.rows == a.columns && c.columns == a.columns, "syrk: C must be \(a.columns)×\(a.columns)")
        guard a.columns > 0 else { return }
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(a.columns), Int32(a.rows),
                    alpha, a.base, Int32(max(a.leadingDimension, 1)), beta, c.base, Int32(c.leadingDimension))
    }

    /// x · y over `count` entries (`ddot`).
    @inlinable
    public static func dot(_ count: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        count > 0 ? cblas_ddot(Int32(count), x, 1, y, 1) : 0
    }

    /// y ← α·x + y over `count` entries (`daxpy`).
    @inlinable
    public static func axpy(_ count: Int, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        if count > 0 { cblas_daxpy(Int32(count), alpha, x, 1, y, 1) }
    }

    /// Euclidean norm ‖x‖₂ over `count` entries, without overflow (`dnrm2`).
    @inlinable
    public static func norm2(_ count: Int, _ x: UnsafePointer<Double>) -> Double {
        count > 0 ? cblas_dnrm2(Int32(count), x, 1) : 0
    }
}

public extension Matrix {
    /// The product `op(self) · op(other)`.
    func multiplied(by other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false) -> Matrix {
        var c = Matrix(rows: transposeSelf ? columns : rows, columns: transposeOther ? other.rows : other.columns)
        withView { a in other.withView { b in c.withMutableView { BLAS.gemm(a, transposeA: transposeSelf, b, transposeB: transposeOther, into: $0) } } }
        return c
    }

    /// The product `op(self) · v`.
    func multiplied(by v: [Double], transposeSelf: Bool = false) -> [Double] {
        precondition(v.count == (transposeSelf ? rows : columns), "matrix–vector product: vector length \(v.count) does not conform")
        var out = [Double](repeating: 0, count: transposeSelf ? columns : rows)
        withView { a in v.withUnsafeBufferPointer { x in out.withUnsafeMutableBufferPointer { y in
            BLAS.gemv(a, transpose: transposeSelf, x.baseAddress!, into: y.baseAddress!)
        } } }
        return out
    }

    /// The cross-product XᵀX (symmetric, both triangles filled).
    var crossProduct: Matrix {
        var c = Matrix(rows: columns, columns: columns)
        withView { a in c.withMutableView { BLAS.syrkTransposed(a, into: $0) } }
        c.symmetrizeUpper()
        return c
    }

    /// Copies the upper triangle into the lower one.
    mutating func symmetrizeUpper() {
        precondition(rows == columns, "symmetrize: matrix is not square")
        for j in 0..<columns { for i in (j + 1)..<max(rows, j + 1) { self[i, j] = self[j, i] } }
    }
}
