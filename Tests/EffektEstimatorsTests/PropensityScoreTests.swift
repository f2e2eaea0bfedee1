import EffektData
import EffektEstimators
import EffektTestSupport
import Testing

/// The propensity score MatchIt computes for LaLonde (glm logit, default control), from
/// Tests/Fixtures/matching/make_matching_fixtures.R.
@Suite struct PropensityScoreTests {
    @Test func scoresMatchMatchIt() throws {
        let formula = try Formula(parsing: "treat ~ age + educ + race + married + nodegree + re74 + re75")
        let ps = try PropensityScore(formula, data: FormulaTests.lalonde())
        let reference = try Fixtures.object("matching/lalonde_matchit.json").object("cases").object("nearest").doubles("ps")
        #expect(ps.probabilities.count == 614)
        let worst = zip(ps.probabilities, reference).map { relativeError($0, $1) }.max()!
        #expect(worst < 1e-8, "worst relative difference \(worst)")
    }

    @Test func needsBothGroups() throws {
        var data = VariableTable(rowCount: 3)
        data.set("treat", numeric: [1, 1, 1])
        data.set("x", numeric: [1, 2, 3])
        #expect(throws: EstimationError("no control units: 'treat' is never 0")) {
            try PropensityScore(Formula(parsing: "treat ~ x"), data: data)
        }
    }
}
