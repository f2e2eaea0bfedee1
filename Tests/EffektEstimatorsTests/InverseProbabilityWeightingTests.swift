import EffektEstimators
import EffektTestSupport
import Testing

@Suite struct InverseProbabilityWeightingTests {
    let data = Lalonde.shared

    @Test func weightsAndEffectiveSizesAreTheFixtures() throws {
        let reference = try Lalonde.referenceCase("ipw_att")
        let result = try MatchingProblem(treatment: data.treatment, distance: .score(try reference.doubles("ps")))
            .match(using: InverseProbabilityWeighting())
        let expected = try reference.doubles("weights")
        #expect(zip(result.weights, expected).allSatisfy { relativeError($0, $1) <= 1e-14 })
        let ess = try reference.object("ess")
        #expect(relativeError(result.counts.matchedEffective.control, try ess.double("control")) <= 1e-12)
        #expect(result.counts.matchedEffective.treated == (try ess.double("treated")))
        #expect(result.counts.matched == GroupCounts(treated: 185, control: 429))
        #expect(result.counts.unmatched == GroupCounts(treated: 0, control: 0))
        #expect(result.matchedSets.isEmpty && result.subclass.allSatisfy { $0 == nil })
        #expect(result.settings == .inverseProbabilityWeighting(InverseProbabilityWeighting()))
    }

    @Test func refusesScoresThatAreNotProbabilities() throws {
        let problem = try MatchingProblem(treatment: [1, 0, 0], distance: .score([0.5, 1.0, 0.2]))
        #expect(throws: MatchingError.scoreOutOfRange(row: 1, value: 1.0)) { try problem.match(using: InverseProbabilityWeighting()) }
        let mahalanobis = try MatchingProblem(treatment: data.treatment,
                                              distance: .mahalanobis(covariates: data.covariates, names: Lalonde.terms))
        #expect(throws: MatchingError.self) { try mahalanobis.match(using: InverseProbabilityWeighting()) }
    }
}
