import Foundation

/// A pipe table in Markdown (GitHub and pandoc dialect), padded so that the columns line up in
/// plain text too, numbers right-aligned, the footnotes of its cells defined below it.
///
/// ```
/// | Insats         | Deltagare | Effekt, kr |
/// |:---------------|----------:|-----------:|
/// | Stockholmsjobb |     1 039 |  −4 510 kr |
/// | Krami          | –[^small] |  –[^small] |
///
/// [^small]: Färre än 5 personer; uppgiften redovisas inte.
/// ```
/// Widths count characters (å, −, and the no-break space are one each). A `|` in a cell is
/// escaped as `\|`; line breaks become spaces.
public struct MarkdownTable: ReportDocument, Sendable {
    public enum Alignment: Sendable {
        case left, right
    }

    public struct Column: Sendable {
        public let title: String
        public let alignment: Alignment

        public init(_ title: String, alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public let columns: [Column]
    public let rows: [[TableCell]]

    /// - Precondition: every row has one cell per column.
    public init(columns: [Column], rows: [[TableCell]]) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row needs one cell per column")
        self.columns = columns
        self.rows = rows
    }

    /// The distinct footnotes of the cells, in reading order.
    public var footnotes: [Footnote] {
        var seen: [Footnote] = []
        for footnote in rows.joined().compactMap(\.footnote) where !seen.contains(footnote) {
            seen.append(footnote)
        }
        return seen
    }

    public func render() -> String {
        let header = columns.map { Self.escaped($0.title) }
        let body = rows.map { row in row.map { Self.escaped($0.text) + ($0.footnote?.reference ?? "") } }
        let widths = columns.indices.map { column in
            max(3, ([header] + body).map { $0[column].count }.max() ?? 0)
        }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, text in
                let padding = String(repeating: " ", count: widths[column] - text.count)
                return columns[column].alignment == .right ? padding + text : text + padding
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let rule = columns.enumerated().map { column, spec in
            let dashes = String(repeating: "-", count: widths[column] + 1)
            return spec.alignment == .right ? dashes + ":" : ":" + dashes
        }
        var lines = [line(header), "|" + rule.joined(separator: "|") + "|"] + body.map(line)
        let notes = footnotes
        if !notes.isEmpty {
            lines.append("")
            lines += notes.map(\.definition)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "|", with: "\\|")
    }
}
