import EffektEstimators
import EffektReports
import Foundation

/// What `effekt did twfe` prints from: the fit and how it was asked for.
struct TWFEReport {
    let result: TWFEResult
    let file: String
    let columns: DiDCommand.Columns
    /// Name of the treatment term without --event-time ("D" when built from --group).
    let treatment: String
    let eventTime: EventTimeDesign?
    /// More than one treated cohort (a staggered design).
    let staggered: Bool

    var treatmentTerm: TWFEResult.Term? { eventTime == nil ? result[treatment] : nil }
    var eventTerms: [TWFEResult.Term] { result.terms.filter { $0.eventTime != nil } }

    /// Why the command's main quantity could not be estimated (exit status 1), if so.
    var problem: String? {
        if eventTime == nil {
            guard let term = treatmentTerm else { return "the treatment '\(treatment)' is not among the results" }
            return term.estimate == nil ? (term.note ?? "'\(treatment)' is not estimable") : nil
        }
        return eventTerms.contains { $0.estimate != nil } ? nil : "no event-time coefficient is estimable"
    }
}

/// What `effekt did attgt` prints from: the ATT(g,t) and its four aggregations (an aggregation
/// the library refuses is reported as missing, with the reason among the warnings).
struct GroupTimeReport {
    let att: GroupTimeATT
    let file: String
    let columns: DiDCommand.Columns
    let simple: AggregatedATT?
    let dynamic: AggregatedATT?
    let group: AggregatedATT?
    let calendar: AggregatedATT?
    /// The estimation's warnings, then the aggregations', without repeats.
    let warnings: [String]

    init(_ att: GroupTimeATT, file: String, columns: DiDCommand.Columns) throws {
        self.att = att
        self.file = file
        self.columns = columns
        var warnings = att.warnings
        func aggregate(_ type: AggregationType) throws -> AggregatedATT? {
            do {
                let a = try att.aggregate(type)
                warnings += a.warnings
                return a
            } catch let error as EstimationError {
                warnings.append("no \(type.rawValue) aggregation: \(error.message)")
                return nil
            }
        }
        simple = try aggregate(.simple)
        dynamic = try aggregate(.dynamic)
        group = try aggregate(.group)
        calendar = try aggregate(.calendar)
        var seen = Set<String>()
        self.warnings = warnings.filter { seen.insert($0).inserted }
    }

    /// Why the overall ATT could not be estimated (exit status 1), if so.
    var problem: String? {
        simple == nil ? (warnings.last { $0.hasPrefix("no simple aggregation") } ?? "no overall ATT could be estimated") : nil
    }
}

/// The `--json` documents of `effekt did`: numbers as JSON numbers, null where not estimable.
enum DiDJSON {
    static func twfe(_ r: TWFEReport) -> [String: Any] {
        let res = r.result
        var doc: [String: Any] = [
            "n": res.observations,
            "clusters": res.clusters,
            "cluster": res.clusterName,
            "units": res.units,
            "periods": res.periods,
            "dropped_singletons": res.droppedSingletons,
            "t_df": res.smallSample.tDegreesOfFreedom,
            "ssc_factor": number(res.smallSample.factor),
            "terms": res.terms.map(term),
            "notes": unique(res.notes),
        ]
        if let design = r.eventTime {
            doc["reference"] = design.reference
            doc["event"] = r.eventTerms.map { t -> [String: Any] in
                var entry = term(t)
                entry["e"] = t.eventTime!
                return entry
            }
            if let w = res.pretrendTest {
                doc["pretrend"] = [
                    "terms": w.terms,
                    "chi2": number(w.statistic), "df": w.degreesOfFreedom, "p": number(w.pValue),
                    "f": number(w.fStatistic), "f_df1": w.degreesOfFreedom,
                    "f_df2": w.denominatorDegreesOfFreedom ?? NSNull(), "f_p": number(w.fPValue),
                ] as [String: Any]
            } else {
                doc["pretrend"] = NSNull()
            }
        } else if let t = r.treatmentTerm {
            for (key, value) in term(t) where key != "name" { doc[key] = value }
            doc["term"] = t.name
        }
        return doc
    }

