import EffektData
import EffektEstimators
import EffektEvaluation
import EffektReports
import Foundation

/// `effekt evaluate`: the per-insats effects on försörjningsstöd, cost summaries and the report.
struct EvaluateCommand: Command {
    static let name = "evaluate"
    static let summary = "estimate each insats's effect on försörjningsstöd and write the report and cost summary"
    static let discussion = """
    For every insats in the catalogue: people who start it in a month are matched to people on
    assistance who had not started it (same month, propensity score on age, sex, born abroad,
    education, district, försörjningshinder group and payment history); the matched event study
    gives the monthly and cumulative effect on kronor paid, on receipt and on being
    självförsörjande, with 95 % intervals, Holm and BH adjustments across insatser, a pre-trend
    test, a placebo start 12 months early, Rosenbaum bounds, subgroups and the cost summary.
    Writes DIR/effects.json, DIR/effects.csv, and the report DIR/rapport.md + rapport.html
    (or report.md + report.html with --lang en) with figures in DIR/figures/.
    """
    static let options: [OptionSpec] = [
        .value("--spec", "FILE", "the dataset spec (JSON)"),
        .value("--out", "DIR", "output folder (created if missing)"),
        .value("--lang", "sv|en", "report language", default: "sv"),
        .value("--insats", "CODE,…", "evaluate only these insatser", default: "all"),
        .value("--horizons", "6,12,…", "cumulative horizons in months", default: "6,12,18,24"),
        .value("--seed", "S", "seed for sampling and ties", default: "1"),
        .value("--min-cell", "N", "suppress counts and estimates on fewer persons", default: "5"),
        .value("--caliper", "C", "caliper in SD of the propensity linear predictor", default: "0.2"),
        .value("--ratio", "K", "controls per participant", default: "1"),
        .flag("--exclude-other-insatser", "leave out people with other insatser in the event window (both sides)"),
        .flag("--no-placebo", "skip the placebo design"),
        .flag("--no-subgroups", "skip subgroup estimates"),
        .value("--threads", "N", "threads for reading and fitting", default: "all cores"),
        .flag("--summary", "print the report's summary (per insats: cost, saving, net, break-even) instead of the short list"),
        .flag("--json", "print every estimate as one JSON document (the same as DIR/effects.json)"),
    ]
    static let example = "effekt evaluate --spec demo-out/register/spec.json --out demo-out/rapport"

    let spec: URL
    /// The output folder as given (printed so, never made absolute).
    let outPath: String
    let english: Bool
    let settings: EvaluationSettings
    let threads: Int
    enum Printed { case lines, summary, json }
    let printed: Printed
    let diagnostics: Diagnostics

    init(_ o: ParsedOptions) throws {
        if let extra = o.positional.first { throw UsageError.unexpectedArgument(extra, command: Self.name) }
        spec = try InputFile.url(try o.required("--spec"), option: "--spec")
        outPath = try o.required("--out")
        switch o.string("--lang") ?? "sv" {
        case "sv": english = false
        case "en": english = true
        case let other: throw UsageError.invalidValue("--lang", command: Self.name, reason: "must be sv or en, got \"\(other)\"")
        }
        var s = EvaluationSettings()
        s.insatser = o.list("--insats") ?? []
        if let h = o.list("--horizons") {
            let horizons = h.compactMap(Int.init)
            guard horizons.count == h.count, horizons.allSatisfy({ (1...60).contains($0) }) else {
                throw UsageError.invalidValue("--horizons", command: Self.name, reason: "expects whole months 1–60 separated by commas, got \"\(h.joined(separator: ","))\"")
            }
            s.horizons = horizons.sorted()
        }
        s.seed = try o.uint64("--seed") ?? 1
        s.minCell = try o.int("--min-cell") ?? 5
        guard s.minCell >= 1 else { throw UsageError.invalidValue("--min-cell", command: Self.name, reason: "must be at least 1") }
        if let c = try o.double("--caliper") { s.design.caliper = c > 0 ? c : nil }
        s.design.ratio = try o.int("--ratio") ?? 1
        guard s.design.ratio >= 1 else { throw UsageError.invalidValue("--ratio", command: Self.name, reason: "must be at least 1") }
        s.design.excludeOtherInsatser = o.flag("--exclude-other-insatser")
        s.placebo = !o.flag("--no-placebo")
        s.subgroups = !o.flag("--no-subgroups")
        threads = try o.int("--threads") ?? ProcessInfo.processInfo.activeProcessorCount
        s.workers = threads
        settings = s
        if o.flag("--summary") && o.flag("--json") {
            throw UsageError.invalidValue("--summary", command: Self.name, reason: "and --json cannot be combined")
        }
        printed = o.flag("--json") ? .json : o.flag("--summary") ? .summary : .lines
        diagnostics = o.diagnostics
    }

    func run() throws -> Int32 {
        let diagnostics = self.diagnostics
        // Everything is checked before any work: the spec, the files, the columns.
        let loaded = try DatasetSpec.load(spec)
        var effective = settings
        if let formula = loaded.formula, !formula.isEmpty { effective.design.formula = formula }
        diagnostics.progress("läser registret")
        guard let register = try RegisterLoading.load(loaded, specURL: spec, threads: threads, command: Self.name) else { return 1 }
        let evaluation = try Evaluation(register: register, settings: effective) { i, n, code, stage in
            diagnostics.progress("insats \(i) av \(n) (\(code)): \(stage)")
        }
        diagnostics.progress("skriver resultat")
        let out = URL(fileURLWithPath: outPath, isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try EffectsExport.write(evaluation, minCell: effective.minCell, to: out)
        let document = EvaluationReport(evaluation, language: english ? .english : .swedish, minCell: effective.minCell)
        try document.write(to: out)
        switch printed {
        case .json:
            print(JSONWriter().render(EffectsExport.json(evaluation, minCell: effective.minCell)), terminator: "")
        case .summary:
            let markdown = try String(contentsOf: out.appendingPathComponent(document.markdownFileName), encoding: .utf8)
            print(EvaluationOutput.reportSummary(markdown), terminator: "")
        case .lines where !diagnostics.quiet:
            print(EvaluationOutput.summary(evaluation, out: outPath, reportFile: document.htmlFileName, english: english,
                                           minCell: effective.minCell), terminator: "")
        case .lines:
            break
        }
        return 0
    }
}
