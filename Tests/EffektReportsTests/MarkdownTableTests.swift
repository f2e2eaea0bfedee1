import EffektReports
import Testing

@Suite struct MarkdownTableTests {
    @Test func alignsColumnsAndDefinesFootnotesBelow() {
        let policy = SmallCellPolicy(language: .swedish)
        let sv = SwedishFormat()
        let table = MarkdownTable(
            columns: [.init("Insats"), .init("Deltagare", alignment: .right), .init("Effekt, kr", alignment: .right)],
            rows: [
                ["Stockholmsjobb", policy.countCell(1_039, format: sv), policy.estimateCell(-4_512, persons: 1_039, unit: .kronor, format: sv)],
                ["Krami", policy.countCell(3, format: sv), policy.estimateCell(-800, persons: 3, unit: .kronor, format: sv)],
                ["A | B", "12", TableCell("0", footnote: Footnote(id: "ref", text: "Referensmånad."))],
            ])
        let expected = """
            | Insats         | Deltagare | Effekt, kr |
            |:---------------|----------:|-----------:|
            | Stockholmsjobb |     1\u{A0}039 |  \u{2212}4\u{A0}510\u{A0}kr |
            | Krami          | –[^small] |  –[^small] |
            | A \\| B         |        12 |    0[^ref] |

            [^small]: Färre än 5 personer; uppgiften redovisas inte.
            [^ref]: Referensmånad.

            """
        #expect(table.render() == expected)
        #expect(table.footnotes.map(\.id) == ["small", "ref"])
    }

    @Test func emptyTableHasHeaderAndRule() {
        let table = MarkdownTable(columns: [.init("a"), .init("b", alignment: .right)], rows: [])
        #expect(table.render() == "| a   |   b |\n|:----|----:|\n")
    }
}
