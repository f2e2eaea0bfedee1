import EffektNumerics

/// The ATT on an outcome in the matched (or weighted) sample, as the MatchIt vignette estimates it:
/// the coefficient of the treatment in `lm(y ~ treat, weights = weights)` on `match.data(m)` (rows
/// with weight > 0), which is the weighted difference in means.
///
/// Standard error: `sandwich::vcovCL(fit, cluster = ~subclass, type = "HC1")`, i.e. clustered by
/// matched set with factor G/(G − 1)·(N − 1)/(N − K), when every matched row has a subclass
/// (matching without replacement); otherwise (with replacement, or weighting) the
/// heteroskedasticity-robust `vcovHC(fit, type = "HC1")`, N/(N − K). Either ignores the estimation
/// of the propensity score. The confidence interval uses the normal quantile
/// (`lmtest::coefci(fit, vcov. = V, df = Inf)`); the MatchIt fixture gives only estimate and SE.
public struct MatchedEffect: Sendable {
    /// How the standard error was computed.
    public enum StandardErrorType: Sendable, Equatable {
        /// Cluster-robust by matched set (CR1 / vcovCL HC1) over `clusters` sets.
        case pairClustered(clusters: Int)
        /// Heteroskedasticity-robust HC1.
        case robust
    }

    /// The ATT: weighted mean outcome of treated minus that of controls.
    public let estimate: Double
    public let standardError: Double
    /// The weighted control mean (the regression intercept).
    public let controlMean: Double
    public let standardErrorType: StandardErrorType
    /// Rows used (weight > 0).
    public let observations: Int
    public let outcomeName: String

    /// The effect in a matching or weighting result.
    /// - Throws: `MatchingError` when the outcome has the wrong length or a non-finite value in a
    ///   matched row (naming the row); `NumericsError` when the regression cannot be fitted.
    public init(outcome: [Double], outcomeName: String = "outcome", matching: MatchingResult) throws {
        try self.init(outcome: outcome, outcomeName: outcomeName, treated: matching.treated,
                      weights: matching.weights, subclass: matching.subclass)
    }

    /// The effect under any weights (rows with weight 0 are left out), clustered by `subclass` when
    /// every row with positive weight has one, else HC1.
    /// - Throws: `MatchingError` naming the row of a non-finite outcome (in a used row) or of an
    ///   invalid weight, for lengths that differ, or when treated or controls have no positive
    ///   weight; `NumericsError` when the regression cannot be fitted.
    public init(outcome: [Double], outcomeName: String = "outcome", treated: [Bool], weights: [Double],
                subclass: [Int?]? = nil) throws {
        let n = treated.count
        for (name, count) in [(outcomeName, outcome.count), ("weights", weights.count), ("subclass", subclass?.count ?? n)] where count != n {
            throw MatchingError.lengthMismatch(variable: name, count: count, expected: n)
        }
        if let row = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw MatchingError.invalidWeight(variable: "weights", row: row, value: weights[row])
        }
        let rows = weights.indices.filter { weights[$0] > 0 }
        guard rows.contains(where: { treated[$0] }), rows.contains(where: { !treated[$0] }) else {
            throw MatchingError.noMatches("the weighted sample needs treated and control units with positive weight")
        }
        if let bad = rows.first(where: { !outcome[$0].isFinite }) {
            throw MatchingError.nonFinite(variable: outcomeName, row: bad)
        }
        let x = Matrix(columns: [[Double](repeating: 1, count: rows.count), rows.map { treated[$0] ? 1 : 0 }])
        let fit = try LinearModel.fit(x: x, names: ["(Intercept)", "treat"], y: rows.map { outcome[$0] },
                                      responseName: outcomeName, weights: rows.map { weights[$0] })
        let subclasses = subclass.map { s in rows.compactMap { s[$0] } } ?? []
        let type: CovarianceType
        if subclasses.count == rows.count {
            let clusters = ClusterIndex(name: "subclass", labels: subclasses)
            type = .cluster(clusters, .cr1)
            standardErrorType = .pairClustered(clusters: clusters.count)
        } else {
            type = .hc1
            standardErrorType = .robust
        }
        let table = try fit.coefficients(type)
        // Both columns are estimable: the sample has treated and control rows.
        estimate = table[1].estimate!
        standardError = table[1].standardError!
        controlMean = table[0].estimate!
        observations = rows.count
        self.outcomeName = outcomeName
    }

    /// estimate ± z · SE with z the standard normal quantile of (1 + level)/2 (1.959964 for 95 %).
    /// - Throws: `MatchingError.invalidOption` unless 0 < level < 1.
    public func confidenceInterval(level: Double = 0.95) throws -> ClosedRange<Double> {
        guard level > 0, level < 1 else {
            throw MatchingError.invalidOption("confidence level is \(level); it must be between 0 and 1 (e.g. 0.95)")
        }
        let z = try Normal.quantile((1 + level) / 2)
        return (estimate - z * standardError)...(estimate + z * standardError)
    }
}
