/// A note attached to table cells. In Markdown it is the footnote `[^id]`, defined once below
/// the table; `HTMLDocument` numbers footnotes in the order they are first referred to.
public struct Footnote: Sendable, Hashable {
    /// The Markdown label: letters, digits, `-` and `_` only (other characters are replaced by
    /// `-`), so that it is a valid footnote label everywhere.
    public let id: String
    public let text: String

    public init(id: String, text: String) {
        self.id = String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        self.text = text
    }

    /// The reference placed after a cell's text.
    public var reference: String { "[^\(id)]" }

    /// The definition line placed below a table.
    public var definition: String { "[^\(id)]: \(text)" }
}
