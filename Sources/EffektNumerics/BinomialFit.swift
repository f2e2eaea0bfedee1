/// The result of `BinomialRegression.fit`: estimates, their covariance, fit statistics,
/// per-row predictions and everything that was noticed on the way.
public struct BinomialFit: Sendable {
    /// All column names, aliased ones included.
    public let names: [String]
    /// Indices of the estimated columns.
    public let keptColumns: [Int]
    /// Estimates of the kept columns, in the order of `keptColumns`.
    public let beta: [Double]
    /// (XᵀWX)⁻¹ at the final step: the model-based covariance (the binomial dispersion is 1).
    public let unscaledCovariance: Matrix
    /// The kept columns of the design.
    public let design: Matrix
    /// η = Xβ + offset, per row.
    public let linearPredictor: [Double]
    /// μ = g⁻¹(η), the fitted probabilities (propensity scores), per row.
    public let fitted: [Double]
    public let response: [Double]
    /// Working weights of the final step (R's `fit$weights`).
    public let workingWeights: [Double]
    public let deviance: Double
    public let nullDeviance: Double
    public let logLikelihood: Double
    public let iterations: Int
    public let converged: Bool
    public let link: BinomialLink
    /// Rows with positive prior weight.
    public let observationCount: Int
    /// Columns dropped as not estimable.
    public let notes: [String]
    /// Non-convergence, separation (when allowed) and other warnings.
    public let warnings: [String]

    /// AIC = −2 log L + 2 k.
    public var aic: Double { -2 * logLikelihood + 2 * Double(keptColumns.count) }

    /// Names of the columns that were not estimable.
    public var aliased: [String] {
        let kept = Set(keptColumns)
        return names.indices.filter { !kept.contains($0) }.map { names[$0] }
    }

    /// Covariance of the kept coefficients. Robust types use the scores xᵢ·wᵢ·(yᵢ − μᵢ)/μ'(ηᵢ)
    /// with the working weights wᵢ, as `sandwich::estfun.glm`.
    public func covariance(_ type: CovarianceType = .modelBased) throws -> Matrix {
        if case .modelBased = type { return unscaledCovariance }
        let factors = linearPredictor.indices.map { i in
            workingWeights[i] * (response[i] - fitted[i]) / link.derivative(linearPredictor[i])
        }
        return try Sandwich.covariance(bread: unscaledCovariance,
                                       scores: Sandwich.scores(design: design, rowFactors: factors), type: type)
    }

    /// One row per column of the design (aliased ones with `nil`).
    public func coefficients(_ type: CovarianceType = .modelBased) throws -> [Coefficient] {
        try Coefficient.table(names: names, kept: keptColumns, estimates: beta, covariance: covariance(type))
    }
}
