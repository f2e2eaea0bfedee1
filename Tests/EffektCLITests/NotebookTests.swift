import EffektTestSupport
import Foundation
import Testing

/// `effekt notebook run|check`: every notebook in Notebooks-md/ is current, and the runner's
/// behaviour on small notebooks in a temporary folder.
@Suite struct NotebookTests {
    static let folder = Fixtures.repositoryRoot.appendingPathComponent("Notebooks-md")

    /// Every Markdown file in Notebooks-md/, sorted.
    static var notebooks: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
    }

    @Test func theNotebooksAreAllThere() {
        for name in ["01-snabbstart.md", "02-lalonde.md", "03-staggered-did.md", "04-kostnader.md", "05-batch.md", "README.md"] {
            #expect(Self.notebooks.contains(name), "Notebooks-md/\(name) is missing")
        }
    }

    /// A notebook whose stored output is no longer what its commands print fails here; update
    /// it with `effekt notebook run Notebooks-md/NAME.md`.
    @Test(arguments: notebooks)
    func notebookIsCurrent(_ name: String) throws {
        let run = try Effekt.run(["notebook", "check", "Notebooks-md/\(name)"])
        #expect(run.status == 0, "Notebooks-md/\(name) is stale:\n\(run.stdout)\(run.stderr)")
    }

    // MARK: - The runner on a small notebook

    /// A fresh folder with `notebook.md` holding `text`.
    static func scratch(_ text: String) throws -> (folder: URL, notebook: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-notebook-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let notebook = folder.appendingPathComponent("notebook.md")
        try text.write(to: notebook, atomically: true, encoding: .utf8)
        return (folder, notebook)
    }

    static let small = """
        # A notebook

        ```effekt
        effekt --version
        effekt did 'atgt'   # a usage mistake: its stderr and status are recorded
        ```

        Prose between.

        ```effekt
        effekt did twfe --data mpdta.csv --unit countyreal --time year --outcome lemp \\
          --group first.treat --event-time --figures "figs"
        ```

        The end.

        """

    @Test func runStoresOutputsAndIsIdempotent() throws {
        let (folder, notebook) = try Self.scratch(Self.small)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("Datasets/mpdta.csv"),
                                          to: folder.appendingPathComponent("mpdta.csv"))
        let first = try Effekt.run(["notebook", "run", "notebook.md"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "notebook.md: updated, 2 blocks\n")
        #expect(first.stderr.contains("note: notebook.md:5: effekt did atgt ended with exit status 2"), "\(first.stderr)")
        let text = try String(contentsOf: notebook, encoding: .utf8)
        let version = try Effekt.run(["--version"]).stdout
        #expect(text.contains("```\n\n```output\n\(version)effekt: unknown command 'did atgt'; did you mean 'did attgt'?"), "\(text)")
        #expect(text.contains("[exit status 2]\n```\n\nProse between."))
        #expect(text.contains("Figure: figs/event-study.svg\n```\n\n![event-study](figs/event-study.svg)\n\nThe end.\n"), "\(text)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("figs/event-study.svg").path))
        #expect(!text.contains(folder.path), "no absolute path in the outputs")

        let second = try Effekt.run(["notebook", "run", "notebook.md"], in: folder)
        #expect(second.status == 0 && second.stdout == "notebook.md: unchanged, 2 blocks\n")
        #expect(try String(contentsOf: notebook, encoding: .utf8) == text, "a second run changes nothing")
        let check = try Effekt.run(["notebook", "check", notebook.path, "--quiet"])
        #expect(check.status == 0 && check.stdout.isEmpty && check.stderr.isEmpty, "\(check.stdout)\(check.stderr)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }

    @Test func checkFindsStaleOutputsAndFiguresAndChangesNothing() throws {
        let (folder, notebook) = try Self.scratch(Self.small)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("Datasets/mpdta.csv"),
                                          to: folder.appendingPathComponent("mpdta.csv"))
        #expect(try Effekt.run(["notebook", "run", "notebook.md"], in: folder).status == 0)
        let current = try String(contentsOf: notebook, encoding: .utf8)
        let stale = current.replacingOccurrences(of: "e = 1  ", with: "e = 1x ")
        #expect(stale != current)
        try stale.write(to: notebook, atomically: true, encoding: .utf8)
        let figure = folder.appendingPathComponent("figs/event-study.svg")
        try "<svg>edited</svg>".write(to: figure, atomically: true, encoding: .utf8)

        let check = try Effekt.run(["notebook", "check", "notebook.md"], in: folder)
        #expect(check.status == 1)
        #expect(check.stdout.contains("notebook.md:16: the block's stored output is not what it prints now: output line 10 differs (- stored, + new run):\n  - e = 1x "), "\(check.stdout)")
        #expect(check.stdout.contains("\n  + e = 1  "))
        #expect(check.stdout.contains("notebook.md: the figure figs/event-study.svg differs from what a new run draws"))
        #expect(!check.stdout.contains("notebook.md:3:"), "the first block agrees")
        #expect(check.stderr.contains("1 of 1 notebook not current"))
        #expect(try String(contentsOf: notebook, encoding: .utf8) == stale, "check leaves the notebook as it was")
        #expect(try String(contentsOf: figure, encoding: .utf8) == "<svg>edited</svg>", "and puts back the figure it redrew")

        // A block that never ran is stale too.
        try (current + "\n```effekt\neffekt --version\n```\n").write(to: notebook, atomically: true, encoding: .utf8)
        let fresh = try Effekt.run(["notebook", "check", "notebook.md"], in: folder)
        #expect(fresh.status == 1 && fresh.stdout.contains("no output is stored for this block"), "\(fresh.stdout)")
    }

    @Test func badSyntaxIsRefusedNamingTheLine() throws {
        let (folder, notebook) = try Self.scratch("Text\n\n```effekt\neffekt --version\neffekt match --data x.csv | head\n```\n")
        defer { try? FileManager.default.removeItem(at: folder) }
        for mode in ["run", "check"] {
            let run = try Effekt.run(["notebook", mode, "notebook.md"], in: folder)
            #expect(run.status == 1)
            #expect(run.stderr.contains("notebook.md:5: '|' would be a pipe in a shell"), "\(run.stderr)")
        }
        #expect(try String(contentsOf: notebook, encoding: .utf8) == "Text\n\n```effekt\neffekt --version\neffekt match --data x.csv | head\n```\n")
        let other = try Self.scratch("```effekt\nls -l\n```\n")
        defer { try? FileManager.default.removeItem(at: other.folder) }
        let ls = try Effekt.run(["notebook", "run", other.notebook.path])
        #expect(ls.status == 1 && ls.stderr.contains("notebook.md:2: a notebook command starts with 'effekt', not 'ls'"), "\(ls.stderr)")
    }

    @Test func usageMistakes() throws {
        let none = try Effekt.run(["notebook"])
        #expect(none.status == 2 && none.stderr.contains("run or check"))
        let typo = try Effekt.run(["notebook", "rn", "x.md"])
        #expect(typo.status == 2 && typo.stderr.contains("did you mean 'notebook run'?"))
        let noFile = try Effekt.run(["notebook", "check"])
        #expect(noFile.status == 2 && noFile.stderr.contains("FILE.md"))
        let missing = try Effekt.run(["notebook", "check", "no-such-notebook.md"])
        #expect(missing.status == 1 && missing.stderr.contains("no-such-notebook.md: cannot read the notebook"), "\(missing.stderr)")
    }
}
