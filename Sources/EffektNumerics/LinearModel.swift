/// Ordinary and weighted least squares, as R's `lm`.
///
/// β̂ minimises Σ wᵢ (yᵢ − xᵢᵀβ)², computed by Householder QR of √W·X with R's limited pivoting
/// (`PivotedQR`, tolerance 1e-7): exactly collinear columns are detected and reported as not
/// estimable (`estimate == nil`), the same columns R marks `NA`. Rows with zero weight are left out
/// of the fit and of the residual degrees of freedom, as in `lm.wfit`.
public enum LinearModel {
    public static func fit(x: Matrix, names: [String], y: [Double], responseName: String = "y",
                           weights: [Double]? = nil) throws -> LinearModelFit {
        try DesignValidation.check(x: x, names: names, response: y, responseName: responseName)
        let w = try DesignValidation.weights(weights, rows: x.rows)
        let used = w.indices.filter { w[$0] > 0 }
        guard used.count >= x.columns else { throw NumericsError.tooFewRows(rows: used.count, columns: x.columns) }

        let rootW = used.map { w[$0].squareRoot() }
        let xw = Sandwich.scores(design: used.count == x.rows ? x : x.selectingRows(used), rowFactors: rootW)
        let yw = zip(used, rootW).map { y[$0] * $1 }
        let qr = PivotedQR(xw)
        let kept = qr.keptColumns
        let beta = qr.solve(yw)

        let xKept = x.selectingColumns(kept)
        let fitted = xKept.multiplied(by: beta)
        let residuals = zip(y, fitted).map { $0 - $1 }
        let df = used.count - qr.rank
        let rss = used.reduce(0.0) { $0 + w[$1] * residuals[$1] * residuals[$1] }
        let notes = qr.aliasedColumns.map {
            "'\(names[$0])' is exactly collinear with earlier columns and was dropped (not estimable)"
        }
        return LinearModelFit(names: names, keptColumns: kept, beta: beta, unscaledCovariance: try qr.unscaledCovariance(),
                              design: xKept, residuals: residuals, fitted: fitted, weights: w, usedRows: used,
                              dfResidual: df, residualSumOfSquares: rss, notes: notes)
    }
}

/// The result of `LinearModel.fit`: estimates with their covariance, residuals and notes.
public struct LinearModelFit: Sendable {
    /// All column names, aliased ones included.
    public let names: [String]
    /// Indices (into `names`) of the estimated columns; the others were aliased.
    public let keptColumns: [Int]
    /// Estimates of the kept columns, in the order of `keptColumns`.
    public let beta: [Double]
    /// (XᵀWX)⁻¹ of the kept columns.
    public let unscaledCovariance: Matrix
    /// The kept columns of the design (unweighted), for sandwich estimators.
    public let design: Matrix
    public let residuals: [Double]
    public let fitted: [Double]
    public let weights: [Double]
    /// Rows with positive weight.
    public let usedRows: [Int]
    /// n (positive-weight rows) − rank.
    public let dfResidual: Int
    public let residualSumOfSquares: Double
    /// What was done that a reader should know (dropped columns, …).
    public let notes: [String]

    /// Residual standard error σ̂ = √(RSS / df).
    public var sigma: Double { dfResidual > 0 ? (residualSumOfSquares / Double(dfResidual)).squareRoot() : .nan }

    /// Number of observations used (positive weight).
    public var observationCount: Int { usedRows.count }

    /// Names of the columns that were not estimable.
    public var aliased: [String] {
        let kept = Set(keptColumns)
        return names.indices.filter { !kept.contains($0) }.map { names[$0] }
    }

    /// Covariance of the kept coefficients.
    public func covariance(_ type: CovarianceType = .modelBased) throws -> Matrix {
        if case .modelBased = type {
            guard dfResidual > 0 else {
                throw NumericsError.domain("no residual degrees of freedom: the model fits the data exactly, so σ² cannot be estimated")
            }
            let s2 = sigma * sigma
            var v = unscaledCovariance
            for i in 0..<v.storage.count { v.storage[i] *= s2 }
            return v
        }
        // Scores wᵢ eᵢ xᵢ over the used rows; n counts those rows only.
        let x = usedRows.count == design.rows ? design : design.selectingRows(usedRows)
        let factors = usedRows.map { weights[$0] * residuals[$0] }
        return try Sandwich.covariance(bread: unscaledCovariance, scores: Sandwich.scores(design: x, rowFactors: factors),
                                       type: type.restricted(to: usedRows, total: design.rows))
    }

    /// One row per column of the design (aliased ones with `nil`), with standard errors from `type`.
    public func coefficients(_ type: CovarianceType = .modelBased) throws -> [Coefficient] {
        try Coefficient.table(names: names, kept: keptColumns, estimates: beta, covariance: covariance(type))
    }
}

extension Coefficient {
    /// A full table from the kept estimates and their covariance.
    static func table(names: [String], kept: [Int], estimates: [Double], covariance: Matrix) -> [Coefficient] {
        var rows = names.map { Coefficient(name: $0, estimate: nil, standardError: nil) }
        for (k, j) in kept.enumerated() {
            rows[j].estimate = estimates[k]
            rows[j].standardError = covariance[k, k].squareRoot()
        }
        return rows
    }
}

extension CovarianceType {
    /// The same type with its cluster variables restricted to `rows` (when some rows were left out).
    func restricted(to rows: [Int], total: Int) -> CovarianceType {
        guard rows.count != total else { return self }
        switch self {
        case .modelBased, .hc0, .hc1: return self
        case let .cluster(c, adjustment): return .cluster(c.selecting(rows), adjustment)
        case let .twoWayCluster(a, b): return .twoWayCluster(a.selecting(rows), b.selecting(rows))
        }
    }
}
