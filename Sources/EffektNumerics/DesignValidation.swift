/// Checks shared by every model fit: shapes, finiteness, weights. Each failure names the column.
enum DesignValidation {
    static func check(x: Matrix, names: [String], response y: [Double], responseName: String) throws {
        guard names.count == x.columns else {
            throw NumericsError.dimensionMismatch("\(names.count) column names for \(x.columns) columns")
        }
        guard y.count == x.rows else {
            throw NumericsError.dimensionMismatch("response '\(responseName)' has \(y.count) values for \(x.rows) rows")
        }
        guard x.rows > 0 else { throw NumericsError.noRows(what: "the design matrix") }
        if let bad = x.firstNonFinite() {
            throw NumericsError.nonFinite(what: "column '\(names[bad.column])' of the design matrix", row: bad.row, column: bad.column)
        }
        if let i = y.firstIndex(where: { !$0.isFinite }) {
            throw NumericsError.nonFinite(what: "response '\(responseName)'", row: i, column: 0)
        }
    }

    /// Validates optional prior weights; returns them (all ones when absent).
    static func weights(_ w: [Double]?, rows n: Int) throws -> [Double] {
        guard let w else { return [Double](repeating: 1, count: n) }
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
