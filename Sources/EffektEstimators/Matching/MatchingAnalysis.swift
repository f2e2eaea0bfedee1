import EffektData
import EffektNumerics

/// The front door for cross-sectional matching, as MatchIt's `matchit()` → `summary()`: the
/// propensity model (unless the distance is Mahalanobis), the matching, balance before and after,
/// and optionally the matched-sample effect on an outcome.
public struct MatchingAnalysis: Sendable {
    /// How units are compared (MatchIt's `distance`).
    public enum Distance: String, Sendable, CaseIterable {
        /// Logit propensity score on the probability scale (MatchIt's default).
        case glm
        /// Logit propensity score on the log-odds scale.
        case linearLogit = "linear.logit"
        /// Probit propensity score.
        case probit
        /// Mahalanobis distance on the formula's covariates.
        case mahalanobis
    }

    public struct Options: Sendable {
        public var distance: Distance = .glm
        public var matching = NearestNeighborMatching()
        public var outcome: String?
        public var dropMissing = false
        public var seed: UInt64 = 1
        public init() {}
    }

    public let formula: Formula
    public let modelMatrix: ModelMatrix
    /// The propensity model, unless the distance is Mahalanobis.
    public let propensity: PropensityScore?
    public let result: MatchingResult
    public let balance: BalanceTable
    public let effect: MatchedEffect?
    /// The outcome's treated-minus-control difference in means over every row the model used,
    /// before matching (all weights 1, robust HC1 standard error): the naive comparison.
    public let unadjustedEffect: MatchedEffect?

    public init(data: some VariableSource, formula text: String, options: Options = Options(), exact: [String] = []) throws {
        let formula = try Formula(parsing: text)
        var frameOptions = ModelMatrix.Options()
        frameOptions.dropMissing = options.dropMissing
        let frame = try ModelMatrix(formula, data: data, options: frameOptions)
        guard let treatName = formula.response, let treatment = frame.response else {
            throw EstimationError("the formula needs the treatment on the left of '~'")
        }
        let covariateColumns = frame.names.indices.filter { frame.names[$0] != "(Intercept)" }
        let covariates = frame.matrix.selectingColumns(covariateColumns)
        let terms = covariateColumns.map { frame.names[$0] }
        var propensity: PropensityScore?
        let distance: MatchingDistance
        switch options.distance {
        case .mahalanobis:
            distance = .mahalanobis(covariates: covariates, names: terms)
        case .glm, .linearLogit, .probit:
            let ps = try PropensityScore(formula, data: data, link: options.distance == .probit ? .probit : .logit, options: frameOptions)
            propensity = ps
            distance = .score(options.distance == .linearLogit ? ps.linearPredictor : ps.probabilities)
        }
        var method = options.matching
        for name in exact {
            guard let values = data.variable(named: name) else {
                throw EstimationError("exact matching: unknown variable '\(name)'")
            }
            let codes: [Int]
            switch values {
            case let .categorical(c, _): codes = frame.rows.map { Int(c[$0]) }
            case let .numeric(v, _): codes = frame.rows.map { Int(truncatingIfNeeded: v[$0].bitPattern) }
            }
            method.exact.append(ExactVariable(name: name, codes: codes))
        }
        let problem = try MatchingProblem(treatment: treatment, treatmentName: treatName, distance: distance)
        var rng = RandomStream(seed: options.seed)
        let result = try problem.match(using: method, generator: &rng)
        let scores: [Double]? = propensity.map { _ in distance.scores! }
        self.balance = try BalanceTable(covariates: covariates, terms: terms, binary: covariateColumns.map { frame.isBinary[$0] },
                                        matching: result, distance: scores)
        if let outcome = options.outcome {
            guard case let .numeric(values, missing)? = data.variable(named: outcome) else {
                throw EstimationError("outcome '\(outcome)' is not a numeric variable of the data")
            }
            if let missing, let row = frame.rows.first(where: { missing[$0] }) {
                throw EstimationError("outcome '\(outcome)' is missing at row \(row + 1)")
            }
            let y = frame.rows.map { values[$0] }
            self.effect = try MatchedEffect(outcome: y, outcomeName: outcome, matching: result)
            self.unadjustedEffect = try MatchedEffect(outcome: y, outcomeName: outcome, treated: result.treated,
                                                      weights: [Double](repeating: 1, count: y.count))
        } else {
            self.effect = nil
            self.unadjustedEffect = nil
        }
        self.formula = formula
        self.modelMatrix = frame
        self.propensity = propensity
        self.result = result
    }
}
