import EffektNumerics

/// What "near" means when matching (MatchIt's `distance` argument).
///
/// The distance is an input: Effekt's matching never fits a propensity model itself.
public enum MatchingDistance: Sendable, Equatable {
    /// A one-dimensional score per row, matched on |score_t − score_c|: usually the propensity score
    /// on the probability scale (MatchIt's default `distance = "glm"`), or its linear predictor
    /// (`link = "linear.logit"`). Common-support discarding, calipers and the `largest`/`smallest`
    /// orders work on this scale.
    case score([Double])
    /// Mahalanobis distance on covariates (MatchIt `distance = "mahalanobis"`): one row per unit,
    /// one column per covariate, `names` naming the columns. Factors should be given with all their
    /// levels as MatchIt does; the resulting singular covariance is handled by a pseudo-inverse.
    case mahalanobis(covariates: Matrix, names: [String])

    /// The score vector, if this is a score distance.
    public var scores: [Double]? {
        if case let .score(values) = self { return values }
        return nil
    }
}