    static func attgt(_ r: GroupTimeReport) -> [String: Any] {
        let a = r.att
        var doc: [String: Any] = [
            "attgt": a.cells.map { c -> [String: Any] in
                ["group": c.group, "time": c.time, "base_period": c.basePeriod ?? NSNull(),
                 "att": number(c.att), "se": number(c.standardError), "note": c.note ?? NSNull()]
            },
            "simple": r.simple.map(overall) ?? NSNull(),
            "dynamic": r.dynamic.map { entries($0, key: "e") } ?? NSNull(),
            "group": r.group.map { entries($0, key: "group") } ?? NSNull(),
            "calendar": r.calendar.map { entries($0, key: "time") } ?? NSNull(),
            "overall": [
                "dynamic": r.dynamic.map(overall) ?? NSNull(),
                "group": r.group.map(overall) ?? NSNull(),
                "calendar": r.calendar.map(overall) ?? NSNull(),
            ] as [String: Any],
            "pretest": a.pretest.map { ["W": number($0.statistic), "df": $0.degreesOfFreedom, "p": number($0.pValue)] as [String: Any] } ?? NSNull(),
            "warnings": r.warnings,
            "units": a.unitCount,
            "periods": a.periods,
            "cohorts": a.cohorts,
            "control": a.specification.controlGroup == .neverTreated ? "never" : "notyet",
            "method": a.specification.estimator.rawValue,
            "base_period": a.specification.basePeriod.rawValue,
            "anticipation": a.specification.anticipation,
            "cluster": a.clusterName,
            "clusters": a.clusterCount,
        ]
        if let b = a.specification.bootstrap {
            doc["bootstrap"] = ["draws": b.draws, "seed": b.seed, "uniform_critical_value": number(a.uniformCriticalValue)] as [String: Any]
        } else {
            doc["bootstrap"] = NSNull()
        }
        return doc
    }

    private static func term(_ t: TWFEResult.Term) -> [String: Any] {
        ["name": t.name, "coefficient": number(t.estimate), "se": number(t.standardError), "t": number(t.tStatistic),
         "p": number(t.pValue), "ci_low": number(t.confidenceInterval?.lowerBound), "ci_high": number(t.confidenceInterval?.upperBound),
         "note": t.note ?? NSNull()]
    }

    private static func overall(_ a: AggregatedATT) -> [String: Any] {
        ["att": number(a.overallATT), "se": number(a.overallStandardError)]
    }

    private static func entries(_ a: AggregatedATT, key: String) -> [[String: Any]] {
        a.entries.map { [key: $0.value, "att": number($0.att), "se": number($0.standardError)] }
    }

    /// A finite number, else null (JSON has no NaN).
    private static func number(_ x: Double?) -> Any {
        guard let x, x.isFinite else { return NSNull() }
        return x
    }
}

/// The readable output of `effekt did`.
enum DiDText {
    static func twfe(_ r: TWFEReport) -> String {
        let res = r.result, c = r.columns
        let regressors = r.eventTime == nil ? [r.treatment] + c.covariates : ["event-time dummies"] + c.covariates
        var out = "Two-way fixed effects on \(r.file): \(c.outcome) ~ \(regressors.joined(separator: " + ")) | \(c.unit) + \(c.time)\n"
        if r.eventTime == nil, r.treatment == "D", let g = c.group { out += "D = 1{\(g) > 0 and \(c.time) ≥ \(g)}\n" }
        if let e = r.eventTime {
            out += "Event times e = \(c.time) − \(c.group ?? "group") of treated units; reference e = \(e.reference) (omitted)"
            if let w = e.window { out += "; window \(w.lowerBound)…\(w.upperBound)" + (e.binEndpoints ? " with binned endpoints" : "") }
            out += "\n"
        }
        out += "\(res.observations) observations, \(res.units) units, \(res.periods) periods"
        if res.droppedSingletons > 0 { out += " (\(res.droppedSingletons) singleton rows dropped)" }
        out += "; CR1 standard errors clustered by \(res.clusterName) (\(res.clusters) clusters), t with \(res.smallSample.tDegreesOfFreedom) df\n\n"
        let level = Int((res.confidenceLevel * 100).rounded())
        out += pad("term", 14) + pad("estimate", 12, left: true) + pad("SE", 11, left: true) + pad("t", 9, left: true)
            + pad("p", 9, left: true) + "   \(level)% CI\n"
        for t in res.terms {
            let name = t.eventTime.map { "e = \($0)" } ?? t.name
            out += pad(name, 14)
            guard let est = t.estimate else { out += pad("—", 12, left: true) + "   not estimable\n"; continue }
            out += pad(num(est), 12, left: true) + pad(num(t.standardError), 11, left: true)
                + pad(t.tStatistic.map { String(format: "%.3f", $0) } ?? "—", 9, left: true)
                + pad(pValue(t.pValue), 9, left: true) + "   " + interval(t.confidenceInterval) + "\n"
        }
        if let w = res.pretrendTest {
            out += String(format: "\nPre-trend test (%@ jointly 0): χ²(%d) = %.3f, p = %@", w.terms.joined(separator: ", "),
                          w.degreesOfFreedom, w.statistic, pValue(w.pValue))
            if let f = w.fStatistic, let df2 = w.denominatorDegreesOfFreedom {
                out += String(format: "; F(%d, %d) = %.3f, p = %@", w.degreesOfFreedom, df2, f, pValue(w.fPValue))
            }
            out += "\n"
        }
        if r.staggered {
            out += "\nTreatment starts at different times: under staggered adoption with effects that change over time,\n"
            out += "TWFE coefficients mix ATTs with negative weights; see 'effekt did attgt'.\n"
        }
        for note in unique(res.notes) { out += NoteText.line(note) }
        return out
    }

