import EffektEstimators
import EffektTestSupport
import Foundation
import Testing

/// The ATT from `lm(re78 ~ treat, weights)` on `match.data(m)` with MatchIt's SEs: vcovCL by
/// subclass (HC1) without replacement, vcovHC HC1 with replacement and for IPW.
@Suite struct MatchedEffectFixtureTests {
    let data = Lalonde.shared

    func expectMatches(_ effect: MatchedEffect, _ att: [String: Any]) throws {
        #expect(relativeError(effect.estimate, try att.double("coef")) <= 1e-9, "ATT \(effect.estimate)")
        #expect(relativeError(effect.standardError, try att.double("se")) <= 1e-9, "SE \(effect.standardError)")
        #expect(relativeError(effect.controlMean, try att.double("intercept")) <= 1e-12)
        #expect(Double(effect.observations) == (try att.double("n")))
        if let clusters = (att["n_clusters"] as? NSNumber)?.intValue {
            #expect(effect.standardErrorType == .pairClustered(clusters: clusters))
        } else {
            #expect(effect.standardErrorType == .robust)
        }
    }

    @Test(arguments: MatchItCase.scoreCases)
    func matchesMatchItsATTAndSE(_ c: MatchItCase) throws {
        let effect = try MatchedEffect(outcome: data.re78, outcomeName: "re78", matching: try c.run())
        try expectMatches(effect, c.reference.object("att"))
    }

    /// From MatchIt's own weights and pairs (see `MahalanobisFixtureTests` for the one exact tie).
    @Test func matchesMatchItsATTAndSEForMahalanobis() throws {
        let reference = MatchItCase.named("mahalanobis").reference
        var subclass = [Int?](repeating: nil, count: data.re78.count)
        for (k, set) in try referenceSets(reference).enumerated() {
            for row in [set.treated] + set.controls { subclass[row] = k + 1 }
        }
        let effect = try MatchedEffect(outcome: data.re78, outcomeName: "re78", treated: data.treatment.map { $0 == 1 },
                                       weights: try reference.doubles("weights"), subclass: subclass)
        try expectMatches(effect, reference.object("att"))
    }

    @Test func matchesTheInverseProbabilityWeightedATT() throws {
        let reference = try Lalonde.referenceCase("ipw_att")
        let result = try MatchingProblem(treatment: data.treatment, distance: .score(try reference.doubles("ps")))
            .match(using: InverseProbabilityWeighting())
        let effect = try MatchedEffect(outcome: data.re78, outcomeName: "re78", matching: result)
        try expectMatches(effect, reference.object("att"))
    }

    @Test func confidenceIntervalUsesTheNormalQuantile() throws {
        let effect = try MatchedEffect(outcome: data.re78, matching: try MatchItCase.named("nearest").run())
        let ci = try effect.confidenceInterval()
        #expect(abs(ci.lowerBound - (effect.estimate - 1.959963984540054 * effect.standardError)) <= 1e-9)
        #expect(abs(ci.upperBound - (effect.estimate + 1.959963984540054 * effect.standardError)) <= 1e-9)
        #expect(try effect.confidenceInterval(level: 0.9).upperBound < ci.upperBound)
        #expect(throws: MatchingError.self) { try effect.confidenceInterval(level: 95) }
    }
}
