import EffektData
import EffektReports
import Foundation

/// `effekt notebook run|check FILE.md…`: Markdown notebooks whose `effekt` blocks are run and
/// whose output is stored in the document, or checked against a new run.
struct NotebookCommand: Command {
    static let name = "notebook"
    static let summary = "run the effekt blocks of Markdown notebooks and store their output, or check that it is current"
    static let arguments = "run|check FILE.md [FILE.md …]"
    static let discussion = """
    SUBCOMMANDS:
      effekt notebook run FILE.md [FILE.md …]     run every block and write its output into the notebook
      effekt notebook check FILE.md [FILE.md …]   run every block again; exit 1 if a stored output differs

    A notebook is Markdown with fenced code blocks marked effekt, each holding effekt command lines:

        ```effekt
        effekt match --data ../Datasets/lalonde.csv \\
          --formula 'treat ~ age + educ + re74' --outcome re78 --figures figures/lalonde
        ```

    Quotes ('…' and "…") work as in a shell, a backslash at the end of a line continues the
    command and # starts a comment; pipes, redirections, variables and wildcards are refused,
    naming the notebook line. The blocks run in order in the notebook's folder with this effekt
    binary. What a block's commands print on stdout is stored in a fenced output block right after
    it, replacing the old one; a command that fails adds its stderr and exit status. SVG and PNG
    files the output names (relative paths that exist) are linked below the output block as
    images; image links right after an output block belong to it. Running again changes nothing,
    and the notebook is replaced whole, never written half.

    check changes no notebook (figures a run rewrites are put back as they were) and shows, for
    each block whose stored output or figures differ from the new run, the block's line and the
    first differing lines. Exit status 0 when everything agrees, 1 otherwise.
    """
    static let options: [OptionSpec] = []
    static let example = "effekt notebook check Notebooks-md/*.md"

    enum Mode: String, CaseIterable { case run, check }

    let mode: Mode
    let files: [String]
    let diagnostics: Diagnostics

    init(_ parsed: ParsedOptions) throws {
        guard let first = parsed.positional.first else {
            throw UsageError.missingOption("run or check (the first argument)", command: Self.name)
        }
        guard let mode = Mode(rawValue: first) else {
            throw UsageError.unknownCommand("notebook \(first)", suggestion: ParsedOptions.closest(to: first, in: Mode.allCases.map(\.rawValue)).map { "notebook \($0)" })
        }
        self.mode = mode
        files = Array(parsed.positional.dropFirst())
        guard !files.isEmpty else { throw UsageError.missingOption("FILE.md (one or more notebooks)", command: "notebook \(first)") }
        diagnostics = parsed.diagnostics
    }

    func run() throws -> Int32 {
        let runner = NotebookRunner(executable: NotebookRunner.currentExecutable(), diagnostics: diagnostics)
        var failed = 0
        for file in files {
            do {
                let ok = switch mode {
                case .run: try run(file, with: runner)
                case .check: try check(file, with: runner)
                }
                if !ok { failed += 1 }
            } catch let error as NotebookError {
                Console.error("effekt notebook \(mode.rawValue): \(error)")
                failed += 1
            }
        }
        guard failed > 0 else { return 0 }
        if mode == .check {
            Console.error("effekt notebook check: \(failed) of \(files.count) notebook\(files.count == 1 ? "" : "s") not current; "
                + "update with 'effekt notebook run FILE.md'")
        }
        return 1
    }

    /// Runs the blocks of `file` and writes their output into it; false if it could not be read.
    private func run(_ file: String, with runner: NotebookRunner) throws -> Bool {
        let (url, text, notebook) = try Self.load(file)
        let (results, failures) = try runner.run(notebook, in: url.deletingLastPathComponent())
        let rendered = notebook.rendered(with: results)
        if rendered != text { try AtomicFile.write(rendered, to: url) }
        if !diagnostics.quiet {
            for failure in failures {
                Console.error("note: \(file):\(failure.command.line): \(failure.command.text) ended with \(failure.status) (recorded in the notebook)")
            }
            print("\(file): \(rendered == text ? "unchanged" : "updated"), \(notebook.blocks.count) block\(notebook.blocks.count == 1 ? "" : "s")")
        }
        return true
    }

    /// Runs the blocks of `file` again and reports every difference from what it stores; true
    /// when there is none. Linked figures the run rewrites are restored.
    private func check(_ file: String, with runner: NotebookRunner) throws -> Bool {
        let (url, text, notebook) = try Self.load(file)
        let folder = url.deletingLastPathComponent()
        let linked = Array(Set(notebook.blocks.flatMap { $0.stored?.figures ?? [] })).sorted()
        let before = linked.map { try? Data(contentsOf: folder.appendingPathComponent($0)) }
        let (results, _) = try runner.run(notebook, in: folder)
        var problems: [String] = []
        for (block, result) in zip(notebook.blocks, results) {
            if let difference = result.difference(from: block.stored) {
                problems.append("\(file):\(block.line): the block's stored output is not what it prints now: \(difference)")
            }
        }
        for (path, old) in zip(linked, before) {
            let figure = folder.appendingPathComponent(path)
            let new = try? Data(contentsOf: figure)
            guard new != old else { continue }
            problems.append("\(file): the figure \(path) " + (old == nil ? "was missing" : new == nil ? "is no longer written" : "differs from what a new run draws"))
            if let old { try AtomicFile.write(old, to: figure) } else { try? FileManager.default.removeItem(at: figure) }
        }
        if problems.isEmpty && notebook.rendered(with: results) != text {
            problems.append("\(file): the outputs agree, but 'effekt notebook run' would rewrite the blank lines or trailing blanks around them")
        }
        if !problems.isEmpty {
            print(problems.joined(separator: "\n"))
        } else if !diagnostics.quiet {
            print("\(file): " + (notebook.blocks.isEmpty ? "no effekt blocks" : notebook.blocks.count == 1 ? "the block agrees" : "all \(notebook.blocks.count) blocks agree"))
        }
        return problems.isEmpty
    }

    private static func load(_ file: String) throws -> (URL, String, Notebook) {
        let url = URL(fileURLWithPath: file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataError(file: file, message: "cannot read the notebook", hint: "check the path; notebooks are Markdown files")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError(file: file, message: "the notebook is not UTF-8 text")
        }
        return (url, text, try Notebook(text: text, name: file))
    }
}
