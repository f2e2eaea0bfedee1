import EffektData
@testable import EffektEstimators
@testable import EffektEvaluation
import EffektNumerics
import EffektReports
import EffektTestSupport
import Foundation
import Testing

/// Evaluations no register produces: small subgroups, insatser with too few participants or a
/// failed estimation, non-finite values. Built from the parts, as the report only formats them.
enum SyntheticEvaluation {
    static func effect(_ outcome: PanelOutcome, _ horizon: Int, att: Double, se: Double = 1000, persons: Int = 200,
                       p: Double = 0.01) -> InsatsEvaluation.Effect {
        var effect = InsatsEvaluation.Effect(outcome: outcome, horizon: horizon, att: att, standardError: se, ciLow: att - 1.96 * se,
                                             ciHigh: att + 1.96 * se, p: p, controlTotal: 40_000, participants: persons, controls: persons)
        effect.pHolm = .nan
        effect.qBH = .nan
        return effect
    }

    /// An estimated insats with effects, costs, balance (one SMD infinite), subgroups of every size.
    static func estimated(code: String = "SJOBB", name: String = "Stockholmsjobb", subgroups: [InsatsEvaluation.SubgroupEffect]) throws -> InsatsEvaluation {
        var insats = InsatsEvaluation(code: code, name: name, status: .estimated, participants: 200, matched: 198)
        insats.counts = RiskSetDesign.Counts(starts: 203, notEligible: 3, excludedOtherInsats: 0, participants: 200, matched: 198,
                                             unmatched: 2, riskSetSize: 40_000, distinctControls: 190)
        insats.effects = [6, 12, 18, 24].flatMap { h in
            [effect(.kronor, h, att: -1500 * Double(h)), effect(.receipt, h, att: -0.3 * Double(h), se: 0.1),
             effect(.selfSufficient, h, att: 0.2 * Double(h), se: 0.1)]
        }
        insats.monthly[.kronor] = (-12...23).map {
            MatchedEventStudy.Estimate(eventMonth: $0, att: $0 < 0 ? 10 : -1500, standardError: $0 == 5 ? .infinity : 200, controlMean: 4000)
        }
        insats.participantScores = [-4, -3.5, -3, .nan, -2.5]
        insats.controlScores = [-6, -5, -4, -3, .infinity]
        insats.balance = try balanceWithEmptyCategory()
        insats.pretrend = MatchedEventStudy.WaldTest(statistic: .nan, degreesOfFreedom: 11, p: .nan)
        insats.placebo = effect(.kronor, 12, att: 500, se: 2000)
        insats.rosenbaumGamma = nil
        insats.overlap = .init(participantsWithOther: 0.5, controlsWithOther: .nan)
        insats.subgroups = subgroups
        let savings = [6, 12, 18, 24].map { h -> CostSummary.Saving in
            let saved = 1500 * Double(h)
            return .init(horizon: h, saved: saved, savedLow: saved - 1960, savedHigh: saved + 1960, net: saved - 25_000,
                         netLow: saved - 1960 - 25_000, netHigh: saved + 1960 - 25_000)
        }
        insats.cost = CostSummary(costPerParticipant: 25_000, costBasis: "katalogens kostnad per deltagare", savings: savings,
                                  breakEvenMonth: 17, breakEvenEarliest: 16, breakEvenLatest: 19, shareOfCounterfactual: -0.9,
                                  participantsPerYear: 100, netPerYear: .nan)
        return insats
    }

    /// A balance table whose second term has no participants in the category: its SMD is −∞.
    static func balanceWithEmptyCategory() throws -> BalanceTable {
        let treated = [true, true, true, false, false, false, false]
        let age = [30.0, 40, 50, 35, 45, 55, 33], district = [0.0, 0, 0, 1, 0, 1, 0]
        return try BalanceTable(covariates: Matrix(columns: [age, district]), terms: ["age", "district14"], treated: treated,
                                weightsAfter: [1, 1, 1, 1, 1, 1, 0])
    }

    static func subgroup(_ variable: String, _ level: String, _ n: Int, minCell: Int = 5) -> InsatsEvaluation.SubgroupEffect {
        let estimated = n >= minCell
        return .init(variable: variable, level: level, participants: n, controls: n,
                     twelve: estimated ? effect(.kronor, 12, att: -20_000, persons: n) : nil,
                     twentyFour: estimated ? effect(.kronor, 24, att: -30_000, persons: n) : nil)
    }

    static func report(_ insatser: [InsatsEvaluation], language: ReportLanguage = .swedish, minCell: Int = 5) -> EvaluationReport {
        EvaluationReport(settings: EvaluationSettings(), datasetName: "Syntetiskt", window: StudyWindow(firstMonth: 24192, lastMonth: 24263),
                         insatser: insatser, language: language, minCell: minCell)
    }
}

