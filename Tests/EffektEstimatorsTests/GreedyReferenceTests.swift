import EffektNumerics
import EffektEstimators
import Testing

/// The fast matcher (sorted controls, union-find skipping) against a brute-force O(n_t · n_c)
/// replay of MatchIt's documented algorithm, on seeded random data with many ties.
@Suite struct GreedyReferenceTests {
    struct Scenario: CustomStringConvertible {
        var treatment: [Double], score: [Double], strata: [Int]
        var ratio: Int, replace: Bool, caliper: Double?, discard: CommonSupportDiscard, order: MatchingOrder
        var description: String { "n=\(score.count) ratio=\(ratio) replace=\(replace) caliper=\(String(describing: caliper)) discard=\(discard) order=\(order)" }

        var method: NearestNeighborMatching {
            NearestNeighborMatching(ratio: ratio, replace: replace, caliper: caliper.map { .standardDeviations($0) }, order: order,
                                    exact: [ExactVariable(name: "stratum", codes: strata)], discard: discard)
        }
    }

    static func scenario(_ g: inout RandomStream) -> Scenario {
        let n = Int.random(in: 8...120, using: &g)
        let share = Double.random(in: 0.15...0.7, using: &g)
        let levels = Int.random(in: 4...40, using: &g)          // few levels: many ties
        let treatment = (0..<n).map { _ in Double.random(in: 0..<1, using: &g) < share ? 1.0 : 0.0 }
        let score = (0..<n).map { _ in Double(Int.random(in: 1..<levels, using: &g)) / Double(levels) }
        let strataCount = Int.random(in: 1...3, using: &g)
        return Scenario(treatment: treatment, score: score, strata: (0..<n).map { _ in Int.random(in: 0..<strataCount, using: &g) },
                        ratio: Int.random(in: 1...3, using: &g), replace: Bool.random(using: &g),
                        caliper: [nil, 0.05, 0.25].randomElement(using: &g)!, discard: CommonSupportDiscard.allCases.randomElement(using: &g)!,
                        order: MatchingOrder.allCases.randomElement(using: &g)!)
    }

    /// MatchIt's algorithm by direct scans; returns each treated row's controls.
    static func bruteForce(_ s: Scenario, seed: UInt64) -> [Int: [Int]] {
        let n = s.score.count
        let treated = s.treatment.map { $0 == 1 }
        let t = (0..<n).filter { treated[$0] }, c = (0..<n).filter { !treated[$0] }
        var discarded = [Bool](repeating: false, count: n)
        let (tLo, tHi) = (t.map { s.score[$0] }.min()!, t.map { s.score[$0] }.max()!)
        let (cLo, cHi) = (c.map { s.score[$0] }.min()!, c.map { s.score[$0] }.max()!)
        for i in 0..<n {
            if treated[i], s.discard == .treated || s.discard == .both { discarded[i] = s.score[i] < cLo || s.score[i] > cHi }
            if !treated[i], s.discard == .control || s.discard == .both { discarded[i] = s.score[i] < tLo || s.score[i] > tHi }
        }
        var width: Double?
        if let k = s.caliper {
            let kept = (0..<n).filter { !discarded[$0] }.map { s.score[$0] }
            let mean = kept.reduce(0, +) / Double(kept.count)
            width = k * (kept.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(kept.count - 1)).squareRoot()
        }
        let candidates = t.filter { !discarded[$0] }
        var g = RandomStream(seed: seed)
        let order: MatchingOrder = s.replace ? .data : s.order
        let visiting: [Int]
        switch order {
        case .data: visiting = candidates
        case .random: visiting = candidates.shuffled(using: &g)
        case .largest: visiting = candidates.sorted { s.score[$0] > s.score[$1] || (s.score[$0] == s.score[$1] && $0 < $1) }
        case .smallest: visiting = candidates.sorted { s.score[$0] < s.score[$1] || (s.score[$0] == s.score[$1] && $0 < $1) }
        }
        var used = Set<Int>(), out: [Int: [Int]] = [:]
        for _ in 0..<s.ratio {
            for i in visiting {
                let eligible = c.filter { !discarded[$0] && s.strata[$0] == s.strata[i] && !(out[i] ?? []).contains($0) && (s.replace || !used.contains($0)) }
                func before(_ a: Int, _ b: Int) -> Bool { s.score[a] < s.score[b] || (s.score[a] == s.score[b] && a < b) }
                let below = eligible.filter { before($0, i) }.max { before($0, $1) }
                let above = eligible.filter { before(i, $0) }.min { before($0, $1) }
                func distance(_ j: Int?) -> Double? {
                    guard let j else { return nil }
                    let d = abs(s.score[i] - s.score[j])
                    return width.map { d <= $0 } ?? true ? d : nil
                }
                let chosen: Int?
                switch (distance(below), distance(above)) {
                case let (b?, a?): chosen = b <= a ? below : above
                case (_?, nil): chosen = below
                case (nil, _?): chosen = above
                case (nil, nil): chosen = nil
                }
                guard let chosen else { continue }
                // Independently: the choice attains the smallest eligible distance.
                precondition(eligible.allSatisfy { abs(s.score[i] - s.score[$0]) >= abs(s.score[i] - s.score[chosen]) })
                out[i, default: []].append(chosen)
                used.insert(chosen)
            }
        }
        return out
    }

