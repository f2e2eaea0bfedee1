import Foundation
import Testing
@testable import EffektData

/// Shared by the CSV test suites: reading CSV text held in a string.
enum CSVText {
    static func read(_ text: String, _ options: CSVOptions = CSVOptions(), name: String = "test.csv") throws -> Table {
        try CSVReader.read(data: Data(text.utf8), name: name, options: options)
    }

    static func read(bytes: [UInt8], _ options: CSVOptions = CSVOptions(), name: String = "test.csv") throws -> Table {
        try CSVReader.read(data: Data(bytes), name: name, options: options)
    }

    /// The `DataError` reading `text` throws (nil when it reads fine, so `#expect` shows it).
    static func error(_ text: String, _ options: CSVOptions = CSVOptions(), name: String = "test.csv") -> DataError? {
        error(bytes: Array(text.utf8), options, name: name)
    }

    static func error(bytes: [UInt8], _ options: CSVOptions = CSVOptions(), name: String = "test.csv") -> DataError? {
        do {
            _ = try read(bytes: bytes, options, name: name)
            return nil
        } catch let error as DataError {
            return error
        } catch {
            Issue.record("not a DataError: \(error)")
            return nil
        }
    }

    static func strings(_ table: Table, _ name: String) throws -> [String?] {
        let column = try table.column(named: name, as: CategoricalColumn.self)
        return (0..<table.rowCount).map { column[$0] }
    }
}

@Suite struct CSVQuotingTests {
    @Test func everyQuotingCase() throws {
        let text = "id,text,n\r\n"
            + "1,plain,10\r\n"
            + "2,\"quoted, with comma\",20\r\n"
            + "3,\"doubled \"\"quotes\"\" inside\",30\n"
            + "4,\"line one\nline two\r\nline three\",40\n"
            + "5,\"\",50\n"
            + "6,,60\n"
            + "7,unquoted \"quote\" kept,70\n"
            + "8,\"\"\"\",80\n"
            + "9,\"ends the file\",90"
        let table = try CSVText.read(text, CSVOptions(columnTypes: ["text": .categorical]))
        #expect(table.rowCount == 9)
        #expect(try table.column(named: "id", as: IntegerColumn.self).values == Array(1...9))
        #expect(try table.column(named: "n", as: IntegerColumn.self).values == (1...9).map { Int64($0 * 10) })
        #expect(try CSVText.strings(table, "text") == [
            "plain", "quoted, with comma", "doubled \"quotes\" inside", "line one\nline two\r\nline three",
            nil, nil, "unquoted \"quote\" kept", "\"", "ends the file",
        ])
        // Row 4 spans lines 5–7, so later rows are two lines further down.
        #expect((0..<9).map(table.line(ofRow:)) == [2, 3, 4, 5, 8, 9, 10, 11, 12])
    }

    @Test func longFieldsAreScannedPastTheFirst64Bytes() throws {
        let long = String(repeating: "lång text, ", count: 20)                 // 240 characters
        let value = long + "\"citat\"\n" + long + "\r\nslut"
        let text = "id;text;n\n1;\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\";2\n2;" + long + ";3\n3;x;4"
        let table = try CSVText.read(text, CSVOptions(columnTypes: ["text": .categorical]))
        #expect(try CSVText.strings(table, "text") == [value, long.trimmingCharacters(in: .whitespaces), "x"])
        #expect(try table.column(named: "n", as: IntegerColumn.self).values == [2, 3, 4])
        #expect((0..<3).map(table.line(ofRow:)) == [2, 5, 6])
    }

    @Test func finalLineWithAndWithoutNewline() throws {
        for ending in ["", "\n", "\r\n", "\n\n"] {
            let table = try CSVText.read("a;b\n1;2\n3;4" + ending)
            #expect(table.rowCount == 2)
            #expect(try table.column(named: "b", as: IntegerColumn.self).values == [2, 4])
        }
    }

    @Test func emptyLinesAreSkippedAndLinesStillCounted() throws {
        let table = try CSVText.read("\n\na,b\n1,2\n\n\r\n3,4\n")
        #expect(table.rowCount == 2)
        #expect(table.line(ofRow: 0) == 4)
        #expect(table.line(ofRow: 1) == 7)
    }

    @Test func delimiterIsDetectedFromTheHeaderOutsideQuotes() throws {
        #expect(try CSVText.read("a;b\n1;2\n").names == ["a", "b"])
        #expect(try CSVText.read("a\tb\tc\n1\t2\t3\n").names == ["a", "b", "c"])
        #expect(try CSVText.read("a,b\n1,2\n").names == ["a", "b"])
        #expect(try CSVText.read("\"x;y\",b\n1,2\n").names == ["x;y", "b"])
        #expect(try CSVText.read("a|b\n1|2\n", CSVOptions(delimiter: UInt8(ascii: "|"))).names == ["a", "b"])
    }

    @Test func headerOnlyGivesAnEmptyTable() throws {
        let table = try CSVText.read("id;kronor;month\n", CSVOptions(columnTypes: ["month": .month]))
        #expect(table.rowCount == 0)
        #expect(table.names == ["id", "kronor", "month"])
        #expect(table.columns.map(\.type) == [.integer, .integer, .month])
        #expect(table.columns.allSatisfy { $0.count == 0 })
    }

    @Test func withoutHeaderColumnsAreNumbered() throws {
        let table = try CSVText.read("1;x\n2;y\n", CSVOptions(hasHeader: false))
        #expect(table.names == ["V1", "V2"])
        #expect(table.rowCount == 2)
        #expect(try CSVText.strings(table, "V2") == ["x", "y"])
        #expect(table.line(ofRow: 0) == 1)
    }

    @Test func headerNamesAreTrimmedAndMayBeQuoted() throws {
        let table = try CSVText.read(" id ; \"belopp (kr)\" \n1;2\n")
        #expect(table.names == ["id", "belopp (kr)"])
    }
}
