import Foundation

/// One `effekt …` command line of a notebook block, split into words as a POSIX shell splits a
/// simple command: blanks separate words; '…' is literal; "…" keeps blanks and takes \" \\ \$ \`
/// as escapes; a backslash outside quotes escapes the next character, and at the end of a line
/// joins the line to the next; # at the start of a word begins a comment. What would need a
/// shell (pipes, redirections, ; and &, $ and ` expansion, wildcards, braces, a leading ~) is
/// refused with the notebook line, so a notebook means the same whoever runs it.
public struct NotebookCommandLine: Sendable, Equatable {
    /// 1-based notebook line on which the command starts.
    public let line: Int
    /// The words after `effekt`.
    public let arguments: [String]

    public init(line: Int, arguments: [String]) {
        self.line = line
        self.arguments = arguments
    }

    /// The command as one line, quoted where needed (for messages).
    public var text: String {
        (["effekt"] + arguments.map(Self.quoted)).joined(separator: " ")
    }

    private static func quoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "-_./,:=+@%".contains($0) }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// What a shell would make of a character this parser refuses.
    private static let shellMeaning: [Character: String] = [
        "|": "a pipe", "<": "a redirection", ">": "a redirection", ";": "a command separator", "&": "a background job or '&&'",
        "$": "a variable or command substitution", "`": "a command substitution", "(": "a subshell", ")": "a subshell",
        "*": "a wildcard", "?": "a wildcard", "[": "a wildcard", "]": "a wildcard", "{": "brace expansion", "}": "brace expansion",
    ]

    /// The commands of a block whose content is `lines`, the first of them on notebook line
    /// `firstLine`; blank and comment-only lines give none.
    /// - Throws: `NotebookError` naming the line of a command that does not start with `effekt`,
    ///   of a character that needs a shell, of a quote that is never closed, or of a backslash
    ///   that continues past the end of the block.
    static func parse(_ lines: [String], firstLine: Int, file: String) throws -> [NotebookCommandLine] {
        let characters = Array(lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }.joined(separator: "\n"))
        var commands: [NotebookCommandLine] = []
        var words: [String] = []
        var word = ""
        var inWord = false
        var line = firstLine, commandLine = firstLine
        enum Quote { case none, single(Int), double(Int) }
        var quote = Quote.none

        func startWord() {
            if words.isEmpty && !inWord { commandLine = line }
            inWord = true
        }
        func endWord() {
            if inWord { words.append(word) }
            word = ""
            inWord = false
        }
        func endCommand() throws {
            endWord()
            guard let first = words.first else { return }
            guard first == "effekt" else {
                throw NotebookError(file: file, line: commandLine, message: "a notebook command starts with 'effekt', not '\(first)'",
                                    hint: "blocks marked effekt run the effekt binary and nothing else")
            }
            guard words.dropFirst().first != "notebook" else {
                throw NotebookError(file: file, line: commandLine, message: "a notebook cannot run 'effekt notebook' (it would run notebooks from inside one, possibly itself)",
                                    hint: "run notebooks from a shell or with make notebooks")
            }
            commands.append(NotebookCommandLine(line: commandLine, arguments: Array(words.dropFirst())))
            words = []
        }
        func refuse(_ c: Character, quoted: Bool = false) -> NotebookError {
            NotebookError(file: file, line: line,
                          message: "'\(c)' would be \(shellMeaning[c] ?? "special") in a shell; notebook commands run effekt directly, without a shell",
                          hint: quoted ? "put the text in single quotes to keep '\(c)' as it is" : "quote '\(c)' if it belongs to an argument")
        }

        var i = 0
        while i < characters.count {
            let c = characters[i]
            let next: Character? = i + 1 < characters.count ? characters[i + 1] : nil
            i += 1
            switch quote {
            case .single:
                if c == "'" { quote = .none } else { word.append(c) }
                if c == "\n" { line += 1 }
            case .double:
                if c == "\"" {
                    quote = .none
                } else if c == "\\", let next, "\"\\$`\n".contains(next) {
                    if next == "\n" { line += 1 } else { word.append(next) }
                    i += 1
                } else if c == "$" || c == "`" {
                    throw refuse(c, quoted: true)
                } else {
                    word.append(c)
                    if c == "\n" { line += 1 }
                }
            case .none:
                switch c {
                case "\n":
                    try endCommand()
                    line += 1
                case " ", "\t":
                    endWord()
                case "\\":
                    guard let next else {
                        throw NotebookError(file: file, line: line, message: "the command continues ('\\' at the end of the line) past the end of the block",
                                            hint: "remove the last '\\' or add the missing line")
                    }
                    if next == "\n" {
                        line += 1
                    } else {
                        startWord()
                        word.append(next)
                    }
                    i += 1
                case "'":
                    startWord()
                    quote = .single(line)
                case "\"":
                    startWord()
                    quote = .double(line)
                case "#" where !inWord:
                    while i < characters.count, characters[i] != "\n" { i += 1 }
                case "~" where !inWord:
                    throw NotebookError(file: file, line: line, message: "a leading '~' would be your home folder in a shell; notebook commands run without a shell",
                                        hint: "write paths relative to the notebook's folder")
                default:
                    if shellMeaning[c] != nil { throw refuse(c) }
                    startWord()
                    word.append(c)
                }
            }
        }
        switch quote {
        case .single(let start), .double(let start):
            throw NotebookError(file: file, line: start, message: "a quote opened on this line is never closed",
                                hint: "close it before the end of the block")
        case .none:
            try endCommand()
        }
        return commands
    }
}
