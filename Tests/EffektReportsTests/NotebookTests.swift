import EffektReports
import Testing

/// The Markdown notebook document: finding `effekt` blocks, splitting their command lines, and
/// rendering with new outputs so that only the outputs change.
@Suite struct NotebookTests {
    static let sample = """
        # Title

        Prose with `inline` code.

        ```effekt
        effekt match --data lalonde.csv \\
          --formula 'treat ~ age + educ' --outcome "re 78"   # a comment
        # a whole-line comment
        effekt --version
        ```

        More prose.

        ```effekt
        effekt did --help
        ```

        ```output
        old output
        ```

        ![old](figures/old.svg)

        The end.

        """

    @Test func findsBlocksAndSplitsCommandsAsAShellWould() throws {
        let notebook = try Notebook(text: Self.sample, name: "nb.md")
        #expect(notebook.blocks.map(\.line) == [5, 14])
        let commands = notebook.blocks[0].commands
        #expect(commands == [
            NotebookCommandLine(line: 6, arguments: ["match", "--data", "lalonde.csv", "--formula", "treat ~ age + educ", "--outcome", "re 78"]),
            NotebookCommandLine(line: 9, arguments: ["--version"]),
        ])
        #expect(notebook.blocks[0].stored == nil)
        #expect(notebook.blocks[1].stored == NotebookResult(output: "old output\n", figures: ["figures/old.svg"]))
        #expect(commands[0].text == "effekt match --data lalonde.csv --formula 'treat ~ age + educ' --outcome 're 78'")
    }

    @Test func quotingEscapesAndEmptyWords() throws {
        let text = "```effekt\neffekt a\\ b \"x \\\"y\\\" \\$z\" '' 'it'\\''s' \"two\nlines\"\n```\n"
        let command = try #require(try Notebook(text: text, name: "q.md").blocks.first?.commands.first)
        #expect(command.arguments == ["a b", "x \"y\" $z", "", "it's", "two\nlines"])
    }

    @Test func renderingWithTheStoredResultsGivesTheTextBack() throws {
        for text in [Self.sample, "```effekt\neffekt x\n```\n\n```output\na\n```", "no blocks at all\n", "```effekt\neffekt x\n```"] {
            let notebook = try Notebook(text: text, name: "nb.md")
            let stored = notebook.blocks.map { $0.stored ?? NotebookResult(output: "") }
            let once = notebook.rendered(with: stored)
            // Blocks without output gain one; after that, rendering is a fixed point.
            let again = try Notebook(text: once, name: "nb.md")
            #expect(again.rendered(with: again.blocks.map { $0.stored! }) == once)
            if notebook.blocks.allSatisfy({ $0.stored != nil }) { #expect(once == text) }
        }
    }

    @Test func newResultsReplaceOnlyTheOutputsAndFigures() throws {
        let notebook = try Notebook(text: Self.sample, name: "nb.md")
        let results = [NotebookResult(output: "first\nsecond  \n\n", figures: ["figures/a.svg", "figures/c.png"]),
                       NotebookResult(output: "new\n")]
        let rendered = notebook.rendered(with: results)
        #expect(rendered == """
            # Title

            Prose with `inline` code.

            ```effekt
            effekt match --data lalonde.csv \\
              --formula 'treat ~ age + educ' --outcome "re 78"   # a comment
            # a whole-line comment
            effekt --version
            ```

            ```output
            first
            second
            ```

            ![a](figures/a.svg)
            ![c](figures/c.png)

            More prose.

            ```effekt
            effekt did --help
            ```

            ```output
            new
            ```

            The end.

            """)
        let reread = try Notebook(text: rendered, name: "nb.md")
        #expect(reread.blocks.map(\.stored) == results)
        #expect(reread.rendered(with: results) == rendered)
    }

    @Test func fencesFollowCommonMark() throws {
        // An effekt block shown inside a longer fence is an example, not a command block; output
        // that itself holds a fence gets a longer one.
        let text = "````markdown\n```effekt\neffekt not-run\n```\n````\n\n~~~effekt\neffekt x\n~~~\n"
        let notebook = try Notebook(text: text, name: "f.md")
        #expect(notebook.blocks.map(\.line) == [7])
        let result = NotebookResult(output: "```\ncode\n```\n")
        let rendered = notebook.rendered(with: [result])
        #expect(rendered.hasSuffix("~~~\n\n````output\n```\ncode\n```\n````\n"))
        #expect(try Notebook(text: rendered, name: "f.md").blocks[0].stored == result)
    }

    @Test(arguments: [
        ("```effekt\nls -l\n```\n", 2, "starts with 'effekt', not 'ls'"),
        ("```effekt\neffekt notebook run 01.md\n```\n", 2, "cannot run 'effekt notebook'"),
        ("```effekt\neffekt match --data x.csv | head\n```\n", 2, "'|' would be a pipe"),
        ("text\n```effekt\neffekt a \\\n  b > out.txt\n```\n", 4, "'>' would be a redirection"),
        ("```effekt\neffekt a 'open\n\n```\n", 2, "quote opened on this line is never closed"),
        ("```effekt\neffekt a \"$HOME\"\n```\n", 2, "'$' would be a variable"),
        ("```effekt\neffekt a *.md\n```\n", 2, "'*' would be a wildcard"),
        ("```effekt\neffekt a\n", 1, "```effekt block is never closed"),
        ("```effekt\neffekt a\n```\n\n```output\nx\n", 5, "```output block is never closed"),
    ])
    func badNotebooksAreRefusedNamingTheLine(text: String, line: Int, message: String) throws {
        let error = #expect(throws: NotebookError.self) { try Notebook(text: text, name: "bad.md") }
        #expect(error?.line == line, "\(error?.description ?? "")")
        #expect(error?.description.hasPrefix("bad.md:\(line): ") == true)
        #expect(error?.message.contains(message) == true, "\(error?.description ?? "")")
    }

    @Test func aTrailingBackslashAtTheEndOfABlockIsRefused() throws {
        let error = #expect(throws: NotebookError.self) { try Notebook(text: "```effekt\neffekt a \\\n```\n", name: "b.md") }
        #expect(error?.message.contains("past the end of the block") == true)
    }

    @Test func figuresAreRelativeSVGAndPNGPathsNamedInTheOutput() {
        let output = "Figures: figures/love-plot.svg, figures/overlap.PNG.\nsee /tmp/x.svg ../up.svg http://a/b.svg (out/e.svg) figures/love-plot.svg report.html"
        #expect(NotebookResult.figureCandidates(in: output) == ["figures/love-plot.svg", "figures/overlap.PNG", "out/e.svg"])
    }

    @Test func differencesNameTheFirstDifferingLines() {
        let stored = NotebookResult(output: "a\nb\nc\nd\n")
        #expect(NotebookResult(output: "a\nb\nc\nd\n").difference(from: stored) == nil)
        #expect(NotebookResult(output: "a\nB\nc\n").difference(from: stored, context: 2) == """
            output line 2 differs (- stored, + new run):
              - b
              - c
              + B
              + c
            """)
        #expect(NotebookResult(output: "a\nb\nc\nd\ne\n").difference(from: stored)?.contains("output line 5 differs") == true)
        #expect(NotebookResult(output: "a\nb\nc\nd\ne\n").difference(from: stored)?.contains("- (end of output)") == true)
        #expect(NotebookResult(output: "a\nb\nc\nd\n", figures: ["f.svg"]).difference(from: stored)
            == "the figures differ: stored none; new run f.svg")
        #expect(NotebookResult(output: "").difference(from: nil) == "no output is stored for this block")
    }
}
