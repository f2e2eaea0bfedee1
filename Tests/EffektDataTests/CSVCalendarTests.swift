import EffektNumerics
import Foundation
import Testing
@testable import EffektData

@Suite struct CSVCalendarTests {
    func month(_ text: String) -> Int32? { Array(text.utf8).withUnsafeBufferPointer(CalendarParsing.month) }
    func date(_ text: String) -> Int32? { Array(text.utf8).withUnsafeBufferPointer(CalendarParsing.date) }

    @Test func monthsInEveryAcceptedFormat() {
        let march2019 = CalendarCode.month(year: 2019, month: 3)
        #expect(march2019 == 2019 * 12 + 2)
        for text in ["2019-03", "201903", "2019/03", "2019-03-15", "2019-03-31"] {
            #expect(month(text) == march2019, "\(text)")
        }
        for bad in ["2019-13", "2019-00", "201900", "19-03", "2019-3", "2019-02-30", "2019_03", "20190315", "2019-03-1",
                    "2019/03/15", "2019-03-", "", "2019", "abcd-ef"] {
            #expect(month(bad) == nil, "\(bad)")
        }
        #expect(CalendarCode.yearMonth(march2019) == (2019, 3))
        #expect(CalendarCode.yearMonth(CalendarCode.month(year: 2020, month: 12)) == (2020, 12))
    }

    @Test func monthsReadInPlaceBeforeWhatFollows() {
        func inPlace(_ text: String) -> (code: Int32, stop: Int)? {
            Array(text.utf8).withUnsafeBufferPointer { bytes in bytes.baseAddress.flatMap { CalendarParsing.month($0, from: 0, to: bytes.count) } }
        }
        let march2019 = CalendarCode.month(year: 2019, month: 3)
        for text in ["2019-03;7", "2019/03\n", "2019-03\r\n", "2019-03-15;", "201903;1"] {
            #expect(inPlace(text)?.code == march2019, "\(text)")
        }
        #expect(inPlace("2019-03;7")?.stop == 7)
        #expect(inPlace("2019-03-15;")?.stop == 10)
        #expect(inPlace("201903;1")?.stop == 6)
        for bad in ["2019-13;", "2019-00;", "2019-0a;", "20x9-03;", "2019_03;", "2019-03-32;", "2019-3;;;"] {
            #expect(inPlace(bad) == nil, "\(bad)")
        }
    }

    @Test func datesInEveryAcceptedFormat() {
        #expect(date("1970-01-01") == 0)
        #expect(date("19700102") == 1)
        #expect(date("1969-12-31") == -1)
        #expect(date("2000-03-01") == 11_017)
        #expect(date("2020-02-29") == CalendarCode.day(year: 2020, month: 2, day: 29))
        #expect(date("2019-03-15") == date("20190315"))
        for bad in ["2019-02-29", "1900-02-29", "2019-04-31", "2019-13-01", "2019-00-10", "2019-01-00", "2019/03/15",
                    "2019-3-15", "201903", "2019-03", "2019-03-15T00:00", "15.03.2019"] {
            #expect(date(bad) == nil, "\(bad)")
        }
        #expect(date("2000-02-29") != nil)
    }

    @Test func dayCodesRoundTrip() {
        var generator = RandomStream(seed: 7)
        for _ in 0..<5000 {
            let code = Int32.random(in: -700_000...2_000_000, using: &generator)
            let (year, month, day) = CalendarCode.yearMonthDay(code)
            #expect((1...12).contains(month) && day <= CalendarCode.daysIn(year: year, month: month))
            #expect(CalendarCode.day(year: year, month: month, day: day) == code)
        }
        for code in Int32(-30)...Int32(30) {
            let (year, month) = CalendarCode.yearMonth(code)
            #expect(CalendarCode.month(year: year, month: month) == code)
        }
    }

    @Test func episodesWithOpenEndDates() throws {
        let text = "id;insats;start;slut;avslut\n1;A12;2019-03-15;2019-06-30;3\n2;B07;20190401;;\n3;A12;2020-01-01;NA;1\n"
        let table = try CSVText.read(text, CSVOptions(columnTypes: ["start": .date, "slut": .date, "insats": .categorical]))
        let start = try table.column(named: "start", as: DateColumn.self)
        let end = try table.column(named: "slut", as: DateColumn.self)
        #expect(start.values == [CalendarCode.day(year: 2019, month: 3, day: 15), CalendarCode.day(year: 2019, month: 4, day: 1),
                                 CalendarCode.day(year: 2020, month: 1, day: 1)])
        #expect(end.missing.missingRows == [1, 2])
        #expect(end.values[0] == CalendarCode.day(year: 2019, month: 6, day: 30))
        #expect(try table.column(named: "avslut", as: IntegerColumn.self).missing.missingCount == 1)
    }

    @Test func paymentMonthsInMixedFormats() throws {
        let table = try CSVText.read("id;month\n1;2019-03\n2;201903\n3;2019/03\n4;2019-03-15\n", CSVOptions(columnTypes: ["month": .month]))
        #expect(try table.column(named: "month", as: MonthColumn.self).values == Array(repeating: CalendarCode.month(year: 2019, month: 3), count: 4))
    }
}
