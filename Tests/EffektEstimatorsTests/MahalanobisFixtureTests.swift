@testable import EffektEstimators
import EffektNumerics
import EffektTestSupport
import Foundation
import Testing

/// MatchIt 4.5.1's `distance = "mahalanobis"` on LaLonde.
///
/// One decision is an exact tie that MatchIt's rounding broke: treated NSW89 (row 88, age 21) is
/// equally far from PSID383 (row 567, age 19) and PSID407 (row 591, age 23), otherwise identical.
/// Effekt computes distances from covariate differences, so the tie is exact and goes to the first
/// control in row order (MatchIt's documented `which_min` rule): PSID383. MatchIt took PSID407, which
/// then left NSW96 (row 95) with PSID245 (row 429) instead of PSID407. Every other pair is identical.
@Suite struct MahalanobisFixtureTests {
    let data = Lalonde.shared
    let c = MatchItCase.named("mahalanobis")

    @Test func pairsAreMatchItsExceptTheExactTie() throws {
        let result = try c.run()
        let expected = try referenceSets(c.reference)
        #expect(result.matchedSets.count == expected.count)
        let differing = zip(result.matchedSets, expected).filter { $0 != $1 }.map { [$0.treated, $0.controls[0], $1.controls[0]] }
        #expect(differing == [[88, 567, 591], [95, 591, 429]])
    }

    @Test func theDifferingDecisionIsAnExactTie() {
        let x = data.covariates
        let toFirst = (0..<x.columns).map { x[88, $0] - x[567, $0] }
        let toSecond = (0..<x.columns).map { x[88, $0] - x[591, $0] }
        #expect(toFirst == toSecond.map { -$0 })
        #expect(toFirst.filter { $0 != 0 } == [2])
        let metric = MahalanobisMetric(covariates: x, treated: data.treatment.map { $0 == 1 })
        #expect(metric.squaredDistance(88, 567) == metric.squaredDistance(88, 591))
    }

    /// Replays MatchIt's own sequence of choices: each one must be a nearest available control under
    /// Effekt's metric (to 1e-12), so both compute the same distance.
    @Test func everyMatchItChoiceIsNearestUnderEffektsMetric() throws {
        let treated = data.treatment.map { $0 == 1 }
        let metric = MahalanobisMetric(covariates: data.covariates, treated: treated)
        var available = Set(treated.indices.filter { !treated[$0] })
        var ties = 0
        for set in try referenceSets(c.reference) {
            let chosen = set.controls[0]
            let best = available.map { metric.squaredDistance(set.treated, $0) }.min()!
            let mine = metric.squaredDistance(set.treated, chosen)
            #expect(available.contains(chosen))
            #expect(mine <= best * (1 + 1e-12), "treated row \(set.treated): \(mine) vs nearest \(best)")
            ties += available.filter { metric.squaredDistance(set.treated, $0) <= best * (1 + 1e-12) }.count > 1 ? 1 : 0
            available.remove(chosen)
        }
        #expect(ties > 0)   // duplicate control rows: exact ties, resolved in row order
    }

    @Test func weightsAndCountsAreMatchIts() throws {
        let result = try c.run()
        var expected = try c.reference.doubles("weights")
        expected.swapAt(429, 567)   // the tie above
        #expect(result.weights == expected)
        #expect(result.subclass.compactMap { $0 }.count == 370)
    }

    @Test func rescalingOrDuplicatingACovariateChangesNothing() throws {
        // Mahalanobis distance is affine invariant, and a collinear copy only adds a null direction.
        let x = data.covariates
        var columns = (0..<x.columns).map { x.column($0) }
        columns[7] = columns[7].map { $0 / 1000 }       // re74 in thousands
        columns.append(columns[0].map { 2 * $0 + 3 })    // a collinear copy of age
        let problem = try MatchingProblem(treatment: data.treatment,
                                          distance: .mahalanobis(covariates: Matrix(columns: columns), names: Lalonde.terms + ["age2"]))
        #expect(try problem.match(using: NearestNeighborMatching()).matchedSets == (try c.run().matchedSets))
    }
}
