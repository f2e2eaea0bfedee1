import EffektEvaluation
import Foundation

/// What `effekt batch --table` prints: the results as a plain-text table, one line per
/// model × level (withheld small cells shown as `–`).
enum BatchOutput {
    static func table(_ results: [BatchResult]) -> String {
        var rows = [["model", "level", "estimate", "95 % CI", "p", "participants", "controls"]]
        for r in results {
            guard !r.estimates.isEmpty else {
                rows.append([r.id, "", r.status.rawValue, r.message ?? "", "", "", ""])
                continue
            }
            for e in r.estimates {
                // Kronor as whole numbers; months of receipt or self-sufficiency with one decimal.
                let digits = r.outcome == "kr" ? 0 : 1
                func number(_ x: Double?) -> String { x.map { String(format: "%.\(digits)f", $0) } ?? "–" }
                rows.append([r.id, e.level, number(e.att),
                             e.ciLow == nil ? "–" : "\(number(e.ciLow)) … \(number(e.ciHigh))",
                             e.p.map { $0 < 0.001 ? "<0.001" : String(format: "%.3f", $0) } ?? "–",
                             e.participants.map(String.init) ?? "–", e.controls.map(String.init) ?? "–"])
            }
        }
        let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c < 2 ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }
}
