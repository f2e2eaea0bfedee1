/// Checks shared by every model fit: shapes, finiteness, weights. Each failure names the column.
enum DesignValidation {
    /// Shapes, and finiteness of y and (unless the caller scans X itself, see `requireFinite`) of X.
    static func check(x: Matrix, names: [String], response y: [Double], responseName: String, scanningDesign: Bool = true) throws {
        guard names.count == x.columns else {
            throw NumericsError.dimensionMismatch("\(names.count) column names for \(x.columns) columns")
        }
        guard y.count == x.rows else {
            throw NumericsError.dimensionMismatch("response '\(responseName)' has \(y.count) values for \(x.rows) rows")
        }
        guard x.rows > 0 else { throw NumericsError.noRows(what: "the design matrix") }
        if scanningDesign { try requireFinite(x, names: names) }
        if let i = y.firstIndex(where: { !$0.isFinite }) {
            throw NumericsError.nonFinite(what: "response '\(responseName)'", row: i, column: 0)
        }
    }

    /// Throws for the first NaN or infinity in X, naming its column and row.
    static func requireFinite(_ x: Matrix, names: [String]) throws {
        if let bad = x.firstNonFinite() {
            throw NumericsError.nonFinite(what: "column '\(names[bad.column])' of the design matrix", row: bad.row, column: bad.column)
        }
    }

    /// Validates optional prior weights; returns them (all ones when absent).
    static func weights(_ w: [Double]?, rows n: Int) throws -> [Double] {
        try validWeights(w, rows: n) ?? [Double](repeating: 1, count: n)
    }

    /// Validates optional prior weights (nil stays nil: all ones).
    static func validWeights(_ w: [Double]?, rows n: Int) throws -> [Double]? {
        guard let w else { return nil }
        guard w.count == n else { throw NumericsError.dimensionMismatch("\(w.count) weights for \(n) rows") }
        if let i = w.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw NumericsError.invalidWeights("weight at row \(i + 1) is \(w[i]); weights must be finite and non-negative")
        }
        if !w.contains(where: { $0 > 0 }) {
            throw NumericsError.invalidWeights("all weights are zero: no observation carries information")
        }
        return w
    }
}
