import EffektData
import EffektEstimators
@testable import EffektEvaluation
import EffektReports
import EffektTestSupport
import Foundation
import Testing

/// One evaluation of the shipped simulated register (three insatser, to keep tests fast), shared
/// by the report tests, and helpers to write reports into fresh temporary folders.
enum ReportFixture {
    static let insatser = ["SJOBB", "VAGL", "STARTA"]

    /// The shipped simulated register (5,000 persons × 72 months), read once for all tests.
    static let register: Register = {
        let specURL = Fixtures.datasetURL("simulated-register/spec.json")
        do {
            let tables = try RegisterTables.read(spec: DatasetSpec.load(specURL), base: specURL.deletingLastPathComponent(), threads: 2)
            guard let register = Register.build(from: tables).register else { fatalError("the simulated register does not build") }
            return register
        } catch {
            fatalError("reading the simulated register failed: \(error)")
        }
    }()

    static let evaluation: Evaluation = {
        var settings = EvaluationSettings()
        settings.insatser = insatser
        do {
            return try Evaluation(register: register, settings: settings)
        } catch {
            fatalError("evaluating the simulated register failed: \(error)")
        }
    }()

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("effekt-report-\(UUID().uuidString)")
    }

    /// The written report: its folder, Markdown, HTML and the figures (path → SVG).
    struct Written {
        let folder: URL
        let markdown: String
        let html: String
        let figures: [String: String]

        var all: [String] { [markdown, html] + figures.values.sorted() }
    }

    static func write(_ report: EvaluationReport) throws -> Written {
        let folder = temporaryFolder()
        try report.write(to: folder)
        let figureFolder = folder.appendingPathComponent("figures")
        var figures: [String: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: figureFolder.path)) ?? [] {
            figures[name] = try String(contentsOf: figureFolder.appendingPathComponent(name), encoding: .utf8)
        }
        return Written(folder: folder,
                       markdown: try String(contentsOf: folder.appendingPathComponent(report.markdownFileName), encoding: .utf8),
                       html: try String(contentsOf: folder.appendingPathComponent(report.htmlFileName), encoding: .utf8),
                       figures: figures)
    }

    static func write(language: ReportLanguage = .swedish, minCell: Int = 5) throws -> Written {
        try write(EvaluationReport(evaluation, language: language, minCell: minCell))
    }

    /// The rows of the first Markdown table after `heading` (header and alignment row excluded).
    static func firstTableRows(after heading: String, in markdown: String) -> [String] {
        guard let start = markdown.range(of: heading) else { return [] }
        let lines = markdown[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let header = lines.firstIndex(where: { $0.hasPrefix("|") }) else { return [] }
        return Array(lines[(header + 2)...].prefix { $0.hasPrefix("|") })
    }

    static func cells(_ row: String) -> [String] {
        row.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

@Suite("Evaluation report on the simulated register")
struct ReportTests {
    @Test("Swedish files: rapport.md, rapport.html and ASCII-named figures, nothing half-written")
    func files() throws {
        let written = try ReportFixture.write()
        defer { try? FileManager.default.removeItem(at: written.folder) }
        let names = try FileManager.default.contentsOfDirectory(atPath: written.folder.path).sorted()
        #expect(names == ["figures", "rapport.html", "rapport.md"])
        #expect(written.figures.count == 4 * ReportFixture.insatser.count)
        for name in written.figures.keys {
            #expect(name.wholeMatch(of: /[a-z0-9-]+\.svg/) != nil, "figure name \(name)")
            #expect(written.markdown.contains("](figures/\(name))"), "\(name) is embedded in the Markdown")
        }
        #expect(written.figures.keys.contains("sjobb-handelsestudie.svg"))
    }

    @Test("Sections in order: Sammanfattning, Per insats (each insats, its parts in order), Metod")
    func sectionOrder() throws {
        let md = try ReportFixture.write().markdown
        func position(_ text: String, after: String.Index? = nil) throws -> String.Index {
            let range = try #require(md.range(of: text, range: (after ?? md.startIndex)..<md.endIndex), "missing \(text)")
            return range.lowerBound
        }
        let summary = try position("## Sammanfattning"), perInsats = try position("## Per insats"), method = try position("## Metod")
        #expect(md.hasPrefix("# "))
        #expect(summary < perInsats && perInsats < method)
        var cursor = perInsats
        for insats in ReportFixture.evaluation.insatser {
            cursor = try position("### \(insats.name) (\(insats.code))", after: cursor)
        }
        var part = try position("### Stockholmsjobb (SJOBB)")
        for heading in ["#### Effekt per månad", "#### Balans efter matchning", "#### Överlapp", "#### Effekter", "#### Delgrupper",
                        "#### Kontroller av skattningen", "#### Kostnad och besparing"] {
            let next = try position(heading, after: part)
            #expect(next > part, "\(heading)")
            part = next
        }
        for heading in ["### Design", "### Skattning", "### Data och urval", "### Små grupper och integritet", "### Referenser"] {
            #expect(try position(heading, after: method) > method)
        }
        for reference in ["Sianesi", "Rosenbaum", "Holm", "Benjamini", "Austin"] {
            #expect(md[method...].contains(reference))
        }
    }

    @Test("The summary table has one row per insats, in order, with a verdict from the CI")
    func summaryTable() throws {
        let md = try ReportFixture.write().markdown
        let rows = ReportFixture.firstTableRows(after: "## Sammanfattning", in: md)
        let insatser = ReportFixture.evaluation.insatser
        #expect(rows.count == insatser.count)
        for (row, insats) in zip(rows, insatser) {
            let cells = ReportFixture.cells(row)
            #expect(cells.count == 7)
            #expect(cells.first == insats.name)
            #expect(cells[3].contains("sannolikt mellan"), "saving with its interval: \(cells[3])")
            let saving = try #require(insats.cost?.savings.last)
            let pHolm = try #require(insats.effect(.kronor, horizon: saving.horizon)).pHolm
            let expected = ReportTexts(language: .swedish).verdict(Verdict(saving, adjustedP: pHolm))
            #expect(cells.last == expected)
        }
        // Stockholmsjobb clearly lowers payments in the simulated data (its whole 24-month interval is a saving).
        #expect(ReportFixture.cells(rows[0]).last == "Minskar kostnaderna")
        let summary = md[md.range(of: "## Sammanfattning")!.lowerBound..<md.range(of: "## Per insats")!.lowerBound]
        #expect(summary.contains("10\u{00A0}%"), "the 2008 budget's 10 % beside the estimates")
        #expect(summary.contains("a-kassa") && summary.contains("sjukpenning"), "benefits not seen in these data")
        #expect(summary.contains("mnkr"))
    }

    @Test("Swedish number formatting: 1 234 kr, 12,3 mnkr, decimal comma, U+2212 minus")
    func swedishNumbers() throws {
        let md = try ReportFixture.write().markdown
        #expect(md.contains(/\d\u{00A0}\d{3}\u{00A0}kr/), "grouped kronor with no-break spaces")
        #expect(md.contains(/\u{2212}?\d+,\d\u{00A0}mnkr/), "millions with one decimal and a comma")
        #expect(md.contains(/\d+,\d\u{00A0}%/), "percentages with a comma")
        #expect(md.contains("\u{2212}"), "the minus sign")
        #expect(!md.contains(/(?:^|[^\p{L}\d])-\d/), "no hyphen-minus before a number")
        #expect(!md.contains(/\d\.\d/), "no decimal point")
        #expect(!md.contains(/\d,\d{3}(?!\d)\u{00A0}kr/), "no English grouping")
    }

    @Test("English report: report.md and report.html with English conventions")
    func english() throws {
        let written = try ReportFixture.write(language: .english)
        defer { try? FileManager.default.removeItem(at: written.folder) }
        #expect(FileManager.default.fileExists(atPath: written.folder.appendingPathComponent("report.md").path))
        #expect(FileManager.default.fileExists(atPath: written.folder.appendingPathComponent("report.html").path))
        let md = written.markdown
        #expect(md.contains("## Summary") && md.contains("## Per insats") && md.contains("## Method"))
        #expect(!md.contains("Sammanfattning"))
        #expect(md.contains(/\d,\d{3}\u{00A0}SEK/))
        #expect(md.contains(/\d\.\d\u{00A0}MSEK/))
        #expect(!md.contains("\u{00A0}kr"))
        #expect(written.html.contains("<html lang=\"en\">"))
        #expect(written.figures.keys.contains("sjobb-event-study.svg"))
    }

    @Test("No nan or inf anywhere: Markdown, HTML, figures")
    func noNonFinite() throws {
        for language in ReportLanguage.allCases {
            let written = try ReportFixture.write(language: language)
            defer { try? FileManager.default.removeItem(at: written.folder) }
            for text in written.all {
                #expect(!text.contains(/(?i)\b(nan|inf|infinity)\b/))
            }
        }
    }

    @Test("The HTML is self-contained: no requests, the summary table and inline SVG figures")
    func selfContainedHTML() throws {
        let written = try ReportFixture.write()
        defer { try? FileManager.default.removeItem(at: written.folder) }
        let html = written.html
        let withoutNamespace = html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(!withoutNamespace.contains("http:") && !withoutNamespace.contains("https:"))
        #expect(!html.contains("src=\"figures/") && !html.contains("<img") && !html.contains("<link"))
        #expect(html.contains("<th>Slutsats</th>"))
        #expect(html.contains("<td>Stockholmsjobb</td>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == written.figures.count)
        #expect(html.contains("<html lang=\"sv\">"))
        #expect(html.contains("th.num { white-space: normal; }"), "the report's table style")
    }

    @Test("Privacy: no value of the persons file's id column appears in the output")
    func noPersonIdentifiers() throws {
        let persons = try String(contentsOf: Fixtures.datasetURL("simulated-register/persons.csv"), encoding: .utf8)
        let ids = Set(persons.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ";").first.map(String.init) })
        #expect(ids.count == 5000)
        for language in ReportLanguage.allCases {
            let written = try ReportFixture.write(language: language)
            defer { try? FileManager.default.removeItem(at: written.folder) }
            for text in written.all {
                let numbers = Set(text.matches(of: /\d+/).map { String($0.output) })
                #expect(numbers.isDisjoint(with: ids))
            }
        }
    }

    @Test("The same evaluation gives the same bytes")
    func deterministic() throws {
        let report = EvaluationReport(ReportFixture.evaluation, language: .swedish, minCell: 5)
        let first = report.render(), second = report.render()
        #expect(first.markdown == second.markdown)
        #expect(first.figures == second.figures)
    }
}

/// `EFFEKT_REPORT_OUT=/some/folder swift test --filter ReportPreview` writes the Swedish and
/// English reports of the fixture there, to look at them (a browser, `rsvg-convert` for figures);
/// with `EFFEKT_REPORT_ALL=1` of all ten insatser of the simulated register (a minute or two).
@Suite("Evaluation report preview")
struct ReportPreview {
    static let folder = ProcessInfo.processInfo.environment["EFFEKT_REPORT_OUT"]

    @Test(.enabled(if: folder != nil)) func writePreview() throws {
        let folder = URL(fileURLWithPath: Self.folder!)
        var evaluation = ReportFixture.evaluation
        if ProcessInfo.processInfo.environment["EFFEKT_REPORT_ALL"] != nil {
            let specURL = Fixtures.datasetURL("simulated-register/spec.json")
            let tables = try RegisterTables.read(spec: DatasetSpec.load(specURL), base: specURL.deletingLastPathComponent(), threads: 2)
            evaluation = try Evaluation(register: try #require(Register.build(from: tables).register))
        }
        for language in ReportLanguage.allCases {
            try EvaluationReport(evaluation, language: language, minCell: 5).write(to: folder.appendingPathComponent(language.code))
        }
    }
}
