/// The order in which treated units choose their controls in greedy matching (MatchIt `m.order`).
///
/// MatchIt's default is `largest` when there is a score distance (a propensity score) and `data`
/// when there is none (Mahalanobis). With replacement the order cannot change the result, and
/// MatchIt (and Effekt) use `data`.
public enum MatchingOrder: String, Sendable, Equatable, CaseIterable {
    /// Descending score: units hardest to match (highest propensity) first. Ties in data order.
    case largest
    /// Ascending score (MatchIt's default for the ATC). Ties in data order.
    case smallest
    /// A random permutation drawn from the caller's generator.
    case random
    /// Row order.
    case data
}
