import EffektData
import EffektEstimators
import EffektEvaluation
import Foundation
import Testing

/// Small registers: a district that the propensity fit never saw (no participant, and the
/// control sample missed it) must not stop an insats from being evaluated.
@Suite struct SmallRegisterTests {
    @Test func aCategoryUnseenByTheFitDoesNotFailTheInsats() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-small-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Seed 4, 800 persons × 48 months: STARTA's fit sample has no one from district 21.
        _ = try RegisterSimulator(SimulationSettings(persons: 800, months: 48, seed: 4, workers: 2)).write(to: folder)
        let spec = try DatasetSpec.load(folder.appendingPathComponent("spec.json"))
        let register = try #require(Register.build(from: RegisterTables.read(spec: spec, base: folder, threads: 2)).register)
        var settings = EvaluationSettings()
        settings.subgroups = false
        let evaluation = try Evaluation(register: register, settings: settings)
        for insats in evaluation.insatser {
            if case let .failed(reason) = insats.status { Issue.record("\(insats.code) failed: \(reason)") }
        }
    }
}
