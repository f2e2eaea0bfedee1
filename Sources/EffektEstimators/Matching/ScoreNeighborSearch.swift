/// Nearest-neighbour search on a one-dimensional score, reproducing MatchIt 4.5's `nn_matchC_vec`
/// (with its upstream bug #163 fixed: distances are |Δ| in double precision).
///
/// MatchIt sorts all units by score with a stable sort (ties in row order) and, from the treated
/// unit's position, takes the nearest available control below and the nearest above; the one below
/// wins when |Δ_below| ≤ |Δ_above|. A candidate farther than the caliper is not eligible (and
/// neither is anything beyond it). So among controls with equal scores, the one adjacent to the
/// treated unit's sorted position is taken first.
///
/// Here each exact stratum keeps only its usable controls, sorted by (score, row), which puts the
/// treated unit's split point exactly where MatchIt's full sort does; used controls are skipped with
/// `AvailablePositions`. Building costs O(n log n); each search a binary search plus near-constant
/// amortised skipping, so greedy matching is O((n_t + n_c) log n) overall.
struct ScoreNeighborSearch: NeighborSearch {
    private struct Stratum {
        /// Control rows sorted by (score, row).
        let rows: [Int]
        var available: AvailablePositions
    }

    private let score: [Double]
    private let caliperWidth: Double?
    private var strata: [Stratum]
    private let stratumOfRow: [Int]
    /// A control's position in its stratum's sorted rows.
    private let positionOfRow: [Int]

    /// - Parameters:
    ///   - usable: rows that take part (not discarded); only usable controls can be found.
    init(score: [Double], treated: [Bool], usable: [Bool], strata exact: ExactStrata, caliperWidth: Double?) {
        self.score = score
        self.caliperWidth = caliperWidth
        stratumOfRow = exact.stratumOfRow
        var members = [[Int]](repeating: [], count: exact.count)
        for i in score.indices where !treated[i] && usable[i] {
            members[exact.stratumOfRow[i]].append(i)
        }
        var positions = [Int](repeating: -1, count: score.count)
        strata = members.map { rows in
            let sorted = rows.sorted { (score[$0], $0) < (score[$1], $1) }
            for (k, row) in sorted.enumerated() { positions[row] = k }
            return Stratum(rows: sorted, available: AvailablePositions(count: sorted.count))
        }
        positionOfRow = positions
    }

    mutating func nearestControl(to t: Int, excluding excluded: [Int]) -> Int? {
        let s = stratumOfRow[t]
        let rows = strata[s].rows
        // Number of controls sorting before the treated unit in MatchIt's stable order.
        let key = (score[t], t)
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if (score[rows[mid]], rows[mid]) < key { lo = mid + 1 } else { hi = mid }
        }
        var below = strata[s].available.lastAvailable(atOrBefore: lo - 1)
        while let b = below, excluded.contains(rows[b]) { below = strata[s].available.lastAvailable(atOrBefore: b - 1) }
        var above = strata[s].available.firstAvailable(atOrAfter: lo)
        while let a = above, excluded.contains(rows[a]) { above = strata[s].available.firstAvailable(atOrAfter: a + 1) }

        let candidateBelow = below.flatMap(eligible(rows, t))
        let candidateAbove = above.flatMap(eligible(rows, t))
        switch (candidateBelow, candidateAbove) {
        case let (b?, a?): return b.distance <= a.distance ? b.row : a.row
        case let (b?, nil): return b.row
        case let (nil, a?): return a.row
        case (nil, nil): return nil
        }
    }

    /// The control at a sorted position with its distance to `t`, if within the caliper.
    private func eligible(_ rows: [Int], _ t: Int) -> (Int) -> (row: Int, distance: Double)? {
        { position in
            let row = rows[position]
            let d = abs(score[t] - score[row])
            if let w = caliperWidth, d > w { return nil }
            return (row, d)
        }
    }

    mutating func remove(control: Int) {
        strata[stratumOfRow[control]].available.remove(positionOfRow[control])
    }
}
