import EffektData
import EffektEstimators
import EffektEvaluation
import EffektTestSupport
import Foundation
import Testing

/// The small version of the Monte Carlo study (`make montecarlo` runs the large one): the whole
/// evaluation of the shipped simulated register against its truth.json.
@Suite struct EvaluationTruthTests {
    @Test func everyInsatsLiesNearItsTruth() throws {
        let specURL = Fixtures.datasetURL("simulated-register/spec.json")
        let tables = try RegisterTables.read(spec: DatasetSpec.load(specURL), base: specURL.deletingLastPathComponent(), threads: 2)
        let register = try #require(Register.build(from: tables).register)
        var settings = EvaluationSettings()
        settings.placebo = false
        settings.subgroups = false
        let evaluation = try Evaluation(register: register, settings: settings)
        let truth = try Fixtures.object("../../Datasets/simulated-register/truth.json").objects("insatser")
        #expect(evaluation.insatser.count == truth.count)
        for result in evaluation.insatser {
            #expect(result.status == .estimated, "\(result.code): \(result.status)")
            let cumulative = try #require(truth.first { $0["code"] as? String == result.code }).object("cumulative_att")
            for h in [12, 24] {
                let e = try #require(result.effect(.kronor, horizon: h))
                let z = (e.att - (try cumulative.double("\(h)"))) / e.standardError
                // 20 comparisons: a 3.5-SE band fails by chance with probability < 1 %.
                #expect(abs(z) < 3.5, "\(result.code) at \(h) months: z = \(z)")
            }
        }
        // The zero-effect insats is not called significant after Holm; Stockholmsjobb is.
        #expect(try #require(evaluation.insatser.first { $0.code == "VAGL" }?.effect(.kronor, horizon: 12)).pHolm > 0.05)
        #expect(try #require(evaluation.insatser.first { $0.code == "SJOBB" }?.effect(.kronor, horizon: 12)).pHolm < 0.001)
        // The harmful insats comes out harmful (payments up) at 12 months.
        #expect(try #require(evaluation.insatser.first { $0.code == "STARTA" }?.effect(.kronor, horizon: 12)).att > 0)
    }
}
