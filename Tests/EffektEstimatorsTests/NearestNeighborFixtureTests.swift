import EffektEstimators
import EffektTestSupport
import Foundation
import Testing

/// The propensity-score nearest-neighbour cases of MatchIt 4.5.1 on LaLonde (fed the fixture's PS):
/// pairs, weights, counts, discards. Mahalanobis is in `MahalanobisFixtureTests`.
@Suite struct NearestNeighborFixtureTests {
    @Test(arguments: MatchItCase.scoreCases)
    func reproducesMatchItPairsInMatchMatrixOrder(_ c: MatchItCase) throws {
        let result = try c.run()
        let expected = try referenceSets(c.reference)
        // The identical match.matrix: same treated rows in the same order, controls in round order.
        #expect(firstDifference(result.matchedSets, expected) == nil)
        let pairs = Set(result.matchedSets.flatMap { s in s.controls.map { [s.treated, $0] } })
        let expectedPairs = Set(expected.flatMap { s in s.controls.map { [s.treated, $0] } })
        #expect(pairs == expectedPairs)
    }

    @Test(arguments: MatchItCase.scoreCases)
    func reproducesMatchItWeights(_ c: MatchItCase) throws {
        let result = try c.run()
        let expected = try c.reference.doubles("weights")
        #expect(result.weights.count == expected.count)
        let worst = zip(result.weights, expected).map { abs($0 - $1) }.max()!
        #expect(worst <= 1e-12, "largest weight difference \(worst)")
    }

    @Test(arguments: MatchItCase.all)
    func reproducesMatchItCounts(_ c: MatchItCase) throws {
        let counts = try c.run().counts
        let ref = try c.reference.object("counts")
        func expected(_ key: String) throws -> (treated: Double, control: Double) {
            let o = try ref.object(key)
            return (try o.double("treated"), try o.double("control"))
        }
        for (key, got) in [("all", counts.all), ("matched", counts.matched), ("unmatched", counts.unmatched), ("discarded", counts.discarded)] {
            let want = try expected(key)
            #expect(Double(got.treated) == want.treated && Double(got.control) == want.control, "\(key): \(got) vs \(want)")
        }
        for (key, got) in [("all_ess", counts.allEffective), ("matched_ess", counts.matchedEffective)] {
            let want = try expected(key)
            #expect(relativeError(got.treated, want.treated) <= 1e-12 && relativeError(got.control, want.control) <= 1e-12,
                    "\(key): \(got) vs \(want)")
        }
    }

    @Test(arguments: MatchItCase.all)
    func discardsTheSameRows(_ c: MatchItCase) throws {
        let result = try c.run()
        let expected = try c.reference.doubles("discarded").map { Int($0) - 1 }
        #expect(result.discarded.indices.filter { result.discarded[$0] } == expected)
        if !expected.isEmpty {
            #expect(result.warnings.contains("discard = both: 8 treated and 57 control units lie outside the common support of the distance and were discarded"))
        }
    }

    @Test func caliperWidthIsMatchItsStdCaliper() throws {
        let c = MatchItCase.named("caliper")
        let result = try c.run()
        guard case let .nearestNeighbor(_, orderUsed, width?) = result.settings else {
            Issue.record("no caliper width in \(result.settings)")
            return
        }
        #expect(orderUsed == .largest)
        #expect(relativeError(width, try c.reference.double("caliper_ps_units")) <= 1e-14)
        #expect(result.warnings.contains { $0.hasPrefix("74 treated units had no available control within the caliper (0.1 SD of the distance") })
    }

    @Test func firstPairsAreMatchItsExactly() throws {
        // A spot check independent of the comparison helpers (1-based ids as in the fixture).
        let sets = try MatchItCase.named("nearest").run().matchedSets
        #expect(sets.prefix(3).map { [$0.treated + 1] + $0.controls.map { $0 + 1 } } == [[1, 485], [2, 390], [3, 226]])
        let ratio2 = try MatchItCase.named("ratio2").run().matchedSets
        #expect(ratio2.prefix(2).map { [$0.treated + 1] + $0.controls.map { $0 + 1 } } == [[1, 485, 268], [2, 390, 217]])
    }

    @Test func replacementForcesDataOrderAndHasNoSubclass() throws {
        let result = try MatchItCase.named("replace").run()
        guard case let .nearestNeighbor(_, orderUsed, _) = result.settings else { Issue.record("wrong settings"); return }
        #expect(orderUsed == .data)
        #expect(result.subclass.allSatisfy { $0 == nil })
    }

    @Test func subclassesNumberTheMatchedSets() throws {
        let result = try MatchItCase.named("ratio2").run()
        for (k, set) in result.matchedSets.enumerated() {
            #expect(result.subclass[set.treated] == k + 1)
            #expect(set.controls.allSatisfy { result.subclass[$0] == k + 1 })
        }
        #expect(result.subclass.compactMap { $0 }.count == 555)
    }

    @Test func distanceUnitCaliperEqualsTheStandardisedOne() throws {
        let c = MatchItCase.named("caliper")
        let width = try c.reference.double("caliper_ps_units")
        let problem = try MatchingProblem(treatment: Lalonde.shared.treatment, distance: .score(c.score!))
        let raw = try problem.match(using: NearestNeighborMatching(caliper: .distanceUnits(width)))
        #expect(raw.matchedSets == (try c.run().matchedSets))
    }
}
