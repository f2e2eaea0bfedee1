/// Nearest-neighbour search on the Mahalanobis distance (`MahalanobisMetric`), as MatchIt 4.5's
/// `distance = "mahalanobis"` (its `nn_matchC` routine): the nearest available control in the
/// treated unit's exact stratum; ties go to the first control in row order (MatchIt's `which_min`).
///
/// Each search scans the stratum's available controls: O(n_t · n_c · p · rank) in all, fine for
/// evaluation-sized samples (LaLonde: 185 × 429 × 9 × 8) but not meant for registers of millions.
struct MahalanobisNeighborSearch: NeighborSearch {
    private let metric: MahalanobisMetric
    private let controlsOfStratum: [[Int]]
    private let stratumOfRow: [Int]
    private var used: [Bool]

    init(metric: MahalanobisMetric, treated: [Bool], strata exact: ExactStrata) {
        self.metric = metric
        stratumOfRow = exact.stratumOfRow
        var controls = [[Int]](repeating: [], count: exact.count)
        for i in treated.indices where !treated[i] { controls[exact.stratumOfRow[i]].append(i) }
        controlsOfStratum = controls
        used = [Bool](repeating: false, count: treated.count)
    }

    mutating func nearestControl(to t: Int, excluding excluded: [Int]) -> Int? {
        var best: Int?
        var bestDistance = Double.infinity
        for c in controlsOfStratum[stratumOfRow[t]] where !used[c] && !excluded.contains(c) {
            let d = metric.squaredDistance(t, c)
            if best == nil || d < bestDistance {
                best = c
                bestDistance = d
            }
        }
        return best
    }

    mutating func remove(control: Int) {
        used[control] = true
    }
}
