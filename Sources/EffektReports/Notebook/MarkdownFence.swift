import Foundation

/// A fenced code block's opening or closing line, as CommonMark defines them: up to three spaces
/// of indentation, then at least three backticks or tildes; an opening line may carry an info
/// string (whose first word names the block's language), a closing line only trailing blanks.
struct MarkdownFence: Equatable {
    let character: Character
    let length: Int
    /// The first word of the info string ("effekt", "output"), empty when there is none.
    let language: String

    /// The opening fence on `line`, if it is one.
    init?(opening line: String) {
        guard let (character, length, rest) = Self.split(line) else { return nil }
        let info = rest.trimmingCharacters(in: .whitespaces)
        if character == "`" && info.contains("`") { return nil }
        self.character = character
        self.length = length
        language = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
    }

    /// Whether `line` closes a block this fence opened.
    func isClosed(by line: String) -> Bool {
        guard let (character, length, rest) = Self.split(line) else { return false }
        return character == self.character && length >= self.length && rest.allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// The shortest fence of backticks (at least three) that no line of `content` can close.
    static func fence(around content: [String]) -> String {
        let longest = content.compactMap { split($0) }.filter { $0.character == "`" }.map(\.length).max() ?? 0
        return String(repeating: "`", count: max(3, longest + 1))
    }

    private static func split(_ line: String) -> (character: Character, length: Int, rest: Substring)? {
        let text = line.hasSuffix("\r") ? line.dropLast() : Substring(line)
        let indent = text.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let body = text.dropFirst(indent)
        guard let character = body.first, character == "`" || character == "~" else { return nil }
        let length = body.prefix { $0 == character }.count
        guard length >= 3 else { return nil }
        return (character, length, body.dropFirst(length))
    }
}
