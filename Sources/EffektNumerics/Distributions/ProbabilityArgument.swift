/// Validates the probability argument of a quantile function.
///
/// - Throws: `NumericsError.domain` when p is NaN or outside [0, 1].
func checkProbability(_ p: Double, argument: String = "p") throws {
    guard p >= 0, p <= 1 else {
        throw NumericsError.domain("quantile: \(argument) = \(p) is not a probability in [0, 1]")
    }
}

/// Validates a degrees-of-freedom parameter: finite (or, where `allowInfinity`, +∞) and > 0.
func checkDegreesOfFreedom(_ df: Double, name: String, distribution: String, allowInfinity: Bool = false) throws {
    guard df > 0, df.isFinite || (allowInfinity && df == .infinity) else {
        let requirement = allowInfinity ? "a positive number" : "a positive, finite number"
        throw NumericsError.domain("\(distribution): \(name) = \(df) is invalid; it must be \(requirement)")
    }
}
