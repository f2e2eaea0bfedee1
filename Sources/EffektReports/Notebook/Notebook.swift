/// A Markdown notebook: prose with fenced code blocks marked `effekt`, each holding one or more
/// `effekt …` command lines, and after each such block the output it printed (a fenced `output`
/// block and the image links of its figures, see `NotebookResult`).
///
/// The document keeps its text line by line, so that rendering with new results replaces only
/// the stored outputs and leaves every other byte as it was: rendering with the stored results
/// gives the text back, which is what makes `effekt notebook run` idempotent. A block's stored
/// result is the `output` block that follows it after blank lines only, with the image-link lines
/// after that block; a block without one gets one inserted.
public struct Notebook: Sendable {
    /// The name used in messages (the path as given).
    public let name: String
    public let blocks: [Block]
    private let lines: [String]

    /// A fenced `effekt` block.
    public struct Block: Sendable {
        /// 1-based notebook line of the opening fence.
        public let line: Int
        public let commands: [NotebookCommandLine]
        /// The output block and figures after it; nil when there is none yet.
        public let stored: NotebookResult?
        /// 0-based indices of the lines that hold the stored result (empty: insert after the block).
        let storedLines: Range<Int>
    }

    /// - Throws: `NotebookError` for a command that cannot be parsed (see `NotebookCommandLine`), or
    ///   an `effekt` or `output` block that is never closed.
    public init(text: String, name: String) throws {
        self.name = name
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [Block] = []
        var index = 0
        while index < lines.count {
            guard let fence = MarkdownFence(opening: lines[index]) else {
                index += 1
                continue
            }
            let close = try Self.closing(fence, openedAt: index, in: lines, file: name)
            if fence.language == "effekt" {
                let commands = try NotebookCommandLine.parse(Array(lines[(index + 1)..<close]), firstLine: index + 2, file: name)
                let (stored, range) = try Self.storedResult(after: close, in: lines, file: name)
                blocks.append(Block(line: index + 1, commands: commands, stored: stored, storedLines: range))
                index = range.isEmpty ? close + 1 : range.upperBound
            } else {
                index = close + 1
            }
        }
        self.blocks = blocks
    }

    /// The notebook with each block's stored result replaced by `results[i]` (one per block).
    public func rendered(with results: [NotebookResult]) -> String {
        precondition(results.count == blocks.count, "one result per block")
        var out: [String] = []
        var next = 0
        for (block, result) in zip(blocks, results) {
            let start = block.storedLines.lowerBound
            out += lines[next..<start]
            out += result.markdown
            next = block.storedLines.upperBound
        }
        out += lines[next...]
        return out.joined(separator: "\n")
    }

    /// The line that closes the block opened at `index` (CommonMark lets any other block run to
    /// the end of the document; an `effekt` or `output` block must be closed).
    private static func closing(_ fence: MarkdownFence, openedAt index: Int, in lines: [String], file: String) throws -> Int {
        if let close = lines[(index + 1)...].firstIndex(where: fence.isClosed) { return close }
        guard fence.language == "effekt" || fence.language == "output" else { return lines.count - 1 }
        throw NotebookError(file: file, line: index + 1, message: "this ```\(fence.language) block is never closed",
                            hint: "end it with a line of \(String(repeating: fence.character, count: fence.length))")
    }

    /// The output block after blank lines following line `close`, and its figure lines.
    private static func storedResult(after close: Int, in lines: [String], file: String) throws -> (NotebookResult?, Range<Int>) {
        var index = close + 1
        while index < lines.count, isBlank(lines[index]) { index += 1 }
        guard index < lines.count, let fence = MarkdownFence(opening: lines[index]), fence.language == "output" else {
            return (nil, (close + 1)..<(close + 1))
        }
        let end = try closing(fence, openedAt: index, in: lines, file: file)
        let output = Array(lines[(index + 1)..<end])
        var last = end + 1
        var figures: [String] = []
        var probe = last
        while probe < lines.count, isBlank(lines[probe]) { probe += 1 }
        while probe < lines.count, let path = NotebookResult.imagePath(lines[probe]) {
            figures.append(path)
            probe += 1
            last = probe
        }
        return (NotebookResult(lines: output, figures: figures), (close + 1)..<last)
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
}
