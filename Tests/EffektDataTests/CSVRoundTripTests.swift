import EffektNumerics
import Foundation
import Testing
@testable import EffektData

/// Random tables written as CSV in many dialects and read back must come back equal.
@Suite struct CSVRoundTripTests {
    struct Dialect: CustomStringConvertible {
        var delimiter: Character
        var decimalComma: Bool
        var crlf: Bool
        var quoteAll: Bool
        var encoding: CSVEncoding
        var description: String { "\(delimiter == "\t" ? "tab" : String(delimiter)) comma:\(decimalComma) crlf:\(crlf) quoteAll:\(quoteAll) \(encoding)" }
    }

    static let alphabet = Array("abcxyzåäöÅÄÖé€ ,;\t\"'\n\r-.0123456789")

    @Test(arguments: 0..<24)
    func randomTablesComeBackEqual(seed: Int) throws {
        var generator = RandomStream(seed: UInt64(seed) &* 7919 &+ 1)
        let delimiter = [",", ";", "\t"].randomElement(using: &generator)!
        let dialect = Dialect(delimiter: Character(delimiter), decimalComma: delimiter != "," && Bool.random(using: &generator),
                              crlf: Bool.random(using: &generator), quoteAll: Bool.random(using: &generator),
                              encoding: Bool.random(using: &generator) ? .utf8 : .windows1252)
        let rows = Int.random(in: 0...400, using: &generator)
        var ints: [Int64?] = [], reals: [Double?] = [], texts: [String?] = [], months: [Int32?] = [], days: [Int32?] = []
        func maybe<T>(_ value: T) -> T? { Int.random(in: 0..<8, using: &generator) == 0 ? nil : value }
        for _ in 0..<rows {
            ints.append(maybe(Int64.random(in: .min ... .max, using: &generator) >> Int64.random(in: 0...63, using: &generator)))
            let magnitude = Double.random(in: -1...1, using: &generator) * pow(10, Double(Int.random(in: -12...12, using: &generator)))
            reals.append(maybe(magnitude))
            let length = Int.random(in: 1...12, using: &generator)
            texts.append(maybe(String((0..<length).map { _ in Self.alphabet.randomElement(using: &generator)! })))
            months.append(maybe(CalendarCode.month(year: Int.random(in: 1900...2100, using: &generator), month: Int.random(in: 1...12, using: &generator))))
            days.append(maybe(Int32.random(in: -20_000...40_000, using: &generator)))
        }
        let text = write(ints: ints, reals: reals, texts: texts, months: months, days: days, dialect: dialect, generator: &generator)
        let bytes = dialect.encoding == .utf8 ? Array(text.utf8) : text.unicodeScalars.map { scalar -> UInt8 in
            scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) ? UInt8(scalar.value) : 0x80    // only € is above 0xFF
        }
        let options = CSVOptions(decimalComma: dialect.decimalComma, encoding: dialect.encoding,
                                 columnTypes: ["int": .integer, "real": .real, "text": .categorical, "month": .month, "day": .date],
                                 threads: Int.random(in: 1...3, using: &generator))
        let table = try CSVText.read(bytes: bytes, options)
        #expect(table.rowCount == rows, "\(dialect)")
        let intColumn = try table.column(named: "int", as: IntegerColumn.self)
        let realColumn = try table.column(named: "real", as: RealColumn.self)
        let textColumn = try table.column(named: "text", as: CategoricalColumn.self)
        let monthColumn = try table.column(named: "month", as: MonthColumn.self)
        let dayColumn = try table.column(named: "day", as: DateColumn.self)
        for row in 0..<rows {
            #expect((intColumn.missing[row] ? nil : intColumn.values[row]) == ints[row], "\(dialect) row \(row)")
            #expect((realColumn.missing[row] ? nil : realColumn.values[row]) == reals[row], "\(dialect) row \(row)")
            #expect(textColumn[row] == texts[row].flatMap(trimmed), "\(dialect) row \(row)")
            #expect((monthColumn.missing[row] ? nil : monthColumn.values[row]) == months[row], "\(dialect) row \(row)")
            #expect((dayColumn.missing[row] ? nil : dayColumn.values[row]) == days[row], "\(dialect) row \(row)")
        }
    }

    /// What the reader makes of a text value: spaces around it are dropped, and a value that
    /// is then empty (or a missing-value token) reads as missing.
    func trimmed(_ text: String) -> String? {
        let inner = String(text.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
        return ["", "NA", "."].contains(inner) ? nil : inner
    }

    func write(ints: [Int64?], reals: [Double?], texts: [String?], months: [Int32?], days: [Int32?],
               dialect: Dialect, generator: inout RandomStream) -> String {
        let newline = dialect.crlf ? "\r\n" : "\n"
        let separator = String(dialect.delimiter)
        func field(_ value: String) -> String {
            let needsQuotes = value.contains(dialect.delimiter) || value.contains("\"") || value.contains("\n") || value.contains("\r")
                || value.hasPrefix(" ")
            return needsQuotes || dialect.quoteAll ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        var text = ["int", "real", "text", "month", "day"].map(field).joined(separator: separator) + newline
        for row in ints.indices {
            let real = reals[row].map { value in dialect.decimalComma ? "\(value)".replacingOccurrences(of: ".", with: ",") : "\(value)" }
            let month = months[row].map { code in
                let (year, month) = CalendarCode.yearMonth(code)
                return [String(format: "%04d-%02d", year, month), String(format: "%04d%02d", year, month),
                        String(format: "%04d/%02d", year, month)].randomElement(using: &generator)!
            }
            let day = days[row].map { code in
                let (year, month, day) = CalendarCode.yearMonthDay(code)
                return Bool.random(using: &generator) ? String(format: "%04d-%02d-%02d", year, month, day) : String(format: "%04d%02d%02d", year, month, day)
            }
            let missing = ["", "NA", "."].randomElement(using: &generator)!
            let fields = [ints[row].map { "\($0)" }, real, texts[row], month, day].map { $0 ?? missing }
            text += fields.map(field).joined(separator: separator) + newline
        }
        return text
    }
}
