/// Inverse-probability weights for the ATT ("odds weights"): treated units 1, controls e/(1 − e)
/// with e the propensity score, so the controls are reweighted to the treated group's covariate
/// distribution. As `WeightIt`/`MatchIt` with `estimand = "ATT"`; no unit is discarded or dropped.
///
/// The score must be the propensity score on the probability scale, strictly inside (0, 1).
public struct InverseProbabilityWeighting: MatchingMethod, Equatable {
    public init() {}

    public var needsRandomNumbers: Bool { false }

    public func match<G: RandomNumberGenerator>(_ problem: MatchingProblem, generator: inout G) throws -> MatchingResult {
        guard let score = problem.distance.scores else {
            throw MatchingError.invalidOption("inverse-probability weighting needs a propensity score (a score distance on the probability scale), not Mahalanobis covariates")
        }
        if let row = score.firstIndex(where: { !($0 > 0 && $0 < 1) }) {
            throw MatchingError.scoreOutOfRange(row: row, value: score[row])
        }
        let weights = score.indices.map { problem.treated[$0] ? 1 : score[$0] / (1 - score[$0]) }
        let n = problem.count
        return MatchingResult(settings: .inverseProbabilityWeighting(self), treated: problem.treated, matchedSets: [],
                              weights: weights, subclass: [Int?](repeating: nil, count: n),
                              discarded: [Bool](repeating: false, count: n), warnings: [])
    }
}