    static func attgt(_ r: GroupTimeReport) -> String {
        let a = r.att, c = r.columns, spec = a.specification
        let level = Int(((1 - spec.alpha) * 100).rounded())
        var out = "Callaway & Sant'Anna ATT(g,t) on \(r.file): outcome \(c.outcome), unit \(c.unit), period \(c.time), group \(c.group ?? "")\n"
        out += "\(a.unitCount) units, periods \(a.periods.first.map(String.init) ?? "")–\(a.periods.last.map(String.init) ?? ""), "
        out += "cohorts \(a.cohorts.map(String.init).joined(separator: ", ")); comparison: "
        out += spec.controlGroup == .neverTreated ? "never treated" : "not yet treated"
        out += "; estimator: \(methodName(spec.estimator))"
        if !spec.covariates.isEmpty { out += "; covariates: \(spec.covariates.joined(separator: ", "))" }
        out += "; base period: \(spec.basePeriod.rawValue)"
        if spec.anticipation > 0 { out += "; anticipation: \(spec.anticipation)" }
        out += "\n"
        if let b = spec.bootstrap {
            out += "Standard errors: multiplier bootstrap, \(b.draws) draws (seed \(b.seed)), clustered by \(a.clusterName)"
            if let u = a.uniformCriticalValue { out += String(format: "; uniform critical value %.3f", u) }
            out += "\n"
        } else {
            out += "Standard errors: analytic (influence functions), clustered by \(a.clusterName) (\(a.clusterCount))\n"
        }

        let header = pad("", 3) + pad("ATT", 12, left: true) + pad("SE", 11, left: true) + "   \(level)% CI\n"
        if let d = r.dynamic {
            out += "\nEvent study: ATT by event time e = \(c.time) − \(c.group ?? "group") (dynamic aggregation)\n"
            out += pad("e", 10, left: true) + header
            for e in d.entries { out += pad(String(e.value), 10, left: true) + row(e.att, e.standardError, e.confidenceInterval) }
            out += pad("e ≥ 0 mean", 10, left: true) + row(d.overallATT, d.overallStandardError, d.overallConfidenceInterval)
        }
        out += "\nWith staggered adoption and effects that grow over time, the single TWFE coefficient is not the ATT\n"
        out += "(it weights cohorts and periods by variance and compares with already-treated units); these estimates are.\n"

        out += "\nOverall ATT\n"
        if let s = r.simple { out += pad("simple", 18) + row(s.overallATT, s.overallStandardError, s.overallConfidenceInterval) }
        if let g = r.group { out += pad("by cohort", 18) + row(g.overallATT, g.overallStandardError, g.overallConfidenceInterval) }
        if let t = r.calendar { out += pad("by calendar", 18) + row(t.overallATT, t.overallStandardError, t.overallConfidenceInterval) }
        if let g = r.group {
            out += "\nATT by cohort (first treated in)\n" + pad(c.group ?? "group", 10, left: true) + header
            for e in g.entries { out += pad(String(e.value), 10, left: true) + row(e.att, e.standardError, e.confidenceInterval) }
        }
        if let t = r.calendar {
            out += "\nATT by calendar period\n" + pad(c.time, 10, left: true) + header
            for e in t.entries { out += pad(String(e.value), 10, left: true) + row(e.att, e.standardError, e.confidenceInterval) }
        }

        out += "\nATT(g,t)\n" + pad("group", 8, left: true) + pad("time", 7, left: true) + pad("base", 7, left: true) + header
        for cell in a.cells {
            out += pad(String(cell.group), 8, left: true) + pad(String(cell.time), 7, left: true)
                + pad(cell.basePeriod.map(String.init) ?? "—", 7, left: true)
            if let att = cell.att {
                out += row(att, cell.standardError, cell.confidenceInterval, post: cell.isPostTreatment)
            } else {
                out += pad("", 3) + pad("—", 12, left: true) + "   not estimable\n"
            }
        }
        out += "(* post-treatment: t ≥ g)\n"
        if let w = a.pretest {
            out += String(format: "\nPre-test of parallel trends (all pre-treatment ATT(g,t) = 0): W = %.3f, df = %d, p = %@\n",
                          w.statistic, w.degreesOfFreedom, pValue(w.pValue))
        }
        for w in r.warnings { out += NoteText.line(w) }
        return out
    }