    @Test func agreesWithBruteForceOnRandomData() throws {
        var g = RandomStream(seed: 20_240_601)
        var compared = 0, shortfalls = 0, calipers = 0
        for k in 0..<400 {
            let s = Self.scenario(&g)
            guard s.treatment.contains(1), s.treatment.contains(0) else { continue }
            let expected = Self.bruteForce(s, seed: UInt64(k))
            let problem = try MatchingProblem(treatment: s.treatment, distance: .score(s.score))
            var generator = RandomStream(seed: UInt64(k))
            guard !expected.isEmpty else {
                #expect(throws: MatchingError.self, "\(s)") { try problem.match(using: s.method, generator: &generator) }
                continue
            }
            let result = try problem.match(using: s.method, generator: &generator)
            let want = expected.keys.sorted().map { MatchedSet(treated: $0, controls: expected[$0]!) }
            #expect(result.matchedSets == want, "\(s)")
            // Weights: treated 1, controls Σ 1/k_j, rescaled to the number of matched controls.
            var w = [Double](repeating: 0, count: s.score.count)
            for set in want {
                w[set.treated] = 1
                for c in set.controls { w[c] += 1 / Double(set.controls.count) }
            }
            let controls = Set(want.flatMap(\.controls))
            let total = controls.map { w[$0] }.reduce(0, +)
            for c in controls { w[c] *= Double(controls.count) / total }
            #expect(zip(result.weights, w).allSatisfy { abs($0 - $1) <= 1e-12 }, "\(s)")
            compared += 1
            if want.contains(where: { $0.controls.count < s.ratio }) { shortfalls += 1 }
            if s.caliper != nil { calipers += 1 }
        }
        // The random scenarios did exercise the interesting paths.
        #expect(compared > 300 && shortfalls > 50 && calipers > 100)
    }

    @Test func randomOrderIsReproducibleFromTheSeed() throws {
        var g = RandomStream(seed: 7)
        var s = Self.scenario(&g)
        s.order = .random
        s.replace = false
        s.caliper = nil
        s.discard = .none
        let problem = try MatchingProblem(treatment: s.treatment, distance: .score(s.score))
        var first = RandomStream(seed: 99), second = RandomStream(seed: 99)
        let a = try problem.match(using: s.method, generator: &first)
        let b = try problem.match(using: s.method, generator: &second)
        #expect(a.matchedSets == b.matchedSets)
        #expect(s.method.needsRandomNumbers)
        #expect(throws: MatchingError.self) { try problem.match(using: s.method) }
    }

    @Test func scalesToLargeSamples() throws {
        // 60 000 treated, 240 000 controls, 2:1: near-linear work (a scan would be 1.4e10 steps).
        var g = RandomStream(seed: 3)
        let n = 300_000
        let treatment = (0..<n).map { $0 % 5 == 0 ? 1.0 : 0.0 }
        let score = (0..<n).map { _ in Double.random(in: 0..<1, using: &g) }
        let clock = ContinuousClock()
        var result: MatchingResult?
        let elapsed = try clock.measure {
            result = try MatchingProblem(treatment: treatment, distance: .score(score)).match(using: NearestNeighborMatching(ratio: 2))
        }
        #expect(result!.counts.matched == GroupCounts(treated: 60_000, control: 120_000))
        #expect(elapsed < .seconds(30), "took \(elapsed)")
    }
}
