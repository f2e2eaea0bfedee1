import EffektNumerics

extension RiskSet {
    /// The pairs of stage 2 and how many participants found no control.
    public struct Matches: Sendable {
        public let pairs: [MatchedPair]
        public let unmatched: Int
    }

    /// Greedy nearest-neighbour matching on the linear predictor within each month (`ratio`
    /// controls per participant without replacement, largest score first, `caliper` in SDs of
    /// the linear predictor, optionally exact on district); months are matched independently,
    /// each with its own random stream, and their pairs joined in month order.
    ///
    /// Controls farther than the caliper from every participant of their month can never be
    /// matched, nor change which control is nearest, so they are left out before matching; the
    /// rest keep their order by (score, person), which is also the matcher's tie order.
    /// A month where no participant finds a control counts its participants as unmatched.
    public func match(ratio: Int, caliper: Double?, exactDistrict: Bool, workers: Int = Parallel.defaultWorkers) throws -> Matches {
        let width = caliper.map { $0 * linearPredictorSD }
        let seed = options.seed
        let perMonth = try Parallel.map(chunks: months.count, workers: workers) { i -> ([MatchedPair], Int) in
            let month = months[i]
            guard month.participants > 0 && month.participants < month.persons.count else { return ([], 0) }
            let rows = Self.reachable(month, width: width)
            guard rows.count > month.participants else { return ([], month.participants) }
            let treatment = rows.indices.map { $0 < month.participants ? 1.0 : 0.0 }
            let exact = exactDistrict ? month.district.map { codes in [ExactVariable(name: "district", codes: rows.map { Int(codes[$0]) })] } ?? [] : []
            let problem = try MatchingProblem(treatment: treatment, distance: .score(rows.map { month.score[$0] }))
            let method = NearestNeighborMatching(ratio: ratio, replace: false, caliper: width.map { .distanceUnits($0) }, order: .largest,
                                                 exact: exact)
            var rng = RandomStream(seed: seed, stream: UInt64(month.month))
            let result: MatchingResult
            do {
                result = try problem.match(using: method, generator: &rng)
            } catch MatchingError.noMatches {
                return ([], month.participants)
            }
            var pairs: [MatchedPair] = []
            for set in result.matchedSets {
                let treated = month.persons[rows[set.treated]]
                for c in set.controls {
                    pairs.append(MatchedPair(treated: treated, control: month.persons[rows[c]], month: month.month,
                                             weight: 1 / Double(set.controls.count)))
                }
            }
            return (pairs, month.participants - result.matchedSets.count)
        }
        return Matches(pairs: perMonth.flatMap(\.0), unmatched: perMonth.reduce(0) { $0 + $1.1 })
    }

    /// Rows of a month's participants, then of the controls within `width` of some participant
    /// (all controls without a caliper): as controls are sorted by score, a range found by
    /// binary search with the matcher's own test, |score_t − score_c| ≤ width, against the
    /// smallest and largest participant scores.
    private static func reachable(_ month: MonthScores, width: Double?) -> [Int] {
        guard let width else { return Array(month.persons.indices) }
        let treated = month.score.prefix(month.participants)
        let lo = treated.min()!, hi = treated.max()!
        let score = month.score
        /// First control row from which `inside` fails (it holds on a prefix of the controls).
        func boundary(_ inside: (Double) -> Bool, from start: Int) -> Int {
            var a = start, b = score.count
            while a < b { let mid = (a + b) / 2; if inside(score[mid]) { a = mid + 1 } else { b = mid } }
            return a
        }
        let first = boundary({ $0 < lo && abs(lo - $0) > width }, from: month.participants)
        let end = boundary({ $0 <= hi || abs(hi - $0) <= width }, from: first)
        return Array(0..<month.participants) + Array(first..<end)
    }
}
