import EffektNumerics
import Foundation
import Testing
@testable import EffektData

@Suite struct CSVNumberParsingTests {
    let point = NumberFormat(decimalComma: false, thousands: .none, encoding: .utf8)
    let comma = NumberFormat(decimalComma: true, thousands: .none, encoding: .utf8)

    func real(_ text: String, _ format: NumberFormat) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { format.real($0) }
    }

    func integer(_ text: String, _ format: NumberFormat) -> Int64? {
        Array(text.utf8).withUnsafeBufferPointer { format.integer($0) }
    }

    func strtodBits(_ text: String) -> UInt64 { strtod(text, nil).bitPattern }

    @Test func ordinaryInputsAreRoundedLikeStrtod() {
        let inputs = ["4512.50", "4512.5", "1e-3", "-0.1", "0.1", "0.3", "2.675", "123456789012345678", "9007199254740993",
                      "1.7976931348623157e308", "2.2250738585072014e-308", "4.9e-324", "0.000001234", "12345678901234567890.5",
                      "3.14159265358979323846", "1e22", "1e23", "-0", "+5", ".5", "5.", "123456.789e-2", "1E+5", "0.1e1",
                      "99999999999999999999999", "0.00000000000000000000000000001", "8.98846567431158e307"]
        for text in inputs {
            #expect(real(text, point)?.bitPattern == strtodBits(text), "\(text)")
            let swedish = text.replacingOccurrences(of: ".", with: ",")
            #expect(real(swedish, comma)?.bitPattern == strtodBits(text), "\(swedish)")
        }
    }

    @Test func randomDecimalsAreRoundedLikeStrtod() {
        var generator = RandomStream(seed: 42)
        for _ in 0..<20_000 {
            let digits = String((0..<Int.random(in: 1...21, using: &generator)).map { _ in "0123456789".randomElement(using: &generator)! })
            let cut = Int.random(in: 0...digits.count, using: &generator)
            var text = String(digits.prefix(cut)) + "." + String(digits.dropFirst(cut))
            if Bool.random(using: &generator) { text = "-" + text }
            if Int.random(in: 0..<4, using: &generator) == 0 { text += "e\(Int.random(in: -40...40, using: &generator))" }
            #expect(real(text, point)?.bitPattern == strtodBits(text), "\(text)")
        }
    }

    @Test func integersUseTheWholeInt64Range() {
        #expect(integer("9223372036854775807", point) == .max)
        #expect(integer("-9223372036854775808", point) == .min)
        #expect(integer("9223372036854775808", point) == nil)
        #expect(integer("-9223372036854775809", point) == nil)
        #expect(integer("99999999999999999999", point) == nil)
        #expect(integer("000000000000000000000042", point) == 42)
        #expect(integer("+7", point) == 7)
        #expect(integer("-0", point) == 0)
    }

    @Test func rejectsWhatIsNotANumber() {
        for text in ["", "-", "+", ".", "e5", "1e", "1e+", "--1", "1-", "1.2.3", "inf", "nan", "NaN", "0x10", "1 2", "12a", "1e400", "١٢"] {
            #expect(real(text, point) == nil, "\(text)")
        }
        for text in ["", "1.0", "1e3", "12,5", " 1", "0x1"] {
            #expect(integer(text, point) == nil, "\(text)")
        }
        #expect(real("12.5", comma) == nil)
        #expect(real("12,5", point) == nil)
    }

    @Test func digitGroupsOnlyWhenAskedAndOnlyByThrees() {
        let grouped = NumberFormat(decimalComma: true, thousands: .space, encoding: .utf8)
        #expect(real("1 234,50", grouped) == 1234.5)
        #expect(real("-12 345 678,25", grouped) == -12_345_678.25)
        #expect(real("1\u{A0}234,50", grouped) == 1234.5)
        #expect(integer("1 234 567", grouped) == 1_234_567)
        #expect(integer("123 456", grouped) == 123_456)
        for bad in ["12 34", "1234 567", "1 2345", "1  234", " 1 234", "1 234 ", "1 23,5", "1,234 5"] {
            #expect(real(bad, grouped) == nil, "\(bad)")
        }
        #expect(real("1 234,50", comma) == nil)
        let latin = NumberFormat(decimalComma: true, thousands: .space, encoding: .windows1252)
        #expect([UInt8]([0x31, 0xA0, 0x32, 0x33, 0x34, 0x2C, 0x35]).withUnsafeBufferPointer { latin.real($0) } == 1234.5)
        #expect(real("1\u{A0}234,5", latin) == nil)                     // C2 A0 is "Â " in Windows-1252
    }

    @Test func readsSwedishAmountsThroughTheReader() throws {
        let text = "id;kronor\n1;4 512,50\n2;\"1 000 000,25\"\n3;-12,5\n4;7\n"
        let table = try CSVText.read(text, CSVOptions(thousandsSeparator: .space))
        #expect(try table.column(named: "kronor", as: RealColumn.self).values == [4512.5, 1_000_000.25, -12.5, 7])
        let bytes: [UInt8] = Array("id;kronor\n1;4".utf8) + [0xA0] + Array("512,50\n".utf8)
        let latin = try CSVText.read(bytes: bytes, CSVOptions(thousandsSeparator: .space, encoding: .windows1252))
        #expect(try latin.column(named: "kronor", as: RealColumn.self).values == [4512.5])
    }
}
