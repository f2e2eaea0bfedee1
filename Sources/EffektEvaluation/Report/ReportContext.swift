import EffektData
import EffektEstimators
import EffektReports
import Foundation

/// What every section of the evaluation report needs: the language's texts and number
/// conventions, the small-cell policy, the horizons, and the formatting of the evaluation's
/// values (kronor, intervals, p-values, percentages). Formatting only: no value is estimated here.
/// Non-finite values print as "–" (`NumberFormatting.missing`), never as "nan" or "inf".
struct ReportContext {
    let settings: EvaluationSettings
    let texts: ReportTexts
    let format: any NumberFormatting
    let policy: SmallCellPolicy

    init(settings: EvaluationSettings, language: ReportLanguage, minCell: Int) {
        self.settings = settings
        self.texts = ReportTexts(language: language)
        self.format = language.numberFormat
        self.policy = SmallCellPolicy(minCell: minCell, language: language)
    }

    var language: ReportLanguage { texts.language }
    var minCell: Int { policy.minCell }
    var missing: String { format.missing }

    /// The follow-up horizons, ascending (6, 12, 18, 24 by default).
    var horizons: [Int] { settings.horizons.sorted() }
    /// The last horizon (24): net, verdict, break-even.
    var longHorizon: Int { horizons.last ?? 24 }
    /// The horizon of the summary's saving column: 12 when evaluated, else the first.
    var shortHorizon: Int { horizons.contains(12) ? 12 : (horizons.first ?? 12) }

    // MARK: Small cells

    /// Whether an estimate must be withheld: built on fewer than `minCell` participants or controls.
    func suppresses(_ effect: InsatsEvaluation.Effect) -> Bool {
        policy.suppresses(persons: effect.participants) || policy.suppresses(persons: effect.controls)
    }

    /// Whether an insats's estimates as a whole are withheld (matched participants or controls too few).
    func suppresses(_ insats: InsatsEvaluation) -> Bool {
        guard insats.status == .estimated else { return false }
        let controls = insats.counts?.distinctControls ?? insats.effects.first?.controls ?? 0
        return policy.suppresses(persons: insats.matched) || policy.suppresses(persons: controls)
    }

    var suppressedCell: TableCell { TableCell(missing, footnote: policy.footnote) }

    func countCell(_ count: Int) -> TableCell { policy.countCell(count, format: format) }

    // MARK: Numbers

    func count(_ value: Int) -> String { format.count(value) }

    /// "4 510 kr" (three significant digits, `Rounding.budget`).
    func kronor(_ value: Double) -> String { format.format(value, unit: .kronor) }

    /// " kr" or " SEK" (with the no-break space), after an interval in a table.
    var kronorSymbol: String { format.symbol(for: .kronor) }

    /// "sannolikt mellan 1 200 och 7 800 kr".
    func likelyKronor(_ first: Double, _ second: Double) -> String {
        texts.likely(format.range(first, second, unit: .kronor))
    }

    /// "12,3 mnkr".
    func millions(_ value: Double) -> String { format.format(value, unit: .millionKronor) }

    func likelyMillions(_ first: Double, _ second: Double) -> String {
        texts.likely(format.range(first, second, unit: .millionKronor))
    }

    /// A fraction as a percentage: 0,123 → "12,3 %".
    func percent(_ fraction: Double) -> String { format.format(fraction, unit: .percent) }

    func likelyPercent(_ first: Double, _ second: Double) -> String {
        texts.likely(format.range(first, second, unit: .percent))
    }

    /// A plain number with `decimals` decimals ("0,16", "12,85").
    func decimal(_ value: Double, _ decimals: Int) -> String { format.format(value, rounding: .decimals(decimals)) }

    /// A p-value: three decimals, "<0,001" below that, "–" when not finite.
    func pValue(_ p: Double) -> String {
        guard p.isFinite else { return missing }
        if p < 0.001 { return "<" + format.format(0.001, rounding: .decimals(3)) }
        return format.format(p, rounding: .decimals(3))
    }

    /// The rounding shared by numbers shown together in a table column: kronor get the budget
    /// rule's three significant digits of the largest magnitude; months two decimals.
    func rounding(for outcome: PanelOutcome, values: [Double]) -> Rounding {
        guard outcome == .kronor else { return .decimals(2) }
        return Self.budgetRounding(values)
    }

    /// Three significant digits of the largest finite magnitude, never decimals.
    static func budgetRounding(_ values: [Double]) -> Rounding {
        let largest = values.filter(\.isFinite).map(abs).max() ?? 0
        guard largest >= 1000 else { return .decimals(0) }
        let power = String(Int(largest)).count - 3
        return .decimals(-max(power, 0))
    }

    /// A table interval: "−21 200 till −16 900", both ends rounded alike, lower end first.
    func interval(_ low: Double, _ high: Double, rounding: Rounding) -> String {
        guard low.isFinite, high.isFinite else { return missing }
        return texts.interval(format.format(min(low, high), rounding: rounding), format.format(max(low, high), rounding: rounding))
    }

    /// A month code as "januari 2016".
    func month(_ code: Int32) -> String {
        let (year, month) = CalendarCode.yearMonth(code)
        return "\(texts.monthName(month)) \(year)"
    }

    func window(_ window: StudyWindow) -> String {
        texts.window(from: month(window.firstMonth), to: month(window.lastMonth))
    }

    // MARK: Text

    /// Text from the data (insats names, reasons, warnings) made inert in the report's Markdown
    /// subset: `*` would start emphasis and `[^` a footnote reference, line breaks would end a
    /// paragraph or table row.
    static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "*", with: "\u{2217}")
            .replacingOccurrences(of: "[^", with: "[ ^")
            .replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
    }

    /// The insats as the report names it: its name, or its code when the name is empty.
    static func name(_ insats: InsatsEvaluation) -> String {
        plain(insats.name.trimmingCharacters(in: .whitespaces).isEmpty ? insats.code : insats.name)
    }

    /// A covariate term of the propensity model in words: "district02" → "Stadsdel: 02",
    /// "born_abroad1" → "Född utomlands", "kr_3m" → "Försörjningsstöd, kr, senaste 3 mån".
    func termLabel(_ term: String) -> String {
        if let label = texts.variableLabel(term) { return label }
        let variables = ["hinder_group", "born_abroad", "education", "household", "district", "sex"]
        for variable in variables where term.hasPrefix(variable) && term.count > variable.count {
            let level = String(term.dropFirst(variable.count))
            let label = texts.variableLabel(variable)!
            return variable == "born_abroad" && level == "1" ? label : "\(label): \(level)"
        }
        return term
    }

    /// A subgroup variable in words.
    func variableLabel(_ name: String) -> String { texts.variableLabel(name) ?? Self.plain(name) }
}
