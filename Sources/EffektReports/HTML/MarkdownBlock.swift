import Foundation

/// The block structure of the Markdown subset that reports are written in: ATX headings,
/// paragraphs, bullet lists (`- ` or `* `, one level; indented lines continue an item), pipe
/// tables with an alignment row, images alone on a line, and footnote definitions
/// (`[^id]: text`, one line). Anything else is paragraph text.
enum MarkdownBlock: Equatable {
    enum Alignment: Equatable {
        case left, right
    }

    case heading(level: Int, text: String)
    case paragraph(String)
    case bulletList([String])
    case table(header: [String], alignments: [Alignment], rows: [[String]])
    case image(alt: String, source: String)
    case footnoteDefinition(id: String, text: String)

    static func parse(_ markdown: String) -> [MarkdownBlock] {
        let lines = markdown.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [MarkdownBlock] = []
        var paragraph: [String] = []
        var items: [String] = []
        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: " "))) }
            if !items.isEmpty { blocks.append(.bulletList(items)) }
            paragraph = []
            items = []
        }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            index += 1
            if trimmed.isEmpty {
                flush()
            } else if let heading = try? /^(#{1,6})\s+(.*?)\s*#*$/.wholeMatch(in: trimmed) {
                flush()
                blocks.append(.heading(level: heading.1.count, text: String(heading.2)))
            } else if let definition = try? /^\[\^([^\]]+)\]:\s*(.*)$/.wholeMatch(in: trimmed) {
                flush()
                blocks.append(.footnoteDefinition(id: String(definition.1), text: String(definition.2)))
            } else if let image = try? /^!\[([^\]]*)\]\(([^)\s]+)\)$/.wholeMatch(in: trimmed) {
                flush()
                blocks.append(.image(alt: String(image.1), source: String(image.2)))
            } else if trimmed.hasPrefix("|"), index < lines.count, let alignments = alignmentRow(lines[index]) {
                flush()
                index += 1
                var rows: [[String]] = []
                while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("|") {
                    rows.append(cells(lines[index]))
                    index += 1
                }
                let header = cells(line)
                blocks.append(.table(header: header, alignments: alignments, rows: rows))
            } else if let item = try? /^[-*]\s+(.*)$/.wholeMatch(in: trimmed) {
                if !paragraph.isEmpty { flush() }
                items.append(String(item.1))
            } else if !items.isEmpty && line.first?.isWhitespace == true {
                items[items.count - 1] += " " + trimmed
            } else {
                if !items.isEmpty { flush() }
                paragraph.append(trimmed)
            }
        }
        flush()
        return blocks
    }

    /// The cells of a table line: split at `|` not escaped as `\|`, outer pipes dropped.
    private static func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaped = false
        for character in line.trimmingCharacters(in: .whitespaces) {
            if escaped {
                current.append(character == "|" ? "|" : "\\\(character)")
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        cells.append(current)
        if cells.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { cells.removeFirst() }
        if cells.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { cells.removeLast() }
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The alignments of an alignment row (`|:---|---:|`), or `nil` if the line is not one.
    private static func alignmentRow(_ line: String) -> [Alignment]? {
        guard line.trimmingCharacters(in: .whitespaces).hasPrefix("|") else { return nil }
        let specs = cells(line)
        guard !specs.isEmpty, specs.allSatisfy({ (try? /^:?-+:?$/.wholeMatch(in: $0)) != nil }) else { return nil }
        return specs.map { $0.hasSuffix(":") && !$0.hasPrefix(":") ? .right : .left }
    }
}
