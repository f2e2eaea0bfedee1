import EffektEvaluation
import Foundation

/// What `effekt evaluate` prints: a few lines per insats, or the report's summary section.
/// Paths are printed as the user gave them; counts under the small-cell limit are not printed.
enum EvaluationOutput {
    /// One line per insats with the 12-month effect on kronor, then where the results are.
    static func summary(_ evaluation: Evaluation, out: String, reportFile: String, english: Bool, minCell: Int) -> String {
        var text = ""
        for r in evaluation.insatser {
            let code = r.code.padding(toLength: 8, withPad: " ", startingAt: 0)
            switch r.status {
            case .estimated:
                guard r.participants >= minCell else {
                    text += code + (english ? " fewer than \(minCell) participants: not shown\n" : " färre än \(minCell) deltagare: visas inte\n")
                    continue
                }
                if let e = r.effect(.kronor, horizon: 12) {
                    text += code + String(format: english ? " %6d participants  12 months: %+9.0f kr (95 %% CI %+.0f … %+.0f)\n"
                                                          : " %6d deltagare  12 mån: %+9.0f kr (95 %% KI %+.0f … %+.0f)\n",
                                          r.participants, e.att, e.ciLow, e.ciHigh)
                }
            case let .tooFewParticipants(n):
                let count = n < minCell ? (english ? "fewer than \(minCell)" : "färre än \(minCell)") : String(n)
                text += code + (english ? " too few participants (\(count))\n" : " för få deltagare (\(count))\n")
            case let .failed(reason):
                text += code + (english ? " could not be estimated: \(reason)\n" : " kunde inte skattas: \(reason)\n")
            }
        }
        let effects = path(out, "effects.json") + ", " + path(out, "effects.csv")
        text += (english ? "Results: " : "Resultat: ") + effects + "\n"
        text += (english ? "Report: " : "Rapport: ") + path(out, reportFile) + "\n"
        return text
    }

    /// The first level-2 section of the report's Markdown (its summary for budget staff), with
    /// paragraphs wrapped at `width` columns for a terminal; tables are left as they are.
    static func reportSummary(_ markdown: String, width: Int = 100) -> String {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("## ") }) else { return "" }
        let end = lines[(start + 1)...].firstIndex(where: { $0.hasPrefix("## ") }) ?? lines.endIndex
        var section = lines[start..<end].flatMap { $0.hasPrefix("|") ? [$0] : wrapped($0, width: width) }
        while section.last?.isEmpty == true { section.removeLast() }
        return section.joined(separator: "\n") + "\n"
    }

    /// `line` broken at spaces (never at the no-break spaces inside numbers) into lines of at
    /// most `width` characters where the words allow.
    private static func wrapped(_ line: String, width: Int) -> [String] {
        var out: [String] = []
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && current.count + 1 + word.count > width {
                out.append(current)
                current = String(word)
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        return out + [current]
    }

    /// `folder/name` as the user would write it.
    static func path(_ folder: String, _ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }
}
