/// Hand-written formatting of CSV fields into a byte buffer (no `String(format:)` per value).
struct ByteBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inline(__always) mutating func append(_ byte: UInt8) { bytes.append(byte) }

    @inline(__always) mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func append(_ text: String) { bytes.append(contentsOf: Array(text.utf8)) }

    /// A non-negative integer in decimal.
    @inline(__always) mutating func append(integer value: Int) {
        precondition(value >= 0)
        var digits = InlineArray<20, UInt8>(repeating: 0)
        var v = value, n = 0
        repeat {
            digits[n] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
            n += 1
        } while v > 0
        while n > 0 { n -= 1; bytes.append(digits[n]) }
    }

    /// An integer in at least `width` digits, zero-padded.
    @inline(__always) mutating func append(integer value: Int, width: Int) {
        var w = 1, p = 10
        while p <= value { w += 1; p *= 10 }
        for _ in w..<max(width, w) { bytes.append(48) }
        append(integer: value)
    }

    /// Kronor from öre with a decimal comma and two decimals: 451250 → `4512,50`.
    @inline(__always) mutating func append(ore value: Int64) {
        precondition(value >= 0)
        append(integer: Int(value / 100))
        bytes.append(UInt8(ascii: ","))
        let cents = Int(value % 100)
        bytes.append(UInt8(truncatingIfNeeded: 48 + cents / 10))
        bytes.append(UInt8(truncatingIfNeeded: 48 + cents % 10))
    }
}

/// Calendar formatting for window months.
struct CalendarText {
    let firstMonth: Int32
    /// `YYYY-MM` for each window month.
    let monthLabels: [[UInt8]]

    init(firstMonth: Int32, months: Int) {
        self.firstMonth = firstMonth
        monthLabels = (0..<months).map { m in
            var b = ByteBuffer(capacity: 7)
            let code = Int(firstMonth) + m
            b.append(integer: code / 12, width: 4)
            b.append(UInt8(ascii: "-"))
            b.append(integer: code % 12 + 1, width: 2)
            return b.bytes
        }
    }

    /// `YYYY-MM-DD`.
    func appendDate(month m: Int, day: Int, to b: inout ByteBuffer) {
        b.append(monthLabels[m])
        b.append(UInt8(ascii: "-"))
        b.append(integer: day, width: 2)
    }

    static func label(_ code: Int32) -> String {
        var b = ByteBuffer(capacity: 7)
        b.append(integer: Int(code) / 12, width: 4)
        b.append(UInt8(ascii: "-"))
        b.append(integer: Int(code) % 12 + 1, width: 2)
        return String(decoding: b.bytes, as: UTF8.self)
    }
}
