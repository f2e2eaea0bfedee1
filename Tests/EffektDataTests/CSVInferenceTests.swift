import Foundation
import Testing
@testable import EffektData

@Suite struct CSVInferenceTests {
    @Test func integersRealsAndText() throws {
        let text = "id;kronor;stadsdel;kod\n1;4512,50;Bromma;7\n2;100;Kista;8\n3;-0,5;Bromma;9\n"
        let table = try CSVText.read(text)
        #expect(table.columns.map(\.type) == [.integer, .real, .categorical, .integer])
        #expect(try table.column(named: "id", as: IntegerColumn.self).values == [1, 2, 3])
        #expect(try table.column(named: "kronor", as: RealColumn.self).values == [4512.5, 100, -0.5])
        let district = try table.column(named: "stadsdel", as: CategoricalColumn.self)
        #expect(district.levels == ["Bromma", "Kista"])
        #expect(district.codes == [0, 1, 0])
    }

    @Test func levelsAreInOrderOfFirstAppearance() throws {
        let table = try CSVText.read("x\nb\na\nb\nc\na\n")
        let column = try table.column(named: "x", as: CategoricalColumn.self)
        #expect(column.levels == ["b", "a", "c"])
        #expect(column.codes == [0, 1, 0, 2, 1])
    }

    @Test func integersTurnRealWithMissingValuesKept() throws {
        let table = try CSVText.read("n\n1\nNA\n3\n2.5\n\n.\n7\n", CSVOptions(delimiter: UInt8(ascii: ",")))
        let column = try table.column(named: "n", as: RealColumn.self)
        #expect(column.missing.missingRows == [1, 4])
        #expect(column.missing.missingCount == 2)
        #expect(table.rowCount == 6)
        #expect(column.values[0] == 1 && column.values[2] == 3 && column.values[3] == 2.5 && column.values[5] == 7)
        #expect(column.values[1].isNaN && column.values[4].isNaN)
    }

    @Test func numbersThenTextBecomeCategoricalWithTheNumbersAsLevels() throws {
        let table = try CSVText.read("kod;n\n10;1\n20;2\n;3\nX1;4\n10;5\n")
        let column = try table.column(named: "kod", as: CategoricalColumn.self)
        #expect(column.levels == ["10", "20", "X1"])
        #expect(column.codes == [0, 1, -1, 2, 0])
        #expect(column.missing.missingRows == [2])
    }

    @Test func textAfterOnlyMissingValues() throws {
        let table = try CSVText.read("kod;n\n;1\nNA;2\nabc;3\n")
        let column = try table.column(named: "kod", as: CategoricalColumn.self)
        #expect(column.levels == ["abc"])
        #expect(column.codes == [-1, -1, 0])
    }

    @Test func allMissingIsAnIntegerColumnWithEverythingMissing() throws {
        let table = try CSVText.read("a;b\n1;\n2;NA\n")
        let column = try table.column(named: "b", as: IntegerColumn.self)
        #expect(column.missing.missingCount == 2)
    }

    @Test func configurableMissingValues() throws {
        let table = try CSVText.read("n;t\n-99;x\n5;saknas\n", CSVOptions(missing: ["-99", "saknas"]))
        #expect(try table.column(named: "n", as: IntegerColumn.self).missing.missingRows == [0])
        #expect(try CSVText.strings(table, "t") == ["x", nil])
        let noDefaults = try CSVText.read("t;n\nNA;1\n", CSVOptions(missing: []))
        #expect(try CSVText.strings(noDefaults, "t") == ["NA"])
    }

    @Test func emptyIsNotMissingWhenNotListed() {
        let error = CSVText.error("a;n\n1;\n", CSVOptions(missing: ["NA"], columnTypes: ["n": .integer]))
        #expect(error?.message == "expected an integer in column \"n\", found \"\"")
    }

    @Test func decimalCommaIsDetected() throws {
        #expect(try CSVText.read("a;b\n1;2,5\n").columns[1] == .real(RealColumn(values: [2.5], missing: MissingMask(noneMissingOf: 1))))
        #expect(try CSVText.read("a\tb\n1\t2,5\n").columns[1].type == .real)
        #expect(try CSVText.read("a;b\n1;2.5\n3;4.25\n").columns[1] == .real(RealColumn(values: [2.5, 4.25], missing: MissingMask(noneMissingOf: 2))))
        #expect(try CSVText.read("a,b\n1,\"2,5\"\n").columns[1].type == .categorical)
        let given = try CSVText.read("a,b\n1,\"2,5\"\n", CSVOptions(decimalComma: true))
        #expect(try given.column(named: "b", as: RealColumn.self).values == [2.5])
    }

    @Test func spacesAroundValuesAreIgnored() throws {
        let table = try CSVText.read("a ; b ; c\n 1 ; 2,5 ; x \n")
        #expect(table.names == ["a", "b", "c"])
        #expect(try table.column(named: "a", as: IntegerColumn.self).values == [1])
        #expect(try table.column(named: "b", as: RealColumn.self).values == [2.5])
        #expect(try CSVText.strings(table, "c") == ["x"])
    }

    @Test func selectedColumnsOnly() throws {
        let table = try CSVText.read("a;b;c\n1;\"x;y\";3\n4;z;6\n", CSVOptions(selectedColumns: ["c", "a"]))
        #expect(table.names == ["a", "c"])
        #expect(try table.column(named: "c", as: IntegerColumn.self).values == [3, 6])
        #expect(CSVText.error("a;b\n1;2\n", CSVOptions(selectedColumns: ["x"]))?.message == "column \"x\" is selected but the file does not have it")
    }

    @Test func declaredTypesWin() throws {
        let table = try CSVText.read("kod;n\n1;2\n2;3\n", CSVOptions(columnTypes: ["kod": .categorical, "n": .real]))
        #expect(try CSVText.strings(table, "kod") == ["1", "2"])
        #expect(try table.column(named: "n", as: RealColumn.self).values == [2, 3])
    }
}
