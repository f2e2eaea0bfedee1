import EffektData
import EffektNumerics

/// A propensity-score model: P(treated | x) by logit (default, as MatchIt's `distance = "glm"`)
/// or probit, fitted by `BinomialRegression` (R `glm`), with the scores on both scales.
public struct PropensityScore: Sendable {
    public let modelMatrix: ModelMatrix
    public let fit: BinomialFit

    /// Fitted probabilities e(x), one per row used (`modelMatrix.rows`).
    public var probabilities: [Double] { fit.fitted }
    /// The linear predictor (log-odds for the logit), MatchIt's `distance = "glm", link = "linear.logit"`.
    public var linearPredictor: [Double] { fit.linearPredictor }
    /// The treatment indicator of each row used.
    public var treatment: [Double] { fit.response }

    /// Fits `formula` (response = the 0/1 treatment) on `data`.
    public init(_ formula: Formula, data: some VariableSource, link: BinomialLink = .logit,
                options: ModelMatrix.Options = ModelMatrix.Options(), weights: [Double]? = nil,
                allowSeparation: Bool = false) throws {
        guard let response = formula.response else {
            throw EstimationError("the propensity formula needs a treatment on the left of '~' (e.g. treat ~ age + educ)")
        }
        let mm = try ModelMatrix(formula, data: data, options: options)
        var fitOptions = BinomialOptions(link: link)
        fitOptions.weights = weights.map { w in mm.rows.map { w[$0] } }
        fitOptions.allowSeparation = allowSeparation
        let y = mm.response!
        if !y.contains(1) { throw EstimationError("no treated units: '\(response)' is never 1") }
        if !y.contains(0) { throw EstimationError("no control units: '\(response)' is never 0") }
        self.modelMatrix = mm
        self.fit = try BinomialRegression.fit(x: mm.matrix, names: mm.names, y: y, responseName: response, options: fitOptions)
    }
}
