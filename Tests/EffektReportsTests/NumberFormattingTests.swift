@testable import EffektReports
import Testing

/// U+00A0, spelled out so the expectations show where the no-break spaces are.
private let nb = "\u{00A0}"
private let minus = "\u{2212}"

@Suite struct NumberFormattingTests {
    let sv = SwedishFormat()
    let en = EnglishFormat()

    @Test(arguments: [
        (0.0, "0"), (-0.0, "0"), (7, "7"), (-7, "\(minus)7"), (999, "999"), (1_000, "1\(nb)000"),
        (4_512, "4\(nb)512"), (-4_512, "\(minus)4\(nb)512"), (1_234_567, "1\(nb)234\(nb)567"),
        (-1_234_567.4, "\(minus)1\(nb)234\(nb)567"), (0.5, "1"), (-0.5, "\(minus)1"), (0.49, "0"),
        (-0.4, "0"), (2.5, "3"), (1e15, "1\(nb)000\(nb)000\(nb)000\(nb)000\(nb)000"),
    ] as [(Double, String)])
    func swedishWholeNumbers(value: Double, expected: String) {
        #expect(sv.format(value) == expected)
    }

    @Test(arguments: [
        (999.95, 1, "1\(nb)000,0"), (999.94, 1, "999,9"), (1.005, 2, "1,01"), (0.125, 2, "0,13"),
        (2.675, 2, "2,68"), (-0.04, 1, "0,0"), (-0.05, 1, "\(minus)0,1"), (12, 1, "12,0"),
        (0.0001234, 6, "0,000123"), (1e-7, 2, "0,00"), (99_999.5, 0, "100\(nb)000"),
        (4_512, -2, "4\(nb)500"), (4_550, -2, "4\(nb)600"), (-4_550, -2, "\(minus)4\(nb)600"),
        (49, -2, "0"), (50, -2, "100"), (0.1 + 0.2, 2, "0,30"),
    ] as [(Double, Int, String)])
    func swedishDecimalsAndBoundaries(value: Double, decimals: Int, expected: String) {
        #expect(sv.format(value, rounding: .decimals(decimals)) == expected)
    }

    @Test func budgetRoundingForKronor() {
        #expect(sv.format(4_512, unit: .kronor) == "4\(nb)510\(nb)kr")
        #expect(sv.format(-4_512, unit: .kronor) == "\(minus)4\(nb)510\(nb)kr")
        #expect(sv.format(36_412, unit: .kronor) == "36\(nb)400\(nb)kr")
        #expect(sv.format(123_456, unit: .kronor) == "123\(nb)000\(nb)kr")
        #expect(sv.format(87.4, unit: .kronor) == "87\(nb)kr")
        #expect(sv.format(999.5, unit: .kronor) == "1\(nb)000\(nb)kr")
        #expect(sv.format(9_995, unit: .kronor) == "10\(nb)000\(nb)kr")
        #expect(sv.format(0, unit: .kronor) == "0\(nb)kr")
        #expect(sv.format(1_234_567, unit: .kronor, rounding: .decimals(0)) == "1\(nb)234\(nb)567\(nb)kr")
        #expect(sv.format(-4_512, unit: .kronor, rounding: .decimals(0)) == "\(minus)4\(nb)512\(nb)kr")
    }

    @Test func significantDigits() {
        #expect(sv.format(0.012345, rounding: .significant(2, maxDecimals: 6)) == "0,012")
        #expect(sv.format(12.345, rounding: .significant(3, maxDecimals: 6)) == "12,3")
        #expect(sv.format(99.96, rounding: .significant(3, maxDecimals: 6)) == "100,0")
        #expect(sv.format(0, rounding: .significant(3, maxDecimals: 6)) == "0")
        #expect(sv.format(1_234, rounding: .significant(2, maxDecimals: -2)) == "1\(nb)200")
        #expect(sv.format(87, rounding: .significant(3, maxDecimals: -1)) == "90")
    }

    @Test func scaledUnits() {
        #expect(sv.format(12_345_678, unit: .millionKronor) == "12,3\(nb)mnkr")
        #expect(sv.format(1_060_169_000, unit: .millionKronor) == "1\(nb)060,2\(nb)mnkr")
        #expect(sv.format(-85_000_000, unit: .millionKronor) == "\(minus)85,0\(nb)mnkr")
        #expect(sv.format(49_999, unit: .millionKronor) == "0,0\(nb)mnkr")
        #expect(sv.format(361_819_000, unit: .thousandKronor) == "361\(nb)819\(nb)tkr")
        #expect(sv.format(0.105, unit: .percent) == "10,5\(nb)%")
        #expect(sv.format(-0.28, unit: .percent) == "\(minus)28,0\(nb)%")
        #expect(sv.format(0.56, unit: .percent, rounding: .decimals(0)) == "56\(nb)%")
        #expect(sv.format(0.00045, unit: .percent, rounding: .decimals(2)) == "0,05\(nb)%")
    }

