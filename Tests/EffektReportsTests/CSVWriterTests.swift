import EffektReports
import Foundation
import Testing

@Suite struct CSVWriterTests {
    @Test func quotesPerRFC4180WithNewlineLineEnds() {
        let csv = CSVWriter.international.render(
            header: ["insats", "n", "effekt"],
            rows: [
                ["Stockholmsjobb", 1039, -4512.5],
                [.text("Jobbtorg, \"Resurs\""), .integer(400), .number(0.1)],
                [.text("rad\nbrytning"), .missing, .number(.nan)],
                [.text("cr\r\nlf"), .integer(-3), .number(1e-7)],
            ])
        let expected = [
            "insats,n,effekt",
            "Stockholmsjobb,1039,-4512.5",
            #""Jobbtorg, ""Resurs""",400,0.1"#,
            "\"rad\nbrytning\",,",
            "\"cr\r\nlf\",-3,1e-7",
        ].map { $0 + "\n" }.joined()
        #expect(csv == expected)
    }

    @Test func swedishDialectUsesSemicolonAndDecimalComma() {
        let csv = CSVWriter.swedish.render(header: ["stadsdel", "kostnad; tkr", "andel"],
                                           rows: [["Spånga-Tensta", 152_836.25, 0.14], ["Skärholmen", .missing, 1.5e-7]])
        #expect(csv == "stadsdel;\"kostnad; tkr\";andel\nSpånga-Tensta;152836,25;0,14\nSkärholmen;;1,5e-7\n")
    }

    @Test func decimalCommaWithCommaSeparatorIsQuoted() {
        let csv = CSVWriter(separator: ",", decimalComma: true).render(header: ["x"], rows: [[2.5], [3]])
        #expect(csv == "x\n\"2,5\"\n3\n")
    }

    @Test func byteOrderMarkOnlyWhenAsked() throws {
        let writer = CSVWriter(separator: ";", decimalComma: true, byteOrderMark: true)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-csv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("t.csv")
        try writer.write(header: ["å"], rows: [[1]], to: url)
        #expect(try Data(contentsOf: url) == Data([0xEF, 0xBB, 0xBF]) + Data("å\n1\n".utf8))
        #expect(!CSVWriter.swedish.render(header: ["å"], rows: []).hasPrefix("\u{FEFF}"))
    }

    @Test func numbersRoundTripExactly() throws {
        let finite = SampleDoubles.finite(count: 2_000)
        for writer in [CSVWriter.international, CSVWriter.swedish] {
            let csv = writer.render(header: ["x"], rows: finite.map { [.number($0)] })
            let parsed = csv.split(separator: "\n").dropFirst().map { Double($0.replacingOccurrences(of: ",", with: ".")) }
            #expect(parsed == finite.map { $0 })
        }
    }
}
