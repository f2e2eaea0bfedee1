/// Finds a treated unit's nearest eligible control for greedy matching. One conformance per kind
/// of distance; the greedy rounds in `NearestNeighborMatching` are shared by all of them.
protocol NeighborSearch {
    /// The nearest control to `treated` that is still available, in the same exact stratum, within
    /// the caliper and not in `excluded` (the controls this treated unit already has), or `nil`.
    mutating func nearestControl(to treated: Int, excluding excluded: [Int]) -> Int?
    /// Makes `control` unavailable to every later search (matching without replacement).
    mutating func remove(control: Int)
}