@Suite("Evaluation report: small cells, statuses and non-finite values")
struct ReportSuppressionTests {
    @Test("minCell = 1000 on the real evaluation: every count and estimate is – with the footnote")
    func everythingSuppressed() throws {
        let written = try ReportFixture.write(minCell: 1000)
        defer { try? FileManager.default.removeItem(at: written.folder) }
        let rows = ReportFixture.firstTableRows(after: "## Sammanfattning", in: written.markdown)
        #expect(rows.count == ReportFixture.insatser.count)
        for row in rows {
            #expect(ReportFixture.cells(row).dropFirst().allSatisfy { $0 == "–[^small]" }, "\(row)")
        }
        #expect(written.markdown.contains("[^small]: Färre än 1\u{00A0}000 personer; uppgiften redovisas inte."))
        #expect(written.figures.isEmpty, "no figure built on too few persons")
        #expect(!written.markdown.contains("171"), "Stockholmsjobb's participant count is withheld")
        #expect(written.html.contains("Färre än 1\u{00A0}000 personer"), "the footnote reaches the HTML")
        #expect(written.html.contains("class=\"fnref\""))
        for text in written.all { #expect(!text.contains(/(?i)\b(nan|inf)\b/)) }
    }

    @Test("A small subgroup is – with the footnote; a lone small level hides the next smallest too")
    func smallSubgroup() throws {
        let subgroups = [
            SyntheticEvaluation.subgroup("sex", "Kvinna", 120), SyntheticEvaluation.subgroup("sex", "Man", 78),
            SyntheticEvaluation.subgroup("district", "Kista", 150), SyntheticEvaluation.subgroup("district", "Rinkeby", 45),
            SyntheticEvaluation.subgroup("district", "Östermalm", 3),
        ]
        let insats = try SyntheticEvaluation.estimated(subgroups: subgroups)
        let md = SyntheticEvaluation.report([insats]).render().markdown
        let rows = ReportFixture.firstTableRows(after: "#### Delgrupper", in: md).map(ReportFixture.cells)
        #expect(rows.count == 5)
        #expect(rows[0] == ["Kön: Kvinna", "120", "−20\u{00A0}000", "−22\u{00A0}000 till −18\u{00A0}000", "−30\u{00A0}000", "−32\u{00A0}000 till −28\u{00A0}000"])
        let ostermalm = try #require(rows.first { $0[0] == "Stadsdel: Östermalm" })
        #expect(ostermalm.dropFirst().allSatisfy { $0 == "–[^small]" })
        let rinkeby = try #require(rows.first { $0[0] == "Stadsdel: Rinkeby" })
        #expect(rinkeby[1] == "–[^small]", "secondary suppression: 198 − 150 − 45 would reveal Östermalm's 3")
        #expect(rinkeby[2] == "−20\u{00A0}000", "its estimate rests on 45 persons and is shown")
        #expect(md.contains("[^small]: Färre än 5 personer; uppgiften redovisas inte."))
        #expect(SubgroupTable.suppressed([120, 78], minCell: 5) == [false, false])
        #expect(SubgroupTable.suppressed([10, 3, 2], minCell: 5) == [false, true, true])
        #expect(SubgroupTable.suppressed([10, 3, 20], minCell: 5) == [true, true, false])
    }

    @Test("Too few participants, failed estimation: stated in the summary, footnoted when small")
    func statuses() throws {
        let few = InsatsEvaluation(code: "KRAMI", name: "Krami", status: .tooFewParticipants(12), participants: 12, matched: 0)
        let tiny = InsatsEvaluation(code: "ALFA", name: "Alfa", status: .tooFewParticipants(3), participants: 3, matched: 0)
        let failed = InsatsEvaluation(code: "IWORK", name: "Iwork", status: .failed("no participant could be matched: no overlap"),
                                      participants: 0, matched: 0)
        let estimated = try SyntheticEvaluation.estimated(subgroups: [])
        let report = SyntheticEvaluation.report([estimated, few, tiny, failed])
        let md = report.render().markdown
        let rows = ReportFixture.firstTableRows(after: "## Sammanfattning", in: md).map(ReportFixture.cells)
        #expect(rows.count == 4)
        #expect(rows[1] == ["Krami", "12", "", "", "", "", "För få deltagare (12)"])
        #expect(rows[2] == ["Alfa", "–[^small]", "", "", "", "", "För få deltagare[^small]"])
        #expect(rows[3].last == "Kunde inte skattas[^fel-IWORK]")
        #expect(md.contains("[^fel-IWORK]: Kunde inte skattas: no participant could be matched: no overlap"))
        #expect(rows[0][5] == "17 mån (sannolikt 16–19)")
        #expect(rows[0][6] == "Lönar sig", "net interval 36 000 − 25 000 ± 1 960 kr is above zero")
        #expect(md.contains("### Krami (KRAMI)\n\nInsatsen har för få deltagare (12) för att skattas."))
        #expect(md.contains("### Iwork (IWORK)\n\nInsatsen kunde inte skattas: no participant could be matched: no overlap"))
        #expect(!md.contains("\n3 "), "Alfa's 3 participants appear nowhere")
    }

    @Test("Non-finite values print as –: an infinite SMD, NaN p-values, a NaN yearly net, infinite scores")
    func nonFinite() throws {
        let insats = try SyntheticEvaluation.estimated(subgroups: [SyntheticEvaluation.subgroup("sex", "Man", 100)])
        #expect(insats.balance!.rows[1].adjusted.standardizedMeanDifference.isInfinite, "the fixture has an infinite SMD")
        for language in ReportLanguage.allCases {
            let rendered = SyntheticEvaluation.report([insats], language: language).render()
            let texts = [rendered.markdown] + rendered.figures.map(\.svg)
            for text in texts {
                #expect(!text.contains(/(?i)\b(nan|inf|infinity)\b/))
            }
            #expect(rendered.figures.count == 4)
            if language == .swedish {
                #expect(rendered.markdown.contains("Stadsdel: 14 (kan inte standardiseras)"))
                #expect(rendered.markdown.contains("**Varning: 2 av 2 variabler har fortfarande |SMD| ≥ 0,1 efter matchning"))
                let effects = ReportFixture.firstTableRows(after: "#### Effekter", in: rendered.markdown).map(ReportFixture.cells)
                #expect(effects.count == 12)
                #expect(effects.allSatisfy { $0[5] == "–" && $0[6] == "–" }, "Holm-p and BH-q are NaN")
                #expect(rendered.markdown.contains("Testet av utvecklingen före start kunde inte beräknas."))
            }
        }
    }

    @Test("Estimates on fewer than minCell matched persons: no figures, summary cells –")
    func smallInsats() throws {
        var insats = try SyntheticEvaluation.estimated(subgroups: [])
        insats.matched = 4
        insats.counts?.matched = 4
        let rendered = SyntheticEvaluation.report([insats]).render()
        #expect(rendered.figures.isEmpty)
        let row = ReportFixture.cells(ReportFixture.firstTableRows(after: "## Sammanfattning", in: rendered.markdown)[0])
        #expect(row[1] == "200")
        #expect(row.dropFirst(2).allSatisfy { $0 == "–[^small]" })
        #expect(rendered.markdown.contains("Figurerna och tabellerna visas inte"))
    }

    @Test("Verdict from the intervals and the Holm-adjusted p: pays off, reduces, increases, uncertain")
    func verdicts() {
        func saving(_ low: Double, _ high: Double, cost: Double? = 10_000) -> CostSummary.Saving {
            .init(horizon: 24, saved: (low + high) / 2, savedLow: low, savedHigh: high, net: cost.map { (low + high) / 2 - $0 },
                  netLow: cost.map { low - $0 }, netHigh: cost.map { high - $0 })
        }
        #expect(Verdict(saving(12_000, 20_000), adjustedP: 0.001) == .paysOff)
        #expect(Verdict(saving(5_000, 20_000), adjustedP: 0.01) == .reduces)
        #expect(Verdict(saving(5_000, 20_000, cost: nil), adjustedP: .nan) == .reduces)
        #expect(Verdict(saving(-20_000, -5_000), adjustedP: 0.049) == .increases)
        #expect(Verdict(saving(-2_000, 5_000), adjustedP: 0.01) == .uncertain)
        #expect(Verdict(saving(.nan, .nan), adjustedP: .nan) == .uncertain)
        // Clear intervals that do not survive Holm's adjustment across insatser.
        #expect(Verdict(saving(12_000, 20_000), adjustedP: 0.2) == .uncertain)
        #expect(Verdict(saving(-20_000, -5_000), adjustedP: 0.05) == .uncertain)
    }

    @Test("Figure file stems: ASCII, unique")
    func stems() {
        #expect(ReportFigures.stems(for: ["SJOBB", "SPRÅK", "A B", "a-b", "", "Ö/Ä"]) == ["sjobb", "sprak", "a-b", "a-b-2", "insats", "o-a"])
    }

    @Test("Markdown from data cannot start emphasis or footnotes")
    func plainText() {
        #expect(ReportContext.plain("a*b [^x]\nc") == "a\u{2217}b [ ^x] c")
    }
}
