/// Greedy nearest-neighbour matching for the ATT, following MatchIt 4.5's `method = "nearest"`.
///
/// Steps, each as MatchIt does it:
/// 1. Common-support discarding (`discard`) on the score; discarded units get weight 0.
/// 2. The caliper's width (`Caliper`), from the SD of the score over non-discarded units.
/// 3. `ratio` rounds. In round r every treated unit still in play, in `order`, takes its r-th control:
///    the nearest one that is available (not used by anyone when `replace` is false; not already its
///    own otherwise), in its exact stratum and within the caliper. A treated unit that finds none
///    stays with what it has and takes no part in later rounds (no later round could find one).
///    Ties: see `ScoreNeighborSearch` (score) and `MahalanobisNeighborSearch`.
/// 4. Weights (MatchIt's `get_weights_from_mm`): a matched treated unit gets 1; a control gets
///    Σ 1/k_j over the treated units j it serves (k_j = j's number of controls), i.e. the ratio of
///    treated to controls in its subclass; control weights are then scaled to sum to the number of
///    matched controls. So 1:1 and complete k:1 matching give all 1s.
///
/// With a score distance the whole matching costs O((n_t + n_c) log n) (`ScoreNeighborSearch`);
/// Mahalanobis matching scans, O(n_t · n_c) (`MahalanobisNeighborSearch`).
public struct NearestNeighborMatching: MatchingMethod, Equatable {
    /// Controls per treated unit (k:1).
    public var ratio: Int
    /// Whether a control may be matched to several treated units.
    public var replace: Bool
    public var caliper: Caliper?
    /// `nil`: MatchIt's default (`largest` with a score, `data` with Mahalanobis).
    public var order: MatchingOrder?
    /// Variables on which matches must agree exactly.
    public var exact: [ExactVariable]
    public var discard: CommonSupportDiscard

    public init(ratio: Int = 1, replace: Bool = false, caliper: Caliper? = nil, order: MatchingOrder? = nil,
                exact: [ExactVariable] = [], discard: CommonSupportDiscard = .none) {
        self.ratio = ratio
        self.replace = replace
        self.caliper = caliper
        self.order = order
        self.exact = exact
        self.discard = discard
    }

    public var needsRandomNumbers: Bool { !replace && order == .random }

    /// The order MatchIt would use: `data` under replacement (order cannot matter then), else the
    /// requested one, else `largest` with a score and `data` without.
    public func resolvedOrder(for distance: MatchingDistance) -> MatchingOrder {
        if replace { return .data }
        return order ?? (distance.scores == nil ? .data : .largest)
    }

    public func match<G: RandomNumberGenerator>(_ problem: MatchingProblem, generator: inout G) throws -> MatchingResult {
        try checkOptions(for: problem.distance)
        let n = problem.count
        let treated = problem.treated
        let strata = try ExactStrata(exact, rows: n)
        let score = problem.distance.scores
        let discarded = score.map { discard.discarded(score: $0, treated: treated) } ?? [Bool](repeating: false, count: n)
        let caliperWidth = score.flatMap { s in caliper.map { $0.width(score: s, discarded: discarded) } }
        let orderUsed = resolvedOrder(for: problem.distance)

        let candidates = (0..<n).filter { treated[$0] && !discarded[$0] }
        let visiting: [Int]
        switch orderUsed {
        case .data: visiting = candidates
        case .random: visiting = candidates.shuffled(using: &generator)
        // `checkOptions` guarantees a score for these two orders.
        case .largest: visiting = candidates.sorted { (-score![$0], $0) < (-score![$1], $1) }
        case .smallest: visiting = candidates.sorted { (score![$0], $0) < (score![$1], $1) }
        }

        let controlsOf: [[Int]]
        switch problem.distance {
        case let .score(values):
            var search = ScoreNeighborSearch(score: values, treated: treated, usable: discarded.map { !$0 },
                                             strata: strata, caliperWidth: caliperWidth)
            controlsOf = greedyRounds(&search, visiting: visiting, rows: n)
        case let .mahalanobis(covariates, _):
            var search = MahalanobisNeighborSearch(metric: MahalanobisMetric(covariates: covariates, treated: treated),
                                                   treated: treated, strata: strata)
            controlsOf = greedyRounds(&search, visiting: visiting, rows: n)
        }

        let sets = (0..<n).filter { !controlsOf[$0].isEmpty }.map { MatchedSet(treated: $0, controls: controlsOf[$0]) }
        let warnings = self.warnings(controlsOf: controlsOf, candidates: candidates, treated: treated,
                                     discarded: discarded, caliperWidth: caliperWidth)
        guard !sets.isEmpty else {
            throw MatchingError.noMatches(warnings.isEmpty ? "no treated unit remains after discarding" : warnings.joined(separator: "; "))
        }
        var subclass = [Int?](repeating: nil, count: n)
        if !replace {
            for (k, set) in sets.enumerated() {
                subclass[set.treated] = k + 1
                for c in set.controls { subclass[c] = k + 1 }
            }
        }
        return MatchingResult(settings: .nearestNeighbor(self, orderUsed: orderUsed, caliperWidth: caliperWidth),
                              treated: treated, matchedSets: sets, weights: Self.weights(sets, rows: n),
                              subclass: subclass, discarded: discarded, warnings: warnings)
    }

