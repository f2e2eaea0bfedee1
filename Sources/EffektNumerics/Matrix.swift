/// A dense matrix of `Double` in column-major order, stored contiguously.
///
/// Element (i, j) lives at `storage[i + j * rows]`, the layout BLAS and LAPACK expect with a
/// leading dimension equal to `rows`. A value type: copies are cheap until written (copy on write
/// of the underlying array).
public struct Matrix: Sendable, Equatable {
    public private(set) var rows: Int
    public private(set) var columns: Int
    /// Column-major entries; `count == rows * columns`.
    public var storage: [Double]

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing column-major storage.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) {
        precondition(storage.count == rows * columns, "storage has \(storage.count) entries, expected \(rows * columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix whose columns are the given arrays (all of the same length).
    public init(columns cols: [[Double]]) {
        let n = cols.first?.count ?? 0
        precondition(cols.allSatisfy { $0.count == n }, "columns differ in length")
        self.rows = n
        self.columns = cols.count
        var storage: [Double] = []
        storage.reserveCapacity(n * cols.count)
        for column in cols { storage.append(contentsOf: column) }
        self.storage = storage
    }

    /// A matrix from rows given as arrays (convenient for small literals in tests and examples).
    public init(rowMajor rowArrays: [[Double]]) {
        let p = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == p }, "rows differ in length")
        self.init(rows: rowArrays.count, columns: p)
        for (i, row) in rowArrays.enumerated() {
            for (j, v) in row.enumerated() { storage[i + j * rows] = v }
        }
    }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    /// A copy of column `j`.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// A copy of the given columns, in the given order.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: rows, columns: indices.count)
        for (k, j) in indices.enumerated() {
            out.storage.replaceSubrange((k * rows)..<((k + 1) * rows), with: storage[(j * rows)..<((j + 1) * rows)])
        }
        return out
    }

    /// A copy of the given rows, in the given order.
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: indices.count, columns: columns)
        for j in 0..<columns {
            for (k, i) in indices.enumerated() { out.storage[k + j * indices.count] = storage[i + j * rows] }
        }
        return out
    }

    /// The transpose.
    public var transposed: Matrix {
        var out = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { out.storage[j + i * columns] = storage[i + j * rows] }
        }
        return out
    }

    /// The diagonal of a square (or the leading square part of a rectangular) matrix.
    public var diagonal: [Double] {
        (0..<min(rows, columns)).map { storage[$0 + $0 * rows] }
    }

    /// The first (row, column) holding a NaN or infinity, if any.
    public func firstNonFinite() -> (row: Int, column: Int)? {
        guard let k = storage.firstIndex(where: { !$0.isFinite }) else { return nil }
        return (k % rows, k / rows)
    }

    /// Read-only view of the contiguous storage with its leading dimension, for BLAS/LAPACK calls.
    @inlinable
    public func withView<R>(_ body: (MatrixView) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { buffer in
            try body(MatrixView(base: buffer.baseAddress, rows: rows, columns: columns, leadingDimension: max(rows, 1)))
        }
    }

    /// Mutable view of the contiguous storage, for BLAS/LAPACK calls that write in place.
    @inlinable
    public mutating func withMutableView<R>(_ body: (MutableMatrixView) throws -> R) rethrows -> R {
        let (r, c) = (rows, columns)
        return try storage.withUnsafeMutableBufferPointer { buffer in
            try body(MutableMatrixView(base: buffer.baseAddress, rows: r, columns: c, leadingDimension: max(r, 1)))
        }
    }
}

/// A read-only window onto column-major storage: a whole matrix or a block of one.
///
/// Valid only inside the closure that produced it (`Matrix.withView`). Blocks of rows or columns
/// are views too, so BLAS can work on a slice of a tall design matrix without copying it.
public struct MatrixView {
    public let base: UnsafePointer<Double>?
    public let rows: Int
    public let columns: Int
    public let leadingDimension: Int

    @inlinable
    public init(base: UnsafePointer<Double>?, rows: Int, columns: Int, leadingDimension: Int) {
        self.base = base
        self.rows = rows
        self.columns = columns
        self.leadingDimension = leadingDimension
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double { base![row + column * leadingDimension] }

    /// Rows `range` of all columns (a block with the same leading dimension).
    @inlinable
    public func rows(_ range: Range<Int>) -> MatrixView {
        MatrixView(base: base.map { $0 + range.lowerBound }, rows: range.count, columns: columns, leadingDimension: leadingDimension)
    }

    /// Columns `range` of all rows.
    @inlinable
    public func columns(_ range: Range<Int>) -> MatrixView {
        MatrixView(base: base.map { $0 + range.lowerBound * leadingDimension }, rows: rows, columns: range.count, leadingDimension: leadingDimension)
    }
}

/// A writable window onto column-major storage; see `MatrixView`.
public struct MutableMatrixView {
    public let base: UnsafeMutablePointer<Double>?
    public let rows: Int
    public let columns: Int
    public let leadingDimension: Int

    @inlinable
    public init(base: UnsafeMutablePointer<Double>?, rows: Int, columns: Int, leadingDimension: Int) {
        self.base = base
        self.rows = rows
        self.columns = columns
        self.leadingDimension = leadingDimension
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { base![row + column * leadingDimension] }
        nonmutating set { base![row + column * leadingDimension] = newValue }
    }

    @inlinable
    public var readOnly: MatrixView {
        MatrixView(base: base.map { UnsafePointer($0) }, rows: rows, columns: columns, leadingDimension: leadingDimension)
    }

    @inlinable
    public func rows(_ range: Range<Int>) -> MutableMatrixView {
        MutableMatrixView(base: base.map { $0 + range.lowerBound }, rows: range.count, columns: columns, leadingDimension: leadingDimension)
    }

    @inlinable
    public func columns(_ range: Range<Int>) -> MutableMatrixView {
        MutableMatrixView(base: base.map { $0 + range.lowerBound * leadingDimension }, rows: rows, columns: range.count, leadingDimension: leadingDimension)
    }
}
