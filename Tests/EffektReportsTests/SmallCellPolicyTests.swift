import EffektReports
import Testing

@Suite struct SmallCellPolicyTests {
    let policy = SmallCellPolicy(language: .swedish)
    let sv = SwedishFormat()

    @Test func suppressesEverythingUnderMinCell() {
        #expect(policy.minCell == 5)
        for persons in [-1, 0, 1, 4] { #expect(policy.suppresses(persons: persons)) }
        for persons in [5, 6, 1_039] { #expect(!policy.suppresses(persons: persons)) }
        let strict = SmallCellPolicy(minCell: 10, language: .english)
        #expect(strict.suppresses(persons: 9) && !strict.suppresses(persons: 10))
        #expect(strict.footnote.text == "Fewer than 10 persons; not shown.")
    }

    @Test func countCellsCarryTheFootnoteOnlyWhenSuppressed() {
        #expect(policy.countCell(4, format: sv) == TableCell("–", footnote: policy.footnote))
        #expect(policy.countCell(0, format: sv) == TableCell("–", footnote: policy.footnote))
        #expect(policy.countCell(5, format: sv) == TableCell("5"))
        #expect(policy.countCell(1_039, format: sv) == TableCell("1\u{A0}039"))
        #expect(policy.footnote.text == "Färre än 5 personer; uppgiften redovisas inte.")
        #expect(policy.footnote.reference == "[^small]")
    }

    @Test func estimatesOnFewPersonsAreSuppressed() {
        let shown = policy.estimateCell(-4_512, persons: 120, unit: .kronor, format: sv)
        #expect(shown == TableCell("\u{2212}4\u{A0}510\u{A0}kr"))
        let hidden = policy.estimateCell(-4_512, persons: 3, unit: .kronor, format: sv)
        #expect(hidden.text == "–" && hidden.footnote == policy.footnote)
        let percent = policy.estimateCell(0.105, persons: 5, unit: .percent, format: EnglishFormat())
        #expect(percent == TableCell("10.5%"))
    }

    @Test func footnoteLabelsAreMadeSafe() {
        #expect(Footnote(id: "liten cell]", text: "x").id == "liten-cell-")
    }
}