    /// The `ratio` greedy rounds; returns each row's controls in the order chosen.
    private func greedyRounds<S: NeighborSearch>(_ search: inout S, visiting: [Int], rows: Int) -> [[Int]] {
        var controlsOf = [[Int]](repeating: [], count: rows)
        var inPlay = visiting
        for _ in 0..<ratio {
            var next: [Int] = []
            next.reserveCapacity(inPlay.count)
            for t in inPlay {
                guard let c = search.nearestControl(to: t, excluding: controlsOf[t]) else { continue }
                controlsOf[t].append(c)
                if !replace { search.remove(control: c) }
                next.append(t)
            }
            inPlay = next
        }
        return controlsOf
    }

    /// MatchIt's matching weights from the matched sets (see the type's documentation).
    private static func weights(_ sets: [MatchedSet], rows: Int) -> [Double] {
        var w = [Double](repeating: 0, count: rows)
        var isControl = [Bool](repeating: false, count: rows)
        for set in sets {
            w[set.treated] = 1
            let share = 1 / Double(set.controls.count)
            for c in set.controls {
                w[c] += share
                isControl[c] = true
            }
        }
        // Summed in row order, so the weights are bit-for-bit reproducible.
        let controls = (0..<rows).filter { isControl[$0] }
        let scale = Double(controls.count) / controls.reduce(0) { $0 + w[$1] }
        for c in controls { w[c] *= scale }
        return w
    }

    private func checkOptions(for distance: MatchingDistance) throws {
        guard ratio >= 1 else { throw MatchingError.invalidOption("ratio is \(ratio); it must be at least 1 control per treated unit") }
        if let caliper {
            guard caliper.value.isFinite, caliper.value > 0 else {
                throw MatchingError.invalidOption("caliper is \(caliper.value); it must be a positive number")
            }
        }
        guard case let .mahalanobis(covariates, _) = distance else { return }
        guard covariates.rows > 2 else {
            throw MatchingError.invalidOption("Mahalanobis matching needs at least 3 units to estimate the pooled covariance (there are \(covariates.rows))")
        }
        if caliper != nil {
            throw MatchingError.invalidOption("a caliper needs a score distance (propensity score); Mahalanobis matching has none")
        }
        if discard != .none {
            throw MatchingError.invalidOption("discard = \(discard.rawValue) needs a score distance (propensity score); Mahalanobis matching has none")
        }
        if let order, order == .largest || order == .smallest {
            throw MatchingError.invalidOption("order \(order.rawValue) sorts by a score; Mahalanobis matching has none (use data or random)")
        }
    }

    private func warnings(controlsOf: [[Int]], candidates: [Int], treated: [Bool], discarded: [Bool],
                          caliperWidth: Double?) -> [String] {
        var out: [String] = []
        let droppedTreated = discarded.indices.filter { discarded[$0] && treated[$0] }.count
        let droppedControls = discarded.indices.filter { discarded[$0] && !treated[$0] }.count
        if droppedTreated + droppedControls > 0 {
            out.append("discard = \(discard.rawValue): \(droppedTreated) treated and \(droppedControls) control units lie outside the common support of the distance and were discarded")
        }
        let none = candidates.filter { controlsOf[$0].isEmpty }.count
        if none > 0 {
            if let caliperWidth, let caliper {
                out.append("\(none) treated units had no available control within the caliper (\(caliper) = \(caliperWidth) on the distance scale) and stay unmatched")
            } else {
                out.append("\(none) treated units found no available control (controls used up\(exact.isEmpty ? "" : " or none in their exact stratum")) and stay unmatched")
            }
        }
        let short = candidates.filter { !controlsOf[$0].isEmpty && controlsOf[$0].count < ratio }.count
        if short > 0 {
            out.append("\(short) treated units got fewer than \(ratio) controls (not enough available controls\(caliperWidth == nil ? "" : " within the caliper"))")
        }
        return out
    }
}
