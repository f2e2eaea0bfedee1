import EffektData
@testable import EffektEstimators
import EffektNumerics
import EffektTestSupport
import Foundation
import Testing

/// The register design on the shipped simulated register (Datasets/simulated-register, made by
/// `effekt simulate --persons 5000 --months 72 --seed 1`), whose truth.json is known.
@Suite struct RiskSetDesignTests {
    static func register() throws -> Register {
        let specURL = Fixtures.datasetURL("simulated-register/spec.json")
        let tables = try RegisterTables.read(spec: DatasetSpec.load(specURL), base: specURL.deletingLastPathComponent(), threads: 2)
        let (register, report) = Register.build(from: tables)
        guard let register else { throw FixtureError.shape("simulated-register", report.text) }
        return register
    }

    @Test func pairsRespectTheRiskSet() throws {
        let register = try Self.register()
        let panel = register.panel
        let k = try #require(register.catalogue.firstIndex { $0.code == "SE" })
        let design = try RiskSetDesign(register: register, insats: k)
        #expect(design.pairs.count > 150)
        for pair in design.pairs {
            let m = Int(pair.month)
            // The participant started at m; the control had not started by m (it may start later).
            #expect(Int(panel.firstStart(insats: k, person: Int(pair.treated))) == m)
            #expect(Int(panel.firstStart(insats: k, person: Int(pair.control))) > m)
            // Both received assistance the month before.
            #expect(panel.receives(Int(pair.treated), m - 1) && panel.receives(Int(pair.control), m - 1))
            #expect(pair.treated != pair.control)
        }
        // Matching removes most of the pre-entry payment imbalance.
        for term in PaymentHistory.variableNames {
            let row = try #require(design.balance[term])
            #expect(abs(row.adjusted.standardizedMeanDifference) < abs(row.all.standardizedMeanDifference) / 3, "\(term)")
        }
    }

    /// Stockholmsjobb's large effect (about −34,000 kr in the first year) is found, and lies within
    /// the interval; the naive before/after comparison is far off.
    @Test func stockholmsjobbEffectIsRecovered() throws {
        let register = try Self.register()
        let truth = try Fixtures.object("../../Datasets/simulated-register/truth.json").objects("insatser")
        let k = try #require(register.catalogue.firstIndex { $0.code == "SJOBB" })
        let trueEffect = try #require(truth.first { $0["code"] as? String == "SJOBB" }).object("cumulative_att").double("12")
        let design = try RiskSetDesign(register: register, insats: k)
        let study = try MatchedEventStudy(panel: register.panel, pairs: design.pairs)
        let twelve = try #require(study.cumulative.first { $0.horizon == 12 })
        #expect(twelve.ciLow < trueEffect && trueEffect < twelve.ciHigh, "estimate \(twelve.att) ± \(twelve.standardError), truth \(trueEffect)")
        #expect(twelve.ciHigh < 0)
        // Naive: participants' first 12 months minus their previous 12, no comparison group.
        let participants = Set(design.pairs.map { ($0.treated, $0.month) }.map { "\($0.0)-\($0.1)" })
        var naive = 0.0
        for pair in design.pairs where participants.contains("\(pair.treated)-\(pair.month)") {
            let m = Int(pair.month), p = Int(pair.treated)
            naive += register.panel.kronorSum(p, m, m + 12) - register.panel.kronorSum(p, m - 12, m)
        }
        naive /= Double(design.pairs.count)
        #expect(abs(naive - trueEffect) > 3 * twelve.standardError, "naive \(naive)")
    }

    /// Stage 2 on a shared `RiskSet` gives what the one-step design gives with the same options.
    @Test func sharedRiskSetMatchesTheOneStepDesign() throws {
        let register = try Self.register()
        let k = try #require(register.catalogue.firstIndex { $0.code == "SE" })
        let riskSet = try RiskSet(register: register, insats: k)
        var options = RiskSetOptions()
        for (ratio, caliper) in [(1, 0.2), (2, 0.1)] as [(Int, Double)] {
            options.ratio = ratio
            options.caliper = caliper
            let shared = try RiskSetDesign(riskSet: riskSet, register: register, ratio: ratio, caliper: caliper, exactDistrict: false)
            let direct = try RiskSetDesign(register: register, insats: k, options: options)
            #expect(shared.pairs == direct.pairs)
            #expect(shared.counts == direct.counts)
            #expect(shared.balance.rows.map(\.adjusted.standardizedMeanDifference) == direct.balance.rows.map(\.adjusted.standardizedMeanDifference))
        }
        #expect(riskSet.options.fitKey == options.fitKey)
    }

    /// The radix order of control scores is the stable sort by (score, input position),
    /// with ties, negative scores and −0 among the values.
    @Test func scoreOrderIsTheStableSort() {
        var rng = RandomStream(seed: 3)
        for n in [0, 1, 2, 50, 70_000] {
            let scores = (0..<n).map { _ in [-0.0, 0.0, -2.5, 1.25][rng.integer(below: 4)] + (rng.bernoulli(0.5) ? 0 : rng.normal() * 3) }
            let expected = scores.indices.sorted { (scores[$0], $0) < (scores[$1], $1) }
            #expect(StableOrder.permutation(scores).map(Int.init) == expected, "n = \(n)")
        }
    }

    /// The risk set's scores (person part per profile + monthly part) equal the linear predictor
    /// from the full model matrix, with interactions across the two parts and an expression.
    @Test func splitScoresEqualTheFullModel() throws {
        let register = try Self.register()
        let k = try #require(register.catalogue.firstIndex { $0.code == "SE" })
        var options = RiskSetOptions()
        options.formula = "treat ~ age + I(age^2) + sex + education + district + hinder_group + kr_3m + sex:kr_3m"
            + " + age:hinder_group + sex:education + I(kr_12m/1000) + months_24m"
        let riskSet = try RiskSet(register: register, insats: k, options: options)
        let propensity = riskSet.propensity
        var frameOptions = ModelMatrix.Options()
        frameOptions.fixedLevels = propensity.modelMatrix.levels
        for month in riskSet.months.prefix(3) {
            var data = register.covariates(persons: month.persons, months: [Int32](repeating: month.month, count: month.persons.count))
            data.set("treat", numeric: month.persons.indices.map { $0 < month.participants ? 1 : 0 })
            let frame = try ModelMatrix(propensity.modelMatrix.formula, data: data, options: frameOptions)
            #expect(frame.names == propensity.modelMatrix.names)
            let full = frame.matrix.selectingColumns(propensity.fit.keptColumns).multiplied(by: propensity.fit.beta)
            for (a, b) in zip(full, month.score) { #expect(abs(a - b) <= 1e-10 * (1 + abs(a))) }
        }
    }
}
