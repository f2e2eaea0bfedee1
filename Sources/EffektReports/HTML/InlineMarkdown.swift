/// Renders the inline Markdown of the report subset to HTML: `**bold**`, `*italic*` and
/// footnote references `[^id]`; everything else is text, escaped. Underscores are left alone,
/// so covariate names such as `antal_manader` are never turned into italics.
///
/// Footnotes are numbered in the order they are first referred to; a reference to a footnote
/// that has no definition stays as written.
struct InlineMarkdown {
    /// Footnote texts by id.
    let definitions: [String: String]
    /// Ids in the order of their first reference.
    private(set) var referenced: [String] = []

    init(definitions: [String: String]) {
        self.definitions = definitions
    }

    mutating func html(_ text: String) -> String {
        var html = Markup.escaped(text)
        html = html.replacing(/\*\*(.+?)\*\*/) { "<strong>\($0.1)</strong>" }
        html = html.replacing(/\*(.+?)\*/) { "<em>\($0.1)</em>" }
        html = html.replacing(/\[\^([A-Za-z0-9_-]+)\]/) { match in
            let id = String(match.1)
            guard definitions[id] != nil else { return String(match.0) }
            if !referenced.contains(id) { referenced.append(id) }
            let number = referenced.firstIndex(of: id)! + 1
            return "<sup class=\"fnref\"><a href=\"#fn-\(number)\">\(number)</a></sup>"
        }
        return html
    }
}
