import EffektNumerics
import Foundation
import Testing
@testable import EffektData

@Suite struct CSVParallelTests {
    func options(threads: Int, chunk: Int = 2048, types: [String: ColumnType] = ["month": .month, "start": .date]) -> CSVOptions {
        var options = CSVOptions(columnTypes: types, threads: threads)
        options.minimumChunkBytes = chunk
        return options
    }

    /// A file of a few hundred kilobytes with everything that makes splitting hard: quoted
    /// fields with line breaks and delimiters, CRLF, empty lines, a column that turns real late,
    /// one that turns text late, missing values. Also the line each row starts on.
    func awkwardFile(rows: Int, seed: UInt64) -> (text: String, lines: [Int]) {
        var generator = RandomStream(seed: seed)
        var text = "id;month;start;kronor;late_real;late_text;note\r\n"
        var lines: [Int] = []
        var line = 2
        for row in 0..<rows {
            lines.append(line)
            let note: String
            switch Int.random(in: 0..<6, using: &generator) {
            case 0: note = "\"rad \(row)\nfortsätter; här\r\nslut\""
            case 1: note = "\"citat \"\"\(row)\"\"\""
            case 2: note = ""
            case 3: note = "Skärholmen"
            default: note = "n\(row % 37)"
            }
            let lateReal = row > rows * 3 / 4 && row % 5 == 0 ? "\(row),25" : "\(row)"
            let lateText = row == rows * 2 / 3 ? "X\(row)" : (row % 11 == 0 ? "NA" : "\(row % 13)")
            let kronor = row % 17 == 0 ? "" : "\(Int.random(in: -999...99999, using: &generator)),\(Int.random(in: 10...99, using: &generator))"
            text += "\(row);20\(10 + row % 10)-0\(1 + row % 9);2019-03-\(10 + row % 18);\(kronor);\(lateReal);\(lateText);\(note)"
            text += row % 3 == 0 ? "\r\n" : "\n"
            line += note.hasPrefix("\"rad") ? 3 : 1
            if row % 97 == 0 {
                text += "\n"
                line += 1
            }
        }
        return (text, lines)
    }

    @Test func threadCountDoesNotChangeTheTable() throws {
        let (text, lines) = awkwardFile(rows: 6000, seed: 1)
        let single = try CSVText.read(text, options(threads: 1))
        #expect(single.rowCount == 6000)
        #expect(single.columns.map(\.type) == [.integer, .month, .date, .real, .real, .categorical, .categorical])
        for threads in [2, 3, 8] {
            let parallel = try CSVText.read(text, options(threads: threads))
            #expect(parallel == single, "\(threads) threads")
            #expect((0..<single.rowCount).allSatisfy { parallel.line(ofRow: $0) == single.line(ofRow: $0) })
        }
        #expect((0..<single.rowCount).map(single.line(ofRow:)) == lines)
    }

    @Test func strayQuotesMisleadTheSplitButNotTheResult() throws {
        var text = "id;text\n"
        for row in 0..<20_000 { text += row % 50 == 0 ? "\(row);5\" skärm\n" : "\(row);\"q\nq\"\n" }
        let single = try CSVText.read(text, options(threads: 1, types: [:]))
        for threads in [2, 5] { #expect(try CSVText.read(text, options(threads: threads, chunk: 1000, types: [:])) == single) }
        #expect(try CSVText.strings(single, "text")[0] == "5\" skärm")
    }

    @Test func theFirstErrorIsReportedWhateverTheThreadCount() {
        var text = "id;kronor\n"
        for row in 0..<30_000 { text += "\(row);\(row),5\n" }
        text += "x;1\n1;2;3\n"
        let expected = "test.csv:30002:1: expected an integer in column \"id\", found \"x\""
        for threads in [1, 2, 4] {
            let options = options(threads: threads, types: ["id": .integer])
            #expect(CSVText.error(text, options)?.description == expected)
        }
    }

    @Test func memoryMappedFileReadsTheSameAsData() throws {
        let text = awkwardFile(rows: 3000, seed: 2).text
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-parallel-\(UUID()).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let mapped = try CSVReader.read(url, options: options(threads: 2))
        let table = try CSVText.read(text, options(threads: 2), name: url.lastPathComponent)
        #expect(mapped == table)
    }
}
