import EffektData
import EffektNumerics
import Foundation

/// `effekt simulate`: writes a simulated register (persons, payments, episodes, catalogue,
/// spec.json) and the exact truth the estimators target (truth.json).
struct SimulateCommand: Command {
    static let name = "simulate"
    static let summary = "write a simulated försörjningsstöd register with known insats effects (truth.json)"
    static let discussion = """
        Simulates persons on social assistance month by month, their insatser and the exact effect \
        of each insats (truth.json: the mean difference from the same persons' counterfactual \
        paths, 'start now vs not now'). Starts depend on observed covariates and recent payments \
        (a payment rise before entry), so naive before/after and participant-vs-rest comparisons \
        are badly biased while risk-set matching on the observables is valid. Files use Swedish \
        export conventions: semicolons, decimal comma, UTF-8 or Windows-1252. The same seed, \
        persons and months give byte-identical files with any number of threads (EFFEKT_THREADS).
        """
    static let options: [OptionSpec] = [
        .value("--persons", "N", "number of persons", default: "20000"),
        .value("--months", "T", "months in the window (at least 48 for any evaluable start)", default: "72"),
        .value("--seed", "S", "random seed", default: "1"),
        .value("--out", "DIR", "output folder (created if missing; existing files are replaced)"),
        .value("--first-month", "YYYY-MM", "first month of the window", default: "2016-01"),
        .value("--encoding", "ENC", "utf-8 or windows-1252", default: "utf-8"),
        .value("--threads", "N", "worker threads (default: EFFEKT_THREADS or the core count)"),
        .flag("--json", "print the summary as one JSON document"),
    ]
    static let example = "effekt simulate --persons 20000 --months 72 --seed 1 --out register/"

    let settings: SimulationSettings
    /// The output folder as given (printed so, never made absolute).
    let outPath: String
    let json: Bool
    let diagnostics: Diagnostics

    init(_ options: ParsedOptions) throws {
        if let extra = options.positional.first { throw UsageError.unexpectedArgument(extra, command: Self.name) }
        let persons = try options.int("--persons") ?? 20_000
        let months = try options.int("--months") ?? 72
        let seed = try options.uint64("--seed") ?? 1
        let outPath = try options.required("--out")
        let firstText = options.string("--first-month") ?? "2016-01"
        guard let first = MonthText.parse(firstText) else {
            throw UsageError.invalidValue("--first-month", command: Self.name, reason: "expects a month like 2016-01, got \"\(firstText)\"")
        }
        let encodingText = options.string("--encoding") ?? "utf-8"
        guard let encoding = SimulationSettings.Encoding(rawValue: encodingText.lowercased()) else {
            throw UsageError.invalidValue("--encoding", command: Self.name, reason: "expects utf-8 or windows-1252, got \"\(encodingText)\"")
        }
        let workers = try options.int("--threads") ?? Parallel.defaultWorkers
        guard persons >= 1 else { throw UsageError.invalidValue("--persons", command: Self.name, reason: "must be at least 1") }
        guard (1...SimulationSettings.maximumMonths).contains(months) else {
            throw UsageError.invalidValue("--months", command: Self.name, reason: "must be between 1 and \(SimulationSettings.maximumMonths)")
        }
        guard workers >= 1 else { throw UsageError.invalidValue("--threads", command: Self.name, reason: "must be at least 1") }
        settings = SimulationSettings(persons: persons, months: months, seed: seed, firstMonth: first, encoding: encoding, workers: workers)
        self.outPath = outPath
        json = options.flag("--json")
        diagnostics = options.diagnostics
    }

    func run() throws -> Int32 {
        let simulator = try RegisterSimulator(settings)
        let bar = diagnostics.level == .normal && Console.stderrIsTerminal
        let report = try simulator.write(to: URL(fileURLWithPath: outPath, isDirectory: true)) { fraction in
            if bar { FileHandle.standardError.write(Data("\rsimulate: \(Int((fraction * 100).rounded(.down))) %".utf8)) }
        }
        if bar { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        diagnostics.detail("simulated \(report.statistics.persons) persons × \(settings.months) months and wrote \(report.files.count) files")
        if json {
            print(try JSONText.render(try document(report)))
        } else if !diagnostics.quiet {
            print(summary(report), terminator: "")
        }
        return 0
    }

    /// The folder, the files, the register's figures and the true effects at 12 and 24 months.
    private func summary(_ report: SimulationReport) -> String {
        let s = report.statistics
        func pct(_ x: Double) -> String { String(format: "%.1f %%", 100 * x) }
        let folder = outPath.hasSuffix("/") ? outPath : outPath + "/"
        var text = "Wrote \(folder): \(report.files.joined(separator: ", "))\n"
        text += "  \(s.persons) persons, \(settings.months) months, \(s.paymentRows) payment rows, seed \(settings.seed)\n"
        text += "  on assistance \(pct(s.shareOnAssistance)) of person-months after the first payment; "
        text += String(format: "%.0f kr per recipient-month\n", s.meanKronorPerRecipientMonth)
        text += "  starts per recipient-month \(pct(s.monthlyStartRate)); exit reason unknown \(pct(s.unknownExitReasonShare)); "
        text += "\(s.personsWithTwoOrMoreInsatser) persons with ≥ 2 insatser (\(s.personsWithOverlappingInsatser) overlapping)\n"
        text += "  insats      starts  evaluable   ATT 12 kr   ATT 24 kr\n"
        for t in report.truth.insatser {
            let pad = { (x: String, w: Int) in String(repeating: " ", count: max(w - x.count, 0)) + x }
            text += "  " + t.code + String(repeating: " ", count: max(10 - t.code.count, 0))
            text += pad(String(t.starts), 8) + pad(String(t.participants), 11)
            text += pad(String(format: "%.0f", t.cumulativeATT["12"] ?? 0), 12) + pad(String(format: "%.0f", t.cumulativeATT["24"] ?? 0), 12) + "\n"
        }
        if settings.months < 48 {
            text += "  note: no start is evaluable with fewer than 48 months (24 before and 24 after), so truth.json is empty\n"
        }
        return text
    }

    /// The `--json` document: the same as the summary, with every figure of the register.
    private func document(_ report: SimulationReport) throws -> [String: Any] {
        let statistics = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(report.statistics))
        return [
            "out": outPath,
            "files": report.files,
            "persons": settings.persons,
            "months": settings.months,
            "seed": settings.seed,
            "first_month": report.truth.firstMonth,
            "statistics": statistics,
            "insatser": report.truth.insatser.map { t -> [String: Any] in
                ["code": t.code, "name": t.name, "starts": t.starts, "evaluable": t.participants, "cumulative_att": t.cumulativeATT]
            },
        ]
    }
}
