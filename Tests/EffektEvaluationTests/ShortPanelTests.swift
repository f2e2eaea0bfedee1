import EffektData
import EffektEstimators
import EffektEvaluation
import Foundation
import Testing

/// How `evaluate` fits its design to a panel shorter than the default design needs (24 months
/// of history, 12 pre-event months and 24 months of follow-up).
@Suite struct ShortPanelTests {
    @Test func longPanelsKeepTheSettings() {
        let (fitted, notes) = EvaluationSettings().fitted(toMonths: 72)
        #expect(notes.isEmpty)
        #expect(fitted.horizons == [6, 12, 18, 24])
        #expect(fitted.design.formula == RiskSetOptions.defaultFormula)
        #expect(fitted.design.historyMonths == 24)
    }

    /// 48 months: without months_24m a start needs 12 months before it, and all horizons fit
    /// with 13 start months (12 … 24).
    @Test func fortyEightMonthsDropTheTwoYearHistory() {
        let (fitted, notes) = EvaluationSettings().fitted(toMonths: 48)
        #expect(fitted.horizons == [6, 12, 18, 24])
        #expect(!fitted.design.formula.contains("months_24m") && fitted.design.formula.contains("months_12m"))
        #expect(fitted.design.historyMonths == 12)
        #expect(notes.count == 1)
    }

    /// 36 months (the benchmark panel): history 12 months and horizons 6 and 12, so
    /// start months 12 … 24 are evaluable.
    @Test func thirtySixMonthsAlsoShortenTheHorizons() {
        let (fitted, notes) = EvaluationSettings().fitted(toMonths: 36)
        #expect(fitted.horizons == [6, 12])
        #expect(fitted.eventMonths == -12...11)
        #expect(fitted.design.historyMonths == 12)
        #expect(notes.count == 2 && notes[1].contains("18, 24"))
    }

    /// A formula from the user is kept; only what it uses decides the history it needs.
    @Test func aUserFormulaIsNeverChanged() {
        var settings = EvaluationSettings()
        settings.design.formula = "treat ~ age + sex + kr_6m + months_24m"
        var (fitted, _) = settings.fitted(toMonths: 36)
        #expect(fitted.design.formula == settings.design.formula)
        #expect(fitted.design.historyMonths == 24)
        #expect(fitted.horizons == [6])
        settings.design.formula = "treat ~ age + sex + kr_6m"
        (fitted, _) = settings.fitted(toMonths: 36)
        #expect(fitted.design.historyMonths == 6)
        #expect(fitted.horizons == [6, 12])
    }

    /// End to end on a simulated 36-month register: Stockholmsjobb is estimated at 6 and 12
    /// months, lowers payments, and the report's warnings say what was adapted.
    @Test func aThirtySixMonthRegisterIsEvaluated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-short-panel-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try RegisterSimulator(SimulationSettings(persons: 20_000, months: 36, seed: 5, workers: 2)).write(to: folder)
        let spec = try DatasetSpec.load(folder.appendingPathComponent("spec.json"))
        let register = try #require(Register.build(from: RegisterTables.read(spec: spec, base: folder, threads: 2)).register)
        var settings = EvaluationSettings()
        settings.insatser = ["SJOBB"]
        settings.subgroups = false
        let evaluation = try Evaluation(register: register, settings: settings)
        #expect(evaluation.settings.horizons == [6, 12])
        #expect(evaluation.notes.count == 2)
        let result = try #require(evaluation.insatser.first)
        #expect(result.status == .estimated, "\(result.status)")
        #expect(result.warnings.starts(with: evaluation.notes))
        #expect(result.effect(.kronor, horizon: 6) != nil && result.effect(.kronor, horizon: 18) == nil)
        let twelve = try #require(result.effect(.kronor, horizon: 12))
        #expect(twelve.ciHigh < 0, "\(twelve.att) ± \(twelve.standardError)")
        #expect(result.placebo != nil)
    }
}
