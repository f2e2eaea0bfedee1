import EffektEstimators
import EffektTestSupport
import Foundation
import Testing

/// `summary(m, standardize = TRUE)` of every MatchIt case and the hand-checked IPW balance: every
/// statistic of every term before and after, to 1e-6 relative (1e-9 absolute near 0).
@Suite struct BalanceFixtureTests {
    let data = Lalonde.shared

    /// Compares a table with a fixture `{all: {term: B}, <after>: {term: B}}`.
    func expectMatches(_ table: BalanceTable, _ reference: [String: Any], after: String, terms: [String]) throws {
        #expect(table.rows.map(\.term) == terms)
        for row in table.rows {
            for (sample, stats) in [("all", row.all), (after, row.adjusted)] {
                let want = try reference.object(sample).object(row.term)
                let pairs: [(String, Double?)] = [
                    ("means_treated", stats.meanTreated), ("means_control", stats.meanControl),
                    ("std_mean_diff", stats.standardizedMeanDifference), ("var_ratio", stats.varianceRatio),
                    ("ecdf_mean", stats.ecdfMean), ("ecdf_max", stats.ecdfMax),
                ] + (want.keys.contains("std_pair_dist") ? [("std_pair_dist", stats.standardizedPairDistance)] : [])
                for (key, got) in pairs {
                    let expected = (want[key] as? NSNumber)?.doubleValue
                    switch (got, expected) {
                    case let (g?, e?):
                        #expect(close(g, e, relative: 1e-6, absolute: 1e-9), "\(sample) \(row.term) \(key): \(g) vs \(e)")
                    case (nil, nil):
                        break
                    default:
                        Issue.record("\(sample) \(row.term) \(key): \(String(describing: got)) vs \(String(describing: expected))")
                    }
                }
            }
        }
    }

    @Test(arguments: MatchItCase.scoreCases)
    func matchesMatchItSummary(_ c: MatchItCase) throws {
        let result = try c.run()
        let table = try BalanceTable(covariates: data.covariates, terms: Lalonde.terms, matching: result, distance: c.score)
        try expectMatches(table, c.reference.object("balance"), after: "matched", terms: ["distance"] + Lalonde.terms)
    }

    /// From MatchIt's own matched sets (Effekt breaks one exact tie differently, see
    /// `MahalanobisFixtureTests`); no distance row, as MatchIt shows none.
    @Test func matchesMatchItSummaryForMahalanobis() throws {
        let reference = MatchItCase.named("mahalanobis").reference
        let table = try BalanceTable(covariates: data.covariates, terms: Lalonde.terms, treated: data.treatment.map { $0 == 1 },
                                     weightsAfter: try reference.doubles("weights"), matchedSets: try referenceSets(reference))
        try expectMatches(table, reference.object("balance"), after: "matched", terms: Lalonde.terms)
    }

    @Test func matchesTheInverseProbabilityWeightedBalance() throws {
        let reference = try Lalonde.referenceCase("ipw_att")
        let ps = try reference.doubles("ps")
        let result = try MatchingProblem(treatment: data.treatment, distance: .score(ps)).match(using: InverseProbabilityWeighting())
        let table = try BalanceTable(covariates: data.covariates, terms: Lalonde.terms, matching: result, distance: ps)
        try expectMatches(table, reference.object("balance"), after: "weighted", terms: ["distance"] + Lalonde.terms)
    }

    @Test func flagsImbalanceAndDetectsBinaryTerms() throws {
        let c = MatchItCase.named("nearest")
        let table = try BalanceTable(covariates: data.covariates, terms: Lalonde.terms, matching: try c.run(), distance: c.score)
        #expect(table.rows.filter(\.isBinary).map(\.term) == ["raceblack", "racehispan", "racewhite", "married", "nodegree"])
        let before = table.rows.filter { $0.all.isMeanImbalanced }.map(\.term)
        #expect(before == ["distance", "age", "raceblack", "racehispan", "racewhite", "married", "nodegree", "re74", "re75"])
        // Variance ratio of age: 0.44 before, outside [0.5, 2]; binary terms never flag it.
        #expect(table["age"]!.all.isVarianceImbalanced)
        #expect(table["married"]!.all.varianceRatio == nil && !table["married"]!.all.isVarianceImbalanced)
        #expect(table.imbalanced.map(\.term) == table.rows.filter { $0.adjusted.isMeanImbalanced || $0.adjusted.isVarianceImbalanced }.map(\.term))
        #expect(!table.imbalanced.isEmpty)
    }
}
