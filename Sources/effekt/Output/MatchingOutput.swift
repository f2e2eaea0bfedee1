import EffektEstimators
import EffektReports
import Foundation

/// The `effekt match --json` document: coefficients, matches (1-based rows, treated first),
/// balance per term, counts, and the ATT when an outcome was given.
enum MatchingJSON {
    static func document(_ a: MatchingAnalysis, unadjusted: MatchedEffect?, figures: [String]) throws -> [String: Any] {
        var doc: [String: Any] = [:]
        if let ps = a.propensity {
            var coefficients: [String: Any] = [:]
            for row in try ps.fit.coefficients() { coefficients[row.name] = row.estimate ?? NSNull() }
            doc["coefficients"] = coefficients
        }
        let rows = a.modelMatrix.rows
        doc["matches"] = a.result.matchedSets.flatMap { set in set.controls.map { [rows[set.treated] + 1, rows[$0] + 1] } }
        doc["balance"] = a.balance.rows.map { row -> [String: Any] in
            [
                "term": row.term,
                "smd_before": row.all.standardizedMeanDifference,
                "smd_after": row.adjusted.standardizedMeanDifference,
                "var_ratio_before": row.all.varianceRatio ?? NSNull(),
                "var_ratio_after": row.adjusted.varianceRatio ?? NSNull(),
                "ecdf_max_before": row.all.ecdfMax,
                "ecdf_max_after": row.adjusted.ecdfMax,
                "mean_treated_after": row.adjusted.meanTreated,
                "mean_control_after": row.adjusted.meanControl,
            ]
        }
        let c = a.result.counts
        doc["counts"] = [
            "all": ["treated": c.all.treated, "control": c.all.control],
            "matched": ["treated": c.matched.treated, "control": c.matched.control],
            "unmatched": ["treated": c.unmatched.treated, "control": c.unmatched.control],
            "discarded": ["treated": c.discarded.treated, "control": c.discarded.control],
            "effective_matched": ["treated": c.matchedEffective.treated, "control": c.matchedEffective.control],
        ]
        func effect(_ e: MatchedEffect) throws -> [String: Any] {
            let ci = try e.confidenceInterval()
            return ["estimate": e.estimate, "se": e.standardError, "ci_low": ci.lowerBound, "ci_high": ci.upperBound, "n": e.observations]
        }
        if let e = a.effect { doc["att"] = try effect(e) }
        if let u = unadjusted { doc["unadjusted"] = try effect(u) }
        if !figures.isEmpty { doc["figures"] = figures }
        doc["warnings"] = a.result.warnings + (a.propensity?.fit.warnings ?? []) + a.modelMatrix.notes
        return doc
    }
}

/// The readable `effekt match` output: counts, a balance table, the difference before and the
/// ATT after matching, the figures written.
enum MatchingText {
    static func render(_ a: MatchingAnalysis, file: String, unadjusted: MatchedEffect?, figures: [String]) -> String {
        var out = "Matching on \(file): \(a.formula)\n\n"
        let c = a.result.counts
        out += "                 treated  control\n"
        out += row("all", c.all.treated, c.all.control)
        out += row("matched", c.matched.treated, c.matched.control)
        out += row("unmatched", c.unmatched.treated, c.unmatched.control)
        out += row("discarded", c.discarded.treated, c.discarded.control)
        out += "\nBalance (standardized mean difference; variance ratio)     before      after\n"
        for r in a.balance.rows {
            let flag = r.adjusted.isMeanImbalanced || r.adjusted.isVarianceImbalanced ? "  ← imbalanced" : ""
            let name = r.term.count > 30 ? String(r.term.prefix(29)) + "…" : r.term
            out += name.padding(toLength: 32, withPad: " ", startingAt: 0)
            out += "SMD " + fixed(r.all.standardizedMeanDifference) + " " + fixed(r.adjusted.standardizedMeanDifference)
            if let before = r.all.varianceRatio, let after = r.adjusted.varianceRatio {
                out += "   VR " + fixed(before) + " " + fixed(after)
            }
            out += flag + "\n"
        }
        if let u = unadjusted { out += "\n" + effect(u, label: "Before matching, difference in means of") }
        if let e = a.effect { out += (unadjusted == nil ? "\n" : "") + effect(e, label: "After matching, ATT on") }
        for w in a.result.warnings + (a.propensity?.fit.warnings ?? []) + a.modelMatrix.notes { out += NoteText.line(w) }
        if !figures.isEmpty { out += "\nFigures: \(figures.joined(separator: ", "))\n" }
        return out
    }

    private static func effect(_ e: MatchedEffect, label: String) -> String {
        guard let ci = try? e.confidenceInterval() else { return "" }
        let se = switch e.standardErrorType {
        case let .pairClustered(clusters): "SE clustered by matched set (\(clusters) sets)"
        case .robust: "robust SE (HC1)"
        }
        return String(format: "%@ %@: %.2f (SE %.2f, 95%% CI %.2f to %.2f), %@, %d rows\n", label, e.outcomeName, e.estimate,
                      e.standardError, ci.lowerBound, ci.upperBound, se, e.observations)
    }

    private static func row(_ label: String, _ t: Int, _ c: Int) -> String {
        label.padding(toLength: 16, withPad: " ", startingAt: 0) + String(format: "%8d %8d\n", t, c)
    }

    private static func fixed(_ v: Double) -> String { String(format: "%9.4f", v) }
}

/// `effekt match --figures DIR`: a love plot of |SMD| before and after, and the overlap of the
/// propensity scores of treated and controls (when there is a propensity score).
enum MatchingFigures {
    /// The names of the files written.
    static func write(_ a: MatchingAnalysis, to folder: URL) throws -> [String] {
        let format = EnglishFormat()
        let terms = a.balance.rows.filter { $0.term != "distance" }.map {
            LovePlot.Term(name: $0.term, before: $0.all.standardizedMeanDifference, after: $0.adjusted.standardizedMeanDifference)
        }
        let love = LovePlot(title: "Covariate balance before and after matching", xAxisTitle: "|standardized mean difference|",
                            beforeLabel: "All", afterLabel: "Matched", thresholdLabel: "0.1", terms: terms, format: format)
        try AtomicFile.write(love.render(), to: folder.appendingPathComponent("love-plot.svg"))
        if let ps = a.propensity {
            let treated = ps.treatment.indices.filter { ps.treatment[$0] == 1 }.map { ps.probabilities[$0] }
            let controls = ps.treatment.indices.filter { ps.treatment[$0] == 0 }.map { ps.probabilities[$0] }
            let overlap = OverlapChart(title: "Propensity scores of treated and controls", xAxisTitle: "propensity score",
                                       yAxisTitle: "density", treatedLabel: "Treated", controlLabel: "Controls",
                                       treatedScores: treated, controlScores: controls, format: format)
            try AtomicFile.write(overlap.render(), to: folder.appendingPathComponent("overlap.svg"))
            return ["love-plot.svg", "overlap.svg"]
        }
        return ["love-plot.svg"]
    }
}
