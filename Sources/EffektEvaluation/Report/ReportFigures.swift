import EffektEstimators
import EffektReports
import Foundation

/// One SVG figure of the report: where it goes (relative to the report folder) and its text.
struct ReportFigure: Equatable {
    /// "figures/sjobb-handelsestudie.svg": ASCII only.
    let path: String
    /// The image's alternative text in the Markdown.
    let alt: String
    let svg: String

    /// The Markdown line that embeds it.
    var markdown: String { "![\(alt.replacingOccurrences(of: "]", with: ")"))](\(path))" }
}

/// The per-insats figures, built from the evaluation's values with the `EffektReports` charts:
/// the monthly event study on kronor, the Love plot of balance, the overlap of the participants'
/// and the risk set's linear predictors, and the cumulative saving against the cost.
struct ReportFigures {
    let context: ReportContext
    /// The insats's file-name stem, unique within the report ("sjobb").
    let stem: String
    let insats: InsatsEvaluation

    private var texts: ReportTexts { context.texts }
    private var name: String { ReportContext.name(insats) }

    private func path(_ kind: (sv: String, en: String)) -> String {
        "figures/\(stem)-\(context.language == .swedish ? kind.sv : kind.en).svg"
    }

    /// Monthly ATT on kronor, −12 … +23, with the 95 % band; the pre-period months are the check.
    func eventStudy() -> ReportFigure? {
        guard let monthly = insats.monthly[.kronor], monthly.contains(where: { $0.att.isFinite }) else { return nil }
        let points = monthly.map { EventStudyChart.Point(eventTime: $0.eventMonth, estimate: $0.att, lower: $0.ciLow, upper: $0.ciHigh) }
        let title = texts.eventStudyTitle(name)
        let chart = EventStudyChart(title: title, xAxisTitle: texts.eventStudyX, yAxisTitle: texts.eventStudyY,
                                    series: .init(label: texts.eventStudySeries, points: points), startLabel: texts.startLabel,
                                    format: context.format)
        return ReportFigure(path: path(("handelsestudie", "event-study")), alt: title, svg: chart.render())
    }

    /// |SMD| before and after matching for every term of the propensity model.
    func lovePlot() -> ReportFigure? {
        guard let balance = insats.balance, !balance.rows.isEmpty else { return nil }
        let terms = balance.rows.map {
            LovePlot.Term(name: context.termLabel($0.term), before: $0.all.standardizedMeanDifference,
                          after: $0.adjusted.standardizedMeanDifference)
        }
        let title = texts.balanceTitle(name)
        let plot = LovePlot(title: title, xAxisTitle: texts.balanceX, beforeLabel: texts.balanceBefore, afterLabel: texts.balanceAfter,
                            thresholdLabel: texts.balanceThreshold, terms: terms, threshold: BalanceStatistics.smdThreshold,
                            format: context.format)
        return ReportFigure(path: path(("balans", "balance")), alt: title, svg: plot.render())
    }

    /// The linear predictors of participants and of the risk-set sample. `OverlapChart` draws
    /// scores on [0, 1]; the linear predictors of a monthly risk set are log-odds of a small
    /// probability (−10 … −1), so they are rescaled linearly onto [0, 1] and the axis title gives
    /// the log-odds at both ends. The range starts a little below the lowest participant (a tenth
    /// of the participants' range) and ends at the largest value of either group: controls far
    /// below every participant (a district without participants separates, and its controls get
    /// log-odds of −20 or less) could never be matched and would only squeeze the picture; they
    /// are counted in the first bar, as the note under the figure says.
    func overlap() -> ReportFigure? {
        let treated = insats.participantScores.filter(\.isFinite), controls = insats.controlScores.filter(\.isFinite)
        guard let lowest = treated.min(), let highest = treated.max(), !controls.isEmpty else { return nil }
        let low = lowest - 0.1 * max(highest - lowest, 1)
        let high = max(highest, controls.max()!)
        guard high > low else { return nil }
        func scaled(_ x: Double) -> Double { (x - low) / (high - low) }
        let title = texts.overlapTitle(name)
        let chart = OverlapChart(title: title, xAxisTitle: texts.overlapX(low: context.decimal(low, 1), high: context.decimal(high, 1)),
                                 yAxisTitle: texts.overlapY, treatedLabel: texts.overlapTreated, controlLabel: texts.overlapControls,
                                 treatedScores: treated.map(scaled), controlScores: controls.map(scaled), binCount: 30,
                                 format: context.format)
        return ReportFigure(path: path(("overlapp", "overlap")), alt: title, svg: chart.render())
    }

    /// Cumulative saving per participant by horizon with 95 % intervals, against the cost line.
    func cost() -> ReportFigure? {
        guard let cost = insats.cost, !cost.savings.isEmpty else { return nil }
        let horizons = cost.savings.sorted { $0.horizon < $1.horizon }.map {
            CumulativeEffectChart.Horizon(label: texts.horizonLabel($0.horizon), estimate: $0.saved, lower: $0.savedLow, upper: $0.savedHigh)
        }
        let title = texts.costTitle(name)
        let chart = CumulativeEffectChart(title: title, xAxisTitle: texts.costX, yAxisTitle: texts.costY, effectLabel: texts.costEffectLabel,
                                          horizons: horizons, costPerParticipant: cost.costPerParticipant,
                                          costLabel: texts.costLine(cost.costPerParticipant.map(context.kronor) ?? texts.unknown),
                                          format: context.format)
        return ReportFigure(path: path(("kostnad", "cost")), alt: title, svg: chart.render())
    }

    /// File-name stems for the insatser, from their codes: lower-case ASCII letters, digits and
    /// `-` (å, ä → a, ö → o, é → e), unique within the report (a repeat gets "-2", "-3", …).
    static func stems(for codes: [String]) -> [String] {
        var used: Set<String> = []
        return codes.map { code in
            var stem = ""
            for character in code.lowercased() {
                switch character {
                case "å", "ä", "á", "à": stem.append("a")
                case "ö", "ø", "ó", "ò": stem.append("o")
                case "é", "è", "ë": stem.append("e")
                case "ü", "ú": stem.append("u")
                case _ where character.isASCII && (character.isLetter || character.isNumber): stem.append(character)
                default: if !stem.hasSuffix("-") { stem.append("-") }
                }
            }
            stem = stem.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
            if stem.isEmpty { stem = "insats" }
            var unique = stem, n = 1
            while used.contains(unique) {
                n += 1
                unique = "\(stem)-\(n)"
            }
            used.insert(unique)
            return unique
        }
    }
}
