/// Why matching, weighting, a balance table or a matched effect refused its input.
///
/// Every message names the variable and, where there is one, the row (1-based, as a user counts
/// rows in a data file), so it can be shown to a user as it is.
public enum MatchingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// An input has a different number of values than there are rows.
    case lengthMismatch(variable: String, count: Int, expected: Int)
    /// A treatment value other than 0 or 1 (`row` is 0-based).
    case invalidTreatment(variable: String, row: Int, value: Double)
    /// No unit has treatment 1.
    case noTreatedUnits(variable: String)
    /// No unit has treatment 0.
    case noControlUnits(variable: String)
    /// A NaN or infinite value (`row` is 0-based).
    case nonFinite(variable: String, row: Int)
    /// A propensity score outside (0, 1) where a probability is needed (`row` is 0-based).
    case scoreOutOfRange(row: Int, value: Double)
    /// A weight that is negative or not finite (`row` is 0-based).
    case invalidWeight(variable: String, row: Int, value: Double)
    /// An option value that cannot be used, with the reason.
    case invalidOption(String)
    /// No treated unit could be matched; the text says why.
    case noMatches(String)

    public var description: String {
        switch self {
        case let .lengthMismatch(variable, count, expected):
            return "'\(variable)' has \(count) values but the data have \(expected) rows"
        case let .invalidTreatment(variable, row, value):
            return "treatment '\(variable)' is \(value) at row \(row + 1); it must be 0 (control) or 1 (treated)"
        case let .noTreatedUnits(variable):
            return "treatment '\(variable)' has no treated units (no value 1): there is nobody to match"
        case let .noControlUnits(variable):
            return "treatment '\(variable)' has no control units (no value 0): there is nobody to match with"
        case let .nonFinite(variable, row):
            return "'\(variable)' is NaN or infinite at row \(row + 1); remove or impute it before matching"
        case let .scoreOutOfRange(row, value):
            return "the propensity score is \(value) at row \(row + 1); inverse-probability weights need a probability strictly between 0 and 1"
        case let .invalidWeight(variable, row, value):
            return "'\(variable)' is \(value) at row \(row + 1); weights must be finite and non-negative"
        case let .invalidOption(text):
            return text
        case let .noMatches(text):
            return "no treated unit could be matched: \(text)"
        }
    }
}