    @Test func ranges() {
        #expect(sv.range(-3_412, -1_189, unit: .kronor, rounding: .decimals(-2)) == "mellan \(minus)3\(nb)400 och \(minus)1\(nb)200\(nb)kr")
        #expect(sv.range(-1_189, -3_412, unit: .kronor, rounding: .decimals(-2)) == "mellan \(minus)3\(nb)400 och \(minus)1\(nb)200\(nb)kr")
        // Budget rounding takes the power of ten from the larger end, for both ends.
        #expect(sv.range(-34_123, 1_189, unit: .kronor) == "mellan \(minus)34\(nb)100 och 1\(nb)200\(nb)kr")
        #expect(sv.range(0.021, 0.105, unit: .percent) == "mellan 2,1 och 10,5\(nb)%")
        #expect(en.range(-3_412, -1_189, unit: .kronor, rounding: .decimals(-2)) == "between \(minus)3,400 and \(minus)1,200\(nb)SEK")
        #expect(sv.range(.nan, 1, unit: .kronor) == "–")
    }

    @Test func englishCounterpart() {
        #expect(en.format(1_234_567, unit: .kronor, rounding: .decimals(0)) == "1,234,567\(nb)SEK")
        #expect(en.format(12_345_678, unit: .millionKronor) == "12.3\(nb)MSEK")
        #expect(en.format(-4_512, unit: .kronor, rounding: .decimals(0)) == "\(minus)4,512\(nb)SEK")
        #expect(en.format(0.105, unit: .percent) == "10.5%")
        #expect(en.format(999.95, rounding: .decimals(1)) == "1,000.0")
        #expect(en.count(25_726) == "25,726")
        #expect(ReportLanguage.english.numberFormat.format(1_500, unit: .thousandKronor, rounding: .decimals(1)) == "1.5\(nb)TSEK")
    }

    @Test func countsAreGroupedIntegers() {
        #expect(sv.count(0) == "0")
        #expect(sv.count(1_039) == "1\(nb)039")
        #expect(sv.count(-12_000) == "\(minus)12\(nb)000")
        #expect(sv.count(Int.min) == "\(minus)9\(nb)223\(nb)372\(nb)036\(nb)854\(nb)775\(nb)808")
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, -Double.nan])
    func nonFiniteValuesPrintADash(value: Double) {
        for unit in NumberUnit.allCases {
            #expect(sv.format(value, unit: unit) == "\u{2013}")
            #expect(en.format(value, unit: unit) == "\u{2013}")
        }
    }

    @Test func extremeMagnitudesPrintAllDigits() {
        #expect(sv.format(.leastNonzeroMagnitude, rounding: .decimals(2)) == "0,00")
        let largest = sv.format(.greatestFiniteMagnitude)
        #expect(largest.hasPrefix("179\(nb)769\(nb)313\(nb)486\(nb)231\(nb)570\(nb)000"))
        #expect(largest.filter(\.isNumber).count == 309)
    }

    @Test func decimalDigitsAreExactShortestRoundTrip() {
        #expect(DecimalNumber(0.1)!.shortestText(decimalSeparator: ".") == "0.1")
        #expect(DecimalNumber(1e21)!.shortestText(decimalSeparator: ".") == "1e+21")
        #expect(DecimalNumber(123_456_789_012_345_680_000.0)!.shortestText(decimalSeparator: ".") == "123456789012345680000")
        #expect(DecimalNumber(1e-6)!.shortestText(decimalSeparator: ".") == "0.000001")
        #expect(DecimalNumber(1.5e-7)!.shortestText(decimalSeparator: ",") == "1,5e-7")
        #expect(DecimalNumber(-2.5e300)!.shortestText(decimalSeparator: ".") == "-2.5e+300")
        #expect(DecimalNumber(-0.0)!.shortestText(decimalSeparator: ".") == "0")
        #expect(DecimalNumber(4512.0)!.shortestText(decimalSeparator: ".") == "4512")
    }
}