    // MARK: - Formatting

    private static func methodName(_ e: GroupTimeATTSpecification.Estimator) -> String {
        switch e {
        case .unconditional: return "difference in mean changes (none)"
        case .outcomeRegression: return "outcome regression (reg)"
        case .inverseProbabilityWeighting: return "inverse probability weighting (ipw)"
        case .doublyRobust: return "doubly robust (dr)"
        case .improvedDoublyRobust: return "improved doubly robust (drimp)"
        }
    }

    private static func row(_ att: Double, _ se: Double?, _ ci: ClosedRange<Double>?, post: Bool = false) -> String {
        pad(post ? " *" : "", 3) + pad(num(att), 12, left: true) + pad(num(se), 11, left: true) + "   " + interval(ci) + "\n"
    }

    private static func interval(_ ci: ClosedRange<Double>?) -> String {
        guard let ci else { return "" }
        return "[\(num(ci.lowerBound)), \(num(ci.upperBound))]"
    }

    /// Four decimals for ordinary magnitudes, scientific notation for very large or small ones.
    static func num(_ x: Double?) -> String {
        guard let x else { return "—" }
        guard x.isFinite else { return "\(x)" }
        let m = abs(x)
        if m != 0 && (m >= 1e6 || m < 1e-4) { return String(format: "%.3e", x) }
        return String(format: "%.4f", x)
    }

    private static func pValue(_ p: Double?) -> String {
        guard let p else { return "—" }
        return p < 1e-4 ? "<0.0001" : String(format: "%.4f", p)
    }

    private static func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(width - s.count, 0))
        return left ? fill + s : s + fill
    }
}

/// `items` without repeats, first occurrences kept in order.
func unique(_ items: [String]) -> [String] {
    var seen = Set<String>()
    return items.filter { seen.insert($0).inserted }
}

/// `effekt did … --figures DIR`: the event study as `DIR/event-study.svg` (attgt: the dynamic
/// aggregation; twfe --event-time: the event-time coefficients, the reference period at 0).
enum DiDFigures {
    static func attgt(_ r: GroupTimeReport) -> EventStudyChart? {
        guard let d = r.dynamic else { return nil }
        let points = d.entries.compactMap { e in
            e.confidenceInterval.map { EventStudyChart.Point(eventTime: e.value, estimate: e.att, lower: $0.lowerBound, upper: $0.upperBound) }
        }
        return chart(r.columns, title: "Callaway & Sant'Anna: ATT by event time", points: points)
    }

    static func twfe(_ r: TWFEReport) -> EventStudyChart? {
        guard let design = r.eventTime else { return nil }
        let points = r.eventTerms.compactMap { t -> EventStudyChart.Point? in
            guard let e = t.eventTime, let estimate = t.estimate, let ci = t.confidenceInterval else { return nil }
            return EventStudyChart.Point(eventTime: e, estimate: estimate, lower: ci.lowerBound, upper: ci.upperBound)
        } + [EventStudyChart.Point(eventTime: design.reference, estimate: 0, lower: 0, upper: 0)]
        return chart(r.columns, title: "Two-way fixed effects: event-time coefficients", points: points)
    }

    private static func chart(_ c: DiDCommand.Columns, title: String, points: [EventStudyChart.Point]) -> EventStudyChart? {
        guard !points.isEmpty else { return nil }
        return EventStudyChart(title: title, xAxisTitle: "event time e = \(c.time) − \(c.group ?? "group")",
                               yAxisTitle: "effect on \(c.outcome)",
                               series: EventStudyChart.Series(label: "estimate with 95% confidence interval", points: points),
                               startLabel: "treatment", format: EnglishFormat())
    }

    /// Writes the chart, if there is one, as `folder/event-study.svg`; the paths written.
    static func write(_ chart: EventStudyChart?, to folder: String) throws -> [String] {
        guard let chart else { return [] }
        let path = (folder as NSString).appendingPathComponent("event-study.svg")
        try AtomicFile.write(chart.render(), to: URL(fileURLWithPath: path))
        return [path]
    }

    static func text(_ written: [String]) -> String {
        written.isEmpty ? "" : "\nFigure: \(written.joined(separator: ", "))\n"
    }

    static func json(_ written: [String]) -> [String: Any] {
        written.isEmpty ? [:] : ["figures": written]
    }
}
