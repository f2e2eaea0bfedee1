/// The integer codes of calendar months and days used by `MonthColumn` and `DateColumn`
/// (proleptic Gregorian calendar).
public enum CalendarCode {
    /// `year * 12 + (month − 1)`: consecutive months have consecutive codes.
    public static func month(year: Int, month: Int) -> Int32 { Int32(year * 12 + month - 1) }

    /// The year and month (1–12) of a month code.
    public static func yearMonth(_ code: Int32) -> (year: Int, month: Int) {
        let c = Int(code)
        let year = c >= 0 ? c / 12 : (c - 11) / 12
        return (year, c - year * 12 + 1)
    }

    /// The month code of a day code.
    public static func month(ofDay day: Int32) -> Int32 {
        let (y, m, _) = yearMonthDay(day)
        return month(year: y, month: m)
    }

    /// Days since 1970-01-01 (negative before it).
    public static func day(year: Int, month: Int, day: Int) -> Int32 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int32(era * 146_097 + dayOfEra - 719_468)
    }

    /// The year, month (1–12) and day (1–31) of a day code.
    public static func yearMonthDay(_ code: Int32) -> (year: Int, month: Int, day: Int) {
        let z = Int(code) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days in `month` of `year`.
    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Parses months and dates from bytes; the year always has four digits.
///
/// Months: `YYYY-MM`, `YYYYMM`, `YYYY/MM` and `YYYY-MM-DD` (the day is checked, then dropped).
/// Dates: `YYYY-MM-DD` and `YYYYMMDD`. Months are 01–12 and days must exist (no 2019-02-29).
/// Like `NumberFormat`, each parser reads from a start offset and returns where it stopped.
enum CalendarParsing {
    static let monthFormats = "YYYY-MM, YYYYMM, YYYY/MM or YYYY-MM-DD"
    static let dateFormats = "YYYY-MM-DD or YYYYMMDD"

    /// The month code of all of `field`, nil if it is not a month in an accepted format.
    static func month(_ field: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let p = field.baseAddress, let (code, stop) = month(p, from: 0, to: field.count), stop == field.count else { return nil }
        return code
    }

    /// The day code of all of `field`, nil if it is not a date in an accepted format.
    static func date(_ field: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let p = field.baseAddress, let (code, stop) = date(p, from: 0, to: field.count), stop == field.count else { return nil }
        return code
    }

    /// The month code of the month starting at `start`, and where it stops. `YYYY-MM` and
    /// `YYYY/MM` with a byte after them are checked and converted as one 8-byte word.
    @inline(__always)
    static func month(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (Int32, stop: Int)? {
        if end &- start >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(p + start).loadUnaligned(as: UInt64.self))
            let separator = UInt8(truncatingIfNeeded: word >> 32)
            if (separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/")) && UInt8(truncatingIfNeeded: word >> 56) != UInt8(ascii: "-") {
                let digits = (word ^ 0x3030_3030_3030_3030) & 0x00FF_FF00_FFFF_FFFF      // bytes 0–3 and 5–6
                if (digits | (digits &+ 0x0606_0606_0606_0606)) & 0xF0F0_F0F0_F0F0_F0F0 == 0 {
                    let pairs = digits &* 10 &+ digits >> 8                              // byte k: 10 × digit k + digit k+1
                    let month = Int(truncatingIfNeeded: pairs >> 40 & 0xFF)
                    guard month >= 1 && month <= 12 else { return nil }
                    let year = Int(truncatingIfNeeded: pairs & 0xFF) &* 100 &+ Int(truncatingIfNeeded: pairs >> 16 & 0xFF)
                    return (CalendarCode.month(year: year, month: month), start &+ 7)
                }
            }
        }
        guard end &- start >= 6, let year = fourDigits(p, start) else { return nil }
        let separator = p[start &+ 4]
        let month: Int?, stop: Int
        if separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") {
            guard end &- start >= 7 else { return nil }
            month = twoDigits(p, start &+ 5)
            if separator == UInt8(ascii: "-") && end &- start > 7 && p[start &+ 7] == UInt8(ascii: "-") {
                guard let (y, m, _) = yearMonthDay(p, from: start, to: end) else { return nil }
                return (CalendarCode.month(year: y, month: m), start &+ 10)
            }
            stop = start &+ 7
        } else {
            month = twoDigits(p, start &+ 4)
            stop = start &+ 6
        }
        guard let month, month >= 1 && month <= 12 else { return nil }
        return (CalendarCode.month(year: year, month: month), stop)
    }

    /// The day code of the date starting at `start`, and where it stops.
    @inline(__always)
    static func date(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (Int32, stop: Int)? {
        guard let (year, month, day) = yearMonthDay(p, from: start, to: end) else { return nil }
        return (CalendarCode.day(year: year, month: month, day: day), start &+ (p[start &+ 4] == UInt8(ascii: "-") ? 10 : 8))
    }

    /// The parts of `YYYY-MM-DD` or `YYYYMMDD` at `start`, nil unless a real day.
    @inline(__always)
    private static func yearMonthDay(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (Int, Int, Int)? {
        guard end &- start >= 8 else { return nil }
        let dash = UInt8(ascii: "-")
        let separated = p[start &+ 4] == dash
        if separated && (end &- start < 10 || p[start &+ 7] != dash) { return nil }
        let gap = separated ? 1 : 0
        guard let year = fourDigits(p, start), let month = twoDigits(p, start &+ 4 &+ gap),
              let day = twoDigits(p, start &+ 6 &+ 2 &* gap),
              month >= 1 && month <= 12, day >= 1 && day <= CalendarCode.daysIn(year: year, month: month) else { return nil }
        return (year, month, day)
    }

    /// The value of the two digits at `at`, nil if either is not a digit.
    @inline(__always)
    private static func twoDigits(_ p: UnsafePointer<UInt8>, _ at: Int) -> Int? {
        let (tens, ones) = (p[at] &- 48, p[at &+ 1] &- 48)
        return max(tens, ones) < 10 ? Int(tens) &* 10 &+ Int(ones) : nil
    }

    /// The value of the four digits at `at`, nil if any is not a digit.
    @inline(__always)
    private static func fourDigits(_ p: UnsafePointer<UInt8>, _ at: Int) -> Int? {
        guard let high = twoDigits(p, at), let low = twoDigits(p, at &+ 2) else { return nil }
        return high &* 100 &+ low
    }
}
