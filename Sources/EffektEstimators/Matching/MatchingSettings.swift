/// The settings a result was produced with, as resolved by the method (defaults filled in).
public enum MatchingSettings: Sendable, Equatable {
    /// Greedy nearest-neighbour matching as requested, with the order actually used (MatchIt's
    /// default, or `data` under replacement) and the caliper's width on the score's scale.
    case nearestNeighbor(NearestNeighborMatching, orderUsed: MatchingOrder, caliperWidth: Double?)
    /// Inverse-probability weights for the ATT.
    case inverseProbabilityWeighting(InverseProbabilityWeighting)
}
