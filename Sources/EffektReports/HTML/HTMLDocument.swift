import Foundation

/// One self-contained HTML file from a report written in Effekt's Markdown subset (see
/// `MarkdownBlock` and `InlineMarkdown`): charts are inlined (SVG as markup, PNG/JPEG/GIF as
/// `data:` URIs), the style sheet is embedded, and nothing is fetched when the file is opened,
/// so budget staff can open it anywhere and print it to PDF (see `PrintStyle`).
///
/// Images are paths relative to `resourceFolder` (or absolute); a URL is refused with
/// `ReportError.externalResource`. Footnotes are numbered in reading order and listed at the
/// end; a definition repeated under several tables counts once.
public struct HTMLDocument: ReportDocument, Sendable {
    public let markdown: String
    /// The page's title (the browser tab, the PDF's metadata).
    public let title: String
    public let language: ReportLanguage
    public let resourceFolder: URL

    public init(markdown: String, title: String, language: ReportLanguage, resourceFolder: URL) {
        self.markdown = markdown
        self.title = title
        self.language = language
        self.resourceFolder = resourceFolder
    }

    public func render() throws -> String {
        let blocks = MarkdownBlock.parse(markdown)
        var definitions: [String: String] = [:]
        for case let .footnoteDefinition(id, text) in blocks where definitions[id] == nil {
            definitions[id] = text
        }
        var inline = InlineMarkdown(definitions: definitions)
        var body: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                body.append("<h\(level)>\(inline.html(text))</h\(level)>")
            case .paragraph(let text):
                body.append("<p>\(inline.html(text))</p>")
            case .bulletList(let items):
                body.append("<ul>\n" + items.map { "<li>\(inline.html($0))</li>\n" }.joined() + "</ul>")
            case .table(let header, let alignments, let rows):
                body.append(table(header: header, alignments: alignments, rows: rows, inline: &inline))
            case .image(let alt, let source):
                body.append(try figure(alt: alt, source: source))
            case .footnoteDefinition:
                break
            }
        }
        if !inline.referenced.isEmpty {
            var notes = InlineMarkdown(definitions: [:])
            let items = inline.referenced.enumerated().map { "<li id=\"fn-\($0.offset + 1)\">\(notes.html(definitions[$0.element]!))</li>\n" }
            body.append("<section class=\"footnotes\">\n<ol>\n" + items.joined() + "</ol>\n</section>")
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.code)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escaped(title))</title>
            <style>
            \(PrintStyle.css)
            </style>
            </head>
            <body>
            <main>
            \(body.joined(separator: "\n"))
            </main>
            </body>
            </html>

            """
    }

    private func table(header: [String], alignments: [MarkdownBlock.Alignment], rows: [[String]], inline: inout InlineMarkdown) -> String {
        func cells(_ texts: [String], tag: String) -> String {
            texts.enumerated().map { column, text in
                let numeric = column < alignments.count && alignments[column] == .right
                return "<\(tag)\(numeric ? " class=\"num\"" : "")>\(inline.html(text))</\(tag)>"
            }.joined()
        }
        let head = "<thead><tr>\(cells(header, tag: "th"))</tr></thead>"
        let bodyRows = rows.map { "<tr>\(cells($0, tag: "td"))</tr>\n" }.joined()
        return "<table>\n\(head)\n<tbody>\n\(bodyRows)</tbody>\n</table>"
    }

    private func figure(alt: String, source: String) throws -> String {
        guard !source.contains("://") && !source.hasPrefix("//") && !source.lowercased().hasPrefix("data:") else {
            throw ReportError.externalResource(source)
        }
        let url = source.hasPrefix("/") ? URL(fileURLWithPath: source) : resourceFolder.appendingPathComponent(source)
        guard let data = try? Data(contentsOf: url) else { throw ReportError.missingImage(path: source) }
        let label = Markup.escaped(alt)
        switch url.pathExtension.lowercased() {
        case "svg":
            guard let svg = String(data: data, encoding: .utf8).flatMap(Self.inlineable) else { throw ReportError.unsupportedImage(path: source) }
            return "<figure role=\"group\" aria-label=\"\(label)\">\n\(svg)\n</figure>"
        case let type where Self.rasterTypes[type] != nil:
            return "<figure><img alt=\"\(label)\" src=\"data:\(Self.rasterTypes[type]!);base64,\(data.base64EncodedString())\"></figure>"
        default:
            throw ReportError.unsupportedImage(path: source)
        }
    }

    private static let rasterTypes = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif"]

    /// The SVG from its `<svg` element on: the XML declaration and any doctype, which are not
    /// allowed inside HTML, removed; `nil` if there is no `<svg` element.
    private static func inlineable(_ svg: String) -> String? {
        guard let start = svg.range(of: "<svg") else { return nil }
        return String(svg[start.lowerBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
