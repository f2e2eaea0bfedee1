/// Why a numerical routine refused its input or could not finish.
///
/// Every case names what was wrong (and, where there is one, the variable) so the message can be
/// shown to a user as it is.
public enum NumericsError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A matrix or vector has a NaN or infinite entry.
    case nonFinite(what: String, row: Int, column: Int)
    /// There are no rows (observations) to work with.
    case noRows(what: String)
    /// Fewer usable rows than columns to estimate.
    case tooFewRows(rows: Int, columns: Int)
    /// Dimensions of two arguments do not fit together.
    case dimensionMismatch(String)
    /// Weights that are negative, non-finite or all zero.
    case invalidWeights(String)
    /// A response outside the family's range (e.g. not in [0, 1] for a binomial model).
    case invalidResponse(String)
    /// A matrix that should be positive definite is not (numerically).
    case notPositiveDefinite(what: String)
    /// (Quasi-)complete separation in a binary-response model.
    case separation(String)
    /// A LAPACK routine returned a non-zero `info`.
    case lapack(routine: String, info: Int32)
    /// An argument outside the domain of a function.
    case domain(String)

    public var description: String {
        switch self {
        case let .nonFinite(what, row, column):
            return "\(what) has a non-finite value (NaN or ±Inf) at row \(row + 1), column \(column + 1); remove or impute it before fitting"
        case let .noRows(what):
            return "\(what) has no rows: there is nothing to estimate from"
        case let .tooFewRows(rows, columns):
            return "only \(rows) usable rows for \(columns) coefficients: a model needs at least as many observations as coefficients"
        case let .dimensionMismatch(text):
            return "dimension mismatch: \(text)"
        case let .invalidWeights(text):
            return "invalid weights: \(text)"
        case let .invalidResponse(text):
            return "invalid response: \(text)"
        case let .notPositiveDefinite(what):
            return "\(what) is not positive definite (singular or nearly so)"
        case let .separation(text):
            return text
        case let .lapack(routine, info):
            return "LAPACK \(routine) failed with info = \(info)"
        case let .domain(text):
            return text
        }
    }
}
