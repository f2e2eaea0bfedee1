import Foundation

/// What a block's commands printed, as the notebook stores it: a fenced `output` block right
/// after the command block, then one image link per figure the output names.
///
/// The output is kept as lines without trailing blanks or a carriage return, and without blank
/// lines at the end, so that an editor that trims whitespace does not make a notebook stale.
public struct NotebookResult: Sendable, Equatable {
    public let lines: [String]
    /// Paths of figures, relative to the notebook's folder, in the order the output names them.
    public let figures: [String]

    public init(output: String, figures: [String] = []) {
        self.init(lines: output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), figures: figures)
    }

    init(lines: [String], figures: [String]) {
        var lines = lines.map { line in
            String(line.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
        }
        while lines.last == "" { lines.removeLast() }
        self.lines = lines
        self.figures = figures
    }

    /// Words of `output` that name an SVG or PNG file by a relative path inside the notebook's
    /// folder (so without blanks), without repeats, in order (whether they exist is for the
    /// caller to check).
    public static func figureCandidates(in output: String) -> [String] {
        let separators: Set<Character> = [" ", "\t", "\n", "\r", ",", ";", "(", ")", "\"", "'", "`", "<", ">", "[", "]"]
        var seen = Set<String>()
        return output.split(whereSeparator: { separators.contains($0) }).compactMap { token in
            let path = String(token.hasSuffix(":") || token.hasSuffix(".") ? token.dropLast() : token)
            let lower = path.lowercased()
            guard lower.hasSuffix(".svg") || lower.hasSuffix(".png"), !path.hasPrefix("/"),
                  !path.split(separator: "/").contains(".."), !path.contains("://") else { return nil }
            return seen.insert(path).inserted ? path : nil
        }
    }

    /// The notebook lines that store this result: a blank line, the output block, and the image
    /// links after another blank line.
    var markdown: [String] {
        let fence = MarkdownFence.fence(around: lines)
        var out = ["", fence + "output"] + lines + [fence]
        if !figures.isEmpty { out += [""] + figures.map(Self.imageLink) }
        return out
    }

    static func imageLink(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        return "![\(stem)](\(path))"
    }

    /// The path of an image link line `![…](path)` as `imageLink` writes them.
    static func imagePath(_ line: String) -> String? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("!["), text.hasSuffix(")"), let middle = text.range(of: "](") else { return nil }
        let path = text[middle.upperBound..<text.index(before: text.endIndex)]
        return path.isEmpty ? nil : String(path)
    }
}
