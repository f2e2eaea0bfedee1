/// Parses integers and decimal numbers straight from bytes.
///
/// Accepted: an optional `+` or `-`, digits, optionally the decimal separator and more digits
/// (`12.`, `.5` and `12,5` with a decimal comma are fine), optionally `e` or `E`, a sign and
/// exponent digits. With `ThousandsSeparator.space`, the integer part may group digits by
/// threes with a space or non-breaking space. Nothing else: no `inf`, `nan`, hex or stray
/// characters; a value too large for a Double is rejected rather than made infinite.
///
/// Reals are correctly rounded (the same Double as `strtod`): up to 19 significant digits with
/// a power of ten up to 22 are computed exactly in one multiplication or division
/// (Clinger's fast path); longer or larger inputs go to the C library's parser.
///
/// Each parser reads the longest number it can from a start offset and returns where it
/// stopped, so a field can be parsed in place in the input (then the caller checks that a
/// delimiter or line end follows); the field versions require the whole field to be the number.
/// Offsets and digit counts are bounded by the input's length, so they use wrapping arithmetic.
struct NumberFormat: Sendable {
    let decimalSeparator: UInt8
    let groupsDigits: Bool
    /// Whether a non-breaking space may be C2 A0 (UTF-8), and whether A0 (Windows-1252): both
    /// while the encoding is not known.
    private let utf8NonBreakingSpace: Bool, latinNonBreakingSpace: Bool
    /// Exactly representable powers of ten, 10^0 … 10^22.
    private let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }
    /// 10^0 … 10^8.
    private let digitScales: [UInt64] = (0...8).map { (0..<$0).reduce(1) { value, _ in value * 10 } }

    /// The format for `encoding`, nil when it is not known yet.
    init(decimalComma: Bool, thousands: ThousandsSeparator, encoding: CSVEncoding?) {
        decimalSeparator = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        groupsDigits = thousands == .space
        utf8NonBreakingSpace = encoding != .windows1252
        latinNonBreakingSpace = encoding != .utf8
    }

    /// The integer that is all of `field`, nil if it is not one or does not fit in an Int64.
    @inline(__always)
    func integer(_ field: UnsafeBufferPointer<UInt8>) -> Int64? {
        whole(field, integer(_:from:to:))
    }

    /// The number that is all of `field` as the correctly rounded Double, nil if it is not one.
    @inline(__always)
    func real(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        whole(field, real(_:from:to:))
    }

    /// The integer starting at `start` and where it stops (at most at `end`).
    @inline(__always)
    func integer(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (Int64, stop: Int)? {
        guard start < end else { return nil }
        let negative = p[start] == UInt8(ascii: "-")
        var i = negative || p[start] == UInt8(ascii: "+") ? start &+ 1 : start
        let first = i
        var magnitude: UInt64 = 0
        guard let digits = integerPart(p, &i, end, &magnitude), digits > 0 else { return nil }
        if digits > 18 {                      // may have wrapped: read again, checking
            magnitude = 0
            for k in first..<i where p[k] &- 48 < 10 {
                let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, carry) = times10.addingReportingOverflow(UInt64(p[k] &- 48))
                guard !overflow && !carry else { return nil }
                magnitude = sum
            }
        }
        if negative {
            return magnitude <= UInt64(Int64.max) + 1 ? (Int64(truncatingIfNeeded: 0 &- magnitude), i) : nil
        }
        return magnitude <= UInt64(Int64.max) ? (Int64(magnitude), i) : nil
    }

    /// The number starting at `start`, correctly rounded, and where it stops (at most at `end`).
    ///
    /// Inlined fast path for plain `-123.45` with at most 19 digits; anything else (a `+`,
    /// digit groups, an exponent, more digits) goes to `anyReal`.
    @inline(__always)
    func real(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (Double, stop: Int)? {
        var i = start
        let negative = i < end && p[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var mantissa: UInt64 = 0
        var digits = digitRun(p, &i, end, &mantissa)
        var exponent = 0
        if i < end && p[i] == decimalSeparator {
            i += 1
            let fraction = digitRun(p, &i, end, &mantissa)
            exponent = -fraction
            digits += fraction
        }
        let plainEnd = i == end || ((p[i] | 0x20) != UInt8(ascii: "e") && !(groupsDigits && separatorWidth(p, i, end) != nil))
        guard plainEnd && digits > 0 && digits <= 19 && mantissa <= 1 << 53 && exponent >= -22 else {
            return anyReal(p, from: start, to: end)
        }
        let value = Double(mantissa) / powersOfTen[-exponent]
        return (negative ? -value : value, i)
    }

    /// Any number `real` accepts, starting at `start`, and where it stops.
    private func anyReal(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (Double, stop: Int)? {
        guard start < end else { return nil }
        let negative = p[start] == UInt8(ascii: "-")
        var i = negative || p[start] == UInt8(ascii: "+") ? start + 1 : start
        var mantissa: UInt64 = 0              // of the first 19 digits; value = mantissa × 10^exponent
        guard var digits = integerPart(p, &i, end, &mantissa) else { return nil }
        var exponent = 0
        if i < end && p[i] == decimalSeparator {
            i += 1
            let fraction = digitRun(p, &i, end, &mantissa)
            exponent = -fraction
            digits += fraction
        }
        guard digits > 0 else { return nil }
        if i < end && (p[i] | 0x20) == UInt8(ascii: "e") {
            i += 1
            let negativeExponent = i < end && p[i] == UInt8(ascii: "-")
            if i < end && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) { i += 1 }
            var value = 0
            let first = i
            while i < end, case let digit = p[i] &- 48, digit < 10 {
                value = min(value * 10 + Int(digit), 1_000_000)
                i += 1
            }
            guard i > first else { return nil }
            exponent += negativeExponent ? -value : value
        }
        if digits <= 19 && mantissa <= 1 << 53 && (-22...22).contains(exponent) {
            let m = Double(mantissa)
            let value = exponent < 0 ? m / powersOfTen[-exponent] : m * powersOfTen[exponent]
            return (negative ? -value : value, i)
        }
        return slowReal(p, from: start, to: i).map { ($0, i) }
    }

    /// Reads the digits of an integer part from `i`, with digit groups when allowed, into
    /// `value` (wrapping past 19 digits). Returns how many digits, nil when grouping is broken
    /// (a group of other than three digits after a separator, or more than three before one).
    @inline(__always)
    private func integerPart(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ value: inout UInt64) -> Int? {
        var digits = 0
        var grouped = false
        while true {
            let length = digitRun(p, &i, end, &value)
            digits &+= length
            guard groupsDigits, i < end, let width = separatorWidth(p, i, end),
                  grouped ? length == 3 : (1...3).contains(length) else {
                return grouped && length != 3 ? nil : digits
            }
            grouped = true
            i &+= width
        }
    }

    /// Reads the decimal digits from `i` on into `value` (wrapping past 19 digits), returning
    /// how many. While eight bytes are left, they are checked and converted at once (no branch
    /// per digit: the number of digits of a field is hard to predict).
    @inline(__always)
    private func digitRun(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ value: inout UInt64) -> Int {
        let start = i
        while i &+ 8 <= end {
            // Each byte XOR "0": digits become 0…9; any other byte has a high nibble set or
            // reaches one when 6 is added (a carry out of such a byte can only mark bytes
            // after it, which do not matter: only the first non-digit counts).
            let values = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) ^ 0x3030_3030_3030_3030
            let nonDigits = (values | (values &+ 0x0606_0606_0606_0606)) & 0xF0F0_F0F0_F0F0_F0F0
            let count = nonDigits.trailingZeroBitCount &>> 3          // 8 when all are digits
            if count > 0 {
                // The digits as the last `count` of eight, then combined pairwise (Lemire).
                var digits = values &<< UInt64(64 &- 8 &* count)
                digits = digits &* 10 &+ digits >> 8
                digits = ((digits & 0x0000_00FF_0000_00FF) &* 0x000F_4240_0000_0064
                          &+ (digits >> 16 & 0x0000_00FF_0000_00FF) &* 0x0000_2710_0000_0001) >> 32
                value = value &* digitScales[count] &+ digits
                i &+= count
            }
            if count < 8 { return i &- start }
        }
        while i < end, case let digit = p[i] &- 48, digit < 10 {
            value = value &* 10 &+ UInt64(digit)
            i &+= 1
        }
        return i &- start
    }

    /// What `parse` reads, if it reads all of `field`.
    @inline(__always)
    private func whole<T>(_ field: UnsafeBufferPointer<UInt8>, _ parse: (UnsafePointer<UInt8>, Int, Int) -> (T, stop: Int)?) -> T? {
        guard let p = field.baseAddress, let (value, stop) = parse(p, 0, field.count), stop == field.count else { return nil }
        return value
    }

    /// The C library's correctly rounded parse of an already validated number, after dropping
    /// digit-group separators and making the decimal separator a point.
    private func slowReal(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Double? {
        var ascii: [UInt8] = []
        ascii.reserveCapacity(end - start)
        var i = start
        while i < end {
            if groupsDigits, let width = separatorWidth(p, i, end) {
                i += width
                continue
            }
            ascii.append(p[i] == decimalSeparator ? UInt8(ascii: ".") : p[i])
            i += 1
        }
        guard let value = Double(String(decoding: ascii, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// The width of a digit-group separator at `i` (space or non-breaking space), nil if none.
    @inline(__always)
    private func separatorWidth(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
        switch p[i] {
        case 0x20: 1
        case 0xA0 where latinNonBreakingSpace: 1
        case 0xC2 where utf8NonBreakingSpace && i + 1 < end && p[i + 1] == 0xA0: 2
        default: nil
        }
    }
}
