import Foundation
import Testing
@testable import EffektData

@Suite struct CSVErrorTests {
    @Test func raggedRowWithTooFewFields() {
        let error = CSVText.error("a;b;c\n1;2;3\n4;5\n6;7;8\n", name: "p.csv")
        #expect(error?.description == "p.csv:3:3: expected 3 fields, found 2 (the delimiter ';' was detected from the header; pass delimiter if it is another)")
    }

    @Test func raggedRowWithTooManyFields() {
        let error = CSVText.error("a,b\n1,2\n3,4,5,6\n", CSVOptions(delimiter: UInt8(ascii: ",")), name: "p.csv")
        #expect(error?.description == "p.csv:3:3: expected 2 fields, found 4")
    }

    @Test func unterminatedQuoteIsReportedWhereItOpened() {
        let error = CSVText.error("id,note,n\n1,ok,2\n3,\"never closed,4\n5,x,6\n7,y,8\n")
        #expect(error?.line == 3)
        #expect(error?.column == 2)
        #expect(error?.message == "a quoted field starts here and is never closed")
    }

    @Test func textAfterAClosingQuote() {
        let error = CSVText.error("a,b\n\"x\"y,2\n")
        #expect(error?.line == 2)
        #expect(error?.column == 1)
        #expect(error?.message == "expected a delimiter or a line end after the closing quote, found \"y\"")
    }

    @Test func emptyFile() throws {
        #expect(CSVText.error("")?.description == "test.csv: the file is empty (expected a header line and records)")
        #expect(CSVText.error("\n\r\n\n")?.message == "the file is empty")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-empty-\(UUID()).csv")
        try Data().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: DataError(file: url.lastPathComponent, message: "the file is empty", hint: "expected a header line and records")) {
            try CSVReader.read(url)
        }
    }

    @Test func headerOnlyIsAValidEmptyTable() throws {
        let table = try CSVText.read("id;kronor\r\n")
        #expect(table.rowCount == 0 && table.names == ["id", "kronor"])
    }

    @Test func missingRequiredColumnIsNamedWithWhatIsThere() {
        let error = CSVText.error("id;month;belopp\n1;2019-03;5\n", CSVOptions(requiredColumns: ["id", "kronor"]), name: "payments.csv")
        #expect(error?.description == "payments.csv:1: missing required column \"kronor\" (the header has \"id\", \"month\", \"belopp\")")
        let typed = CSVText.error("id\n1\n", CSVOptions(columnTypes: ["month": .month]))
        #expect(typed?.message == "a type is given for column \"month\", which the file does not have")
    }

    @Test func nonNumericValueInANumericColumn() {
        var text = "id;month;kronor\n"
        for row in 1..<18233 { text += "\(row);2019-03;\(row),50\n" }   // lines 2…18233
        text += "18233;2019-03;12 3a4\n"                                  // line 18234
        let error = CSVText.error(text, CSVOptions(columnTypes: ["kronor": .real]), name: "payments.csv")
        #expect(error?.description == "payments.csv:18234:3: expected a number in column \"kronor\", found \"12 3a4\"")
    }

    @Test func numbersInTheWrongFormatGetAHint() {
        let comma = CSVText.error("id,kronor\n1,\"12,5\"\n", CSVOptions(columnTypes: ["kronor": .real]))
        #expect(comma?.hint == "numbers are read with a decimal point; pass decimalComma: true to read 12,5")
        let grouped = CSVText.error("id;kronor\n1;1 234,5\n", CSVOptions(columnTypes: ["kronor": .real]))
        #expect(grouped?.hint == "pass thousandsSeparator: .space to read digit groups like 1 234")
        let decimal = CSVText.error("id;n\n1;2,5\n", CSVOptions(columnTypes: ["n": .integer]))
        #expect(decimal?.hint == "the column is declared integer; declare it real to read decimals")
        let overflow = CSVText.error("id\n99999999999999999999\n", CSVOptions(columnTypes: ["id": .integer]))
        #expect(overflow?.message == "expected an integer in column \"id\", found \"99999999999999999999\"")
    }

    @Test func badMonthAndBadDate() {
        let month = CSVText.error("id;month\n1;2019-03\n2;2019-13\n", CSVOptions(columnTypes: ["month": .month]), name: "payments.csv")
        #expect(month?.description == "payments.csv:3:2: expected a month (YYYY-MM, YYYYMM, YYYY/MM or YYYY-MM-DD) in column \"month\", found \"2019-13\"")
        let date = CSVText.error("id;start\n1;2019-02-29\n", CSVOptions(columnTypes: ["start": .date]))
        #expect(date?.message == "expected a date (YYYY-MM-DD or YYYYMMDD) in column \"start\", found \"2019-02-29\"")
    }

    @Test func duplicateAndEmptyHeaderNames() {
        #expect(CSVText.error("id;kronor;id\n1;2;3\n")?.description == "test.csv:1:3: duplicate column name \"id\" (fields 1 and 3)")
        let trailing = CSVText.error("id;kronor;\n1;2;\n")
        #expect(trailing?.message == "header field 3 is empty; every column needs a name")
        #expect(trailing?.hint == "a delimiter at the end of each line makes an extra, unnamed column")
    }

    @Test func nulBytesMeanABinaryFile() {
        let message = "expected text, found a NUL byte; this looks like a binary file, not CSV"
        let inNumber = CSVText.error(bytes: Array("a;b\n1;2\n3;4".utf8) + [0, 0x37] + Array("\n".utf8))
        #expect(inNumber?.line == 3 && inNumber?.column == 2 && inNumber?.message == message)
        let inText = CSVText.error(bytes: Array("a;b\n1;x\n2;y".utf8) + [0] + Array("z\n".utf8))
        #expect(inText?.line == 3 && inText?.column == 2 && inText?.message == message)
        let inHeader = CSVText.error(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D])
        #expect(inHeader?.message == message)
    }

    @Test func longValuesAreCutInMessages() {
        let long = String(repeating: "x", count: 100)
        let error = CSVText.error("n\n\(long)\n", CSVOptions(columnTypes: ["n": .real]))
        #expect(error?.message == "expected a number in column \"n\", found \"\(String(repeating: "x", count: 40))…\"")
    }

    @Test func columnLookupNamesTheColumnsThereAre() throws {
        let table = try CSVText.read("id;kronor\n1;2,5\n", name: "payments.csv")
        #expect(throws: DataError(file: "payments.csv", message: "no column named \"belopp\"", hint: "the columns are \"id\", \"kronor\"")) {
            try table.column(named: "belopp")
        }
        #expect(throws: DataError(file: "payments.csv", message: "column \"kronor\" is real, expected integer")) {
            try table.column(named: "kronor", as: IntegerColumn.self)
        }
        #expect(table["kronor"]?.type == .real)
        #expect(table["belopp"] == nil)
    }

    @Test func unusableDelimiter() {
        #expect(CSVText.error("a\"b\n", CSVOptions(delimiter: UInt8(ascii: "\"")))?.message == "cannot use byte 34 as the delimiter")
    }
}
