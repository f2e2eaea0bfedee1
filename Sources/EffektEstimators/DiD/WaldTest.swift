import EffektNumerics

/// A joint Wald test that a set of coefficients are all zero: W = bᵀV⁻¹b with V their estimated
/// covariance, referred to χ²(q); and, when a denominator degrees of freedom is given (G − 1 for
/// cluster-robust covariances, as fixest's `wald()`), F = W/q referred to F(q, df).
public struct WaldTest: Sendable, Equatable {
    /// What was tested (coefficient names or cell labels).
    public let terms: [String]
    public let statistic: Double
    public let degreesOfFreedom: Int
    /// P(χ²_q > W).
    public let pValue: Double
    /// W / q.
    public let fStatistic: Double?
    public let denominatorDegreesOfFreedom: Int?
    /// P(F(q, df) > W/q).
    public let fPValue: Double?

    /// - Throws: `EstimationError` when V is singular (the statistic is then undefined).
    init(terms: [String], estimates: [Double], covariance: Matrix, denominatorDegreesOfFreedom: Int? = nil) throws {
        let q = estimates.count
        precondition(covariance.rows == q && covariance.columns == q, "Wald test: covariance must be q × q")
        guard q > 0 else { throw EstimationError("the Wald test has nothing to test (no coefficients)") }
        let w: Double
        do {
            let factor = try Cholesky(covariance, what: "the covariance of the tested coefficients")
            let x = factor.solve(estimates)
            w = zip(estimates, x).reduce(0) { $0 + $1.0 * $1.1 }
        } catch {
            throw EstimationError("the covariance matrix of \(terms.joined(separator: ", ")) is singular, so the joint Wald statistic is undefined")
        }
        guard w.isFinite else {
            throw EstimationError("the joint Wald statistic of \(terms.joined(separator: ", ")) is not finite")
        }
        self.terms = terms
        statistic = w
        degreesOfFreedom = q
        pValue = try ChiSquare(degreesOfFreedom: Double(q)).survival(w)
        if let df = denominatorDegreesOfFreedom, df > 0 {
            let f = w / Double(q)
            fStatistic = f
            self.denominatorDegreesOfFreedom = df
            fPValue = try FDistribution(numerator: Double(q), denominator: Double(df)).survival(f)
        } else {
            fStatistic = nil
            self.denominatorDegreesOfFreedom = nil
            fPValue = nil
        }
    }
}
