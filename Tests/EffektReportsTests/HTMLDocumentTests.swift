@testable import EffektReports
import Foundation
import Testing

@Suite struct HTMLDocumentTests {
    /// A folder with the images `sampleMarkdown()` embeds (a new temporary one unless given),
    /// removed by the caller.
    static func folderWithCharts(_ given: URL? = nil) throws -> URL {
        let folder = given ?? FileManager.default.temporaryDirectory.appendingPathComponent("effekt-html-\(UUID().uuidString)")
        try ChartSamples.eventStudy(.swedish).write(to: folder.appendingPathComponent("figurer/event.svg"))
        try ChartSamples.cumulative(.swedish).write(to: folder.appendingPathComponent("figurer/kumulativ.svg"))
        try AtomicFile.write(Data(base64Encoded: onePixelPNG)!, to: folder.appendingPathComponent("logo.png"))
        return folder
    }

    static let onePixelPNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

    static func sampleMarkdown() -> String {
        let sv = SwedishFormat()
        let policy = SmallCellPolicy(language: .swedish)
        let table = MarkdownTable(
            columns: [.init("Insats"), .init("Deltagare", alignment: .right), .init("Besparing per deltagare, 12 mån", alignment: .right)],
            rows: [
                ["Stockholmsjobb", policy.countCell(1_039, format: sv), policy.estimateCell(21_480, persons: 1_039, unit: .kronor, format: sv)],
                ["Krami", policy.countCell(4, format: sv), policy.estimateCell(9_000, persons: 4, unit: .kronor, format: sv)],
            ])
        return """
            # Effekter av Jobbtorgs insatser 2019

            Rapporten visar **minskat försörjningsstöd** per deltagare jämfört med en *matchad* jämförelsegrupp.
            Variabeln antal_manader_fbs används i matchningen.

            ## Sammanfattning

            - Stockholmsjobb minskade kostnaderna med \(sv.range(11_800, 31_200, unit: .kronor)) per deltagare.
            - Arbetsträning har betalat sig efter 24 månader.[^kalkyl]
              Osäkerheten är stor.

            \(table.render())
            [^kalkyl]: Kostnaden per deltagare är 50 000 kr enligt budget 2019.

            ## Figurer

            ![Effekt per månad](figurer/event.svg)

            ![Kumulativ effekt](figurer/kumulativ.svg)

            ![Logotyp](logo.png)

            ### Tabell igen

            \(table.render())
            """
    }

    @Test func buildsOneSelfContainedPage() throws {
        let folder = try Self.folderWithCharts()
        defer { try? FileManager.default.removeItem(at: folder) }
        let document = HTMLDocument(markdown: Self.sampleMarkdown(), title: "Effekter 2019", language: .swedish, resourceFolder: folder)
        let html = try document.render()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"sv\">"))
        #expect(html.contains("<title>Effekter 2019</title>") && html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<h1>Effekter av Jobbtorgs insatser 2019</h1>") && html.contains("<h2>Sammanfattning</h2>"))
        #expect(html.contains("<strong>minskat försörjningsstöd</strong>") && html.contains("<em>matchad</em>"))
        #expect(html.contains("antal_manader_fbs"))
        #expect(html.contains("<li>Arbetsträning har betalat sig efter 24 månader.<sup class=\"fnref\"><a href=\"#fn-1\">1</a></sup> Osäkerheten är stor.</li>"))
        #expect(html.components(separatedBy: "<table>").count == 3)
        #expect(html.contains("<th class=\"num\">Deltagare</th>") && html.contains("<td class=\"num\">1\u{A0}039</td>"))
        #expect(html.contains("<td class=\"num\">–<sup class=\"fnref\"><a href=\"#fn-2\">2</a></sup></td>"))
        #expect(html.components(separatedBy: "<svg ").count == 3)
        #expect(!html.contains("<?xml"))
        #expect(html.contains("<img alt=\"Logotyp\" src=\"data:image/png;base64,\(Self.onePixelPNG)\">"))
        // The footnotes: each once, numbered in reading order, though "small" is defined under both tables.
        #expect(html.contains("<li id=\"fn-1\">Kostnaden per deltagare är 50 000 kr enligt budget 2019.</li>"))
        #expect(html.contains("<li id=\"fn-2\">Färre än 5 personer; uppgiften redovisas inte.</li>"))
        #expect(!html.contains("fn-3") && !html.contains("[^"))
        // Nothing is fetched: the only URLs are the SVG namespace.
        #expect(html.components(separatedBy: "http").count - 1 == html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
        #expect(!html.contains("src=\"http") && !html.contains("@import") && !html.contains("url("))
        #expect(try document.render() == html)
    }

    @Test func printStyleIsPresent() throws {
        let html = try HTMLDocument(markdown: "# T\n\n## A\n\ntext", title: "T", language: .english, resourceFolder: URL(fileURLWithPath: "/")).render()
        #expect(html.contains("<html lang=\"en\">"))
        for rule in ["@page { size: A4;", "@media print", "h2 { break-before: page;", "h1 + h2 { break-before: auto;",
                     "thead { display: table-header-group; }", "break-inside: avoid"] {
            #expect(html.contains(rule), "missing \(rule)")
        }
    }

    @Test func refusesNetworkAndMissingImages() throws {
        let folder = URL(fileURLWithPath: "/nonexistent-effekt")
        #expect(throws: ReportError.externalResource("https://example.org/a.svg")) {
            try HTMLDocument(markdown: "![x](https://example.org/a.svg)", title: "t", language: .swedish, resourceFolder: folder).render()
        }
        #expect(throws: ReportError.missingImage(path: "a.svg")) {
            try HTMLDocument(markdown: "![x](a.svg)", title: "t", language: .swedish, resourceFolder: folder).render()
        }
    }

    @Test func escapesTextAndKeepsUnknownFootnotesLiteral() throws {
        let html = try HTMLDocument(markdown: "a < b & *c* [^saknas] 2 * 3", title: "<t>", language: .swedish,
                                    resourceFolder: URL(fileURLWithPath: "/")).render()
        #expect(html.contains("<p>a &lt; b &amp; <em>c</em> [^saknas] 2 * 3</p>"))
        #expect(html.contains("<title>&lt;t&gt;</title>"))
        #expect(!html.contains("class=\"footnotes\""))
    }

    @Test func parsesTheBlockSubset() {
        let blocks = MarkdownBlock.parse("""
            ### Rubrik ###
            rad ett
            rad två
            * punkt
            - punkt två
            | a | b \\| c |
            |---|--:|
            | 1 | 2 |
            text efter
            """)
        #expect(blocks == [
            .heading(level: 3, text: "Rubrik"),
            .paragraph("rad ett rad två"),
            .bulletList(["punkt", "punkt två"]),
            .table(header: ["a", "b | c"], alignments: [.left, .right], rows: [["1", "2"]]),
            .paragraph("text efter"),
        ])
    }
}
