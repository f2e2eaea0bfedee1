import EffektData
import EffektEstimators
import EffektTestSupport
import Foundation
import Testing

/// Risk-set matching balances payment history on a register of realistic size (issue 4:
/// |SMD| < 0.05 after matching): 20,000 persons × 72 months, simulated here with seed 1.
@Suite struct RiskSetBalanceTests {
    @Test func paymentHistoryIsBalancedAfterMatching() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-riskset-balance-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try RegisterSimulator(SimulationSettings(persons: 20_000, months: 72, seed: 1, workers: 2)).write(to: folder)
        let spec = try DatasetSpec.load(folder.appendingPathComponent("spec.json"))
        let register = try #require(Register.build(from: RegisterTables.read(spec: spec, base: folder, threads: 2)).register)
        for code in ["SE", "SJOBB"] {
            let k = try #require(register.catalogue.firstIndex { $0.code == code })
            let design = try RiskSetDesign(register: register, insats: k)
            for term in PaymentHistory.variableNames {
                let row = try #require(design.balance[term])
                #expect(abs(row.adjusted.standardizedMeanDifference) < 0.05,
                        "\(code) \(term): SMD \(row.adjusted.standardizedMeanDifference) after matching (\(row.all.standardizedMeanDifference) before)")
            }
        }
    }
}
