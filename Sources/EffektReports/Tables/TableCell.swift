/// One formatted cell of a report table: its text, and a footnote when the text needs one (a
/// suppressed value, a caveat).
public struct TableCell: Sendable, Hashable, ExpressibleByStringLiteral {
    public let text: String
    public let footnote: Footnote?

    public init(_ text: String, footnote: Footnote? = nil) {
        self.text = text
        self.footnote = footnote
    }

    public init(stringLiteral text: String) {
        self.init(text)
    }
}
