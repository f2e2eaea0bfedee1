/// How field bytes become values.
struct FieldFormat: Sendable {
    let numbers: NumberFormat
    let missing: MissingTokens
    /// The text encoding, nil while it is not known (then new category levels are checked
    /// for UTF-8, to decide it at the end).
    let encoding: CSVEncoding?
    /// Whether numbers, months and dates may be parsed in place in the input, ahead of
    /// locating the field: only when no missing-value token could be read as such a value.
    let parsesInPlace: Bool

    init(numbers: NumberFormat, missing: MissingTokens, encoding: CSVEncoding?) {
        self.numbers = numbers
        self.missing = missing
        self.encoding = encoding
        parsesInPlace = !missing.contains { token in
            numbers.real(token) != nil || CalendarParsing.month(token) != nil || CalendarParsing.date(token) != nil
        }
    }
}

/// One column's 8-byte value slots for the rows of the current batch.
struct ColumnSlots {
    let base: UnsafeMutablePointer<UInt64>
    /// The chunk row of slot 0.
    let firstRow: Int

    subscript(row: Int) -> UInt64 {
        get { base[row &- firstRow] }
        nonmutating set { base[row &- firstRow] = newValue }
    }
}

/// Why a field could not be taken into its column.
enum FieldProblem: Error {
    case scan(ScanFailure)
    /// The record ended before the last column.
    case recordEndsEarly
    /// The record goes on after the last column.
    case recordGoesOn
    /// The (trimmed) content is not a value of the column's declared type.
    case invalid([UInt8])
    /// The content holds a NUL byte.
    case binary
    /// The content is not UTF-8, which the file was said or found to be.
    case notUTF8
}

/// Collects the values of one column from one chunk of the file.
///
/// Values are first written to 8-byte slots of a batch of rows (as Int64, Double bits or
/// Int32 codes), then appended to contiguous arrays a batch at a time. A declared column parses
/// every field as its type. An inferred column starts as integer; the first non-integer number
/// turns it real (converting what it holds), and the first non-number turns it categorical
/// when nothing but missing values came before, otherwise it gives up its values and is marked
/// `needsText`, to be read again as categorical. Fields are trimmed of spaces first.
struct ColumnBuilder: Sendable {
    enum Kind: Sendable, Equatable {
        case integer, real, categorical, month, date
        /// Inferred, and held numbers before text: the chunk must be read again as categorical.
        case needsText
        /// Not read in this pass.
        case skipped
    }

    private(set) var kind: Kind
    let isInferred: Bool
    /// Rows the chunk can hold at most (the arrays are reserved to it).
    private let capacity: Int
    private var integers: [Int64] = []
    private var reals: [Double] = []
    /// Category codes, month codes or day codes.
    private var codes: [Int32] = []
    private(set) var levels = LevelTable()
    /// Whether a category level was not valid UTF-8 (while the encoding is not known).
    private(set) var sawInvalidUTF8 = false
    private var missingWords: [UInt64] = []
    /// Rows appended to the arrays.
    private var committedRows = 0

    /// A builder for a column of `type` (nil: inferred), for at most `capacity` rows.
    init(type: ColumnType?, capacity: Int) {
        isInferred = type == nil
        self.capacity = capacity
        switch type ?? .integer {
        case .integer: kind = .integer; integers.reserveLargeCapacity(capacity)
        case .real: kind = .real; reals.reserveLargeCapacity(capacity)
        case .categorical: kind = .categorical; codes.reserveLargeCapacity(capacity)
        case .month: kind = .month; codes.reserveLargeCapacity(capacity)
        case .date: kind = .date; codes.reserveLargeCapacity(capacity)
        }
    }

    /// A builder that ignores its column.
    static let skipped = ColumnBuilder(skippedKind: ())
    private init(skippedKind: Void) { kind = .skipped; isInferred = false; capacity = 0 }

    /// Reads the field at the scanner into the slot of chunk row `row`. `isLast` tells whether
    /// the field must end the record. `numbers` and `inPlace` are `format.numbers` and
    /// `format.parsesInPlace`, passed on their own so the caller can keep them in registers.
    @inline(__always)
    mutating func read(_ scanner: inout CSVScanner, isLast: Bool, row: Int, slots: ColumnSlots,
                       _ numbers: NumberFormat, inPlace: Bool, _ format: FieldFormat) throws(FieldProblem) {
        if inPlace {
            switch kind {
            case .integer:
                if let value = scanner.value(isLast: isLast, { numbers.integer($0, from: $1, to: $2) }) {
                    slots[row] = UInt64(bitPattern: value)
                    return
                }
            case .real:
                if let value = scanner.value(isLast: isLast, { numbers.real($0, from: $1, to: $2) }) {
                    slots[row] = value.bitPattern
                    return
                }
            case .month:
                if let value = scanner.value(isLast: isLast, { CalendarParsing.month($0, from: $1, to: $2) }) {
                    slots[row] = Self.codeBits(value)
                    return
                }
            case .date:
                if let value = scanner.value(isLast: isLast, { CalendarParsing.date($0, from: $1, to: $2) }) {
                    slots[row] = Self.codeBits(value)
                    return
                }
            case .categorical, .needsText, .skipped:
                break
            }
        }
        try readField(&scanner, isLast: isLast, row: row, slots: slots, format)
    }

    /// Locates the field and takes in its content: the general way, for every field that is not
    /// a plain value followed by the right separator.
    private mutating func readField(_ scanner: inout CSVScanner, isLast: Bool, row: Int, slots: ColumnSlots, _ format: FieldFormat) throws(FieldProblem) {
        let field: Field
        do { field = try scanner.nextField() } catch { throw .scan(error) }
        if field.endsRecord != isLast { throw field.endsRecord ? .recordEndsEarly : .recordGoesOn }
        try scanner.withContent(of: field) { (content) throws(FieldProblem) in
            try take(UnsafeBufferPointer(rebasing: trimmingSpaces(content)), row: row, slots: slots, format)
        }
    }

    /// Takes `field` (trimmed) as row `row`.
    private mutating func take(_ field: UnsafeBufferPointer<UInt8>, row: Int, slots: ColumnSlots, _ format: FieldFormat) throws(FieldProblem) {
        if format.missing.matches(field) {
            if let placeholder = missingPlaceholder {
                slots[row] = placeholder
                let index = row >> 6
                if index >= missingWords.count { missingWords += repeatElement(0, count: index + 1 - missingWords.count) }
                missingWords[index] |= 1 << UInt64(row & 63)
            }
            return
        }
        let value: UInt64?
        switch kind {
        case .integer: value = format.numbers.integer(field).map { UInt64(bitPattern: $0) }
        case .real: value = format.numbers.real(field).map(\.bitPattern)
        case .month: value = CalendarParsing.month(field).map(Self.codeBits)
        case .date: value = CalendarParsing.date(field).map(Self.codeBits)
        case .categorical: value = Self.codeBits(try code(for: field, format.encoding))
        case .needsText, .skipped: return
        }
        if let value {
            slots[row] = value
        } else if isInferred {
            try infer(field, row: row, slots: slots, format)
        } else {
            try Self.checkText(field, format.encoding)
            throw .invalid(Array(field))
        }
    }

    /// The category code of `field`; a new level is checked for NUL bytes and, unless the
    /// file is Windows-1252, for UTF-8.
    private mutating func code(for field: UnsafeBufferPointer<UInt8>, _ encoding: CSVEncoding?) throws(FieldProblem) -> Int32 {
        let known = levels.count
        let code = levels.code(for: field)
        if levels.count > known {
            if encoding == nil && !CSVEncoding.isValidUTF8(field) {
                sawInvalidUTF8 = true
            } else {
                try Self.checkText(field, encoding)
            }
        }
        return code
    }

    /// Throws when `field` holds a NUL byte, or is not UTF-8 in a UTF-8 file.
    private static func checkText(_ field: UnsafeBufferPointer<UInt8>, _ encoding: CSVEncoding?) throws(FieldProblem) {
        if field.contains(0) { throw .binary }
        if encoding == .utf8 && !CSVEncoding.isValidUTF8(field) { throw .notUTF8 }
    }

    /// The slot of a missing value, nil when the column keeps no values.
    private var missingPlaceholder: UInt64? {
        switch kind {
        case .integer, .month, .date: 0
        case .real: Double.nan.bitPattern
        case .categorical: Self.codeBits(-1)
        case .needsText, .skipped: nil
        }
    }

    private static func codeBits(_ code: Int32) -> UInt64 { UInt64(UInt32(bitPattern: code)) }

    private func isMissing(_ row: Int) -> Bool {
        row >> 6 < missingWords.count && (missingWords[row >> 6] >> UInt64(row & 63)) & 1 == 1
    }

    /// An inferred column met `field` (not missing) in row `row`, which its kind cannot parse:
    /// an integer column turns real if it is a number, else the column turns to text.
    private mutating func infer(_ field: UnsafeBufferPointer<UInt8>, row: Int, slots: ColumnSlots, _ format: FieldFormat) throws(FieldProblem) {
        if kind == .integer, let value = format.numbers.real(field) {
            for earlier in slots.firstRow..<row {
                slots[earlier] = isMissing(earlier) ? Double.nan.bitPattern : Double(Int64(bitPattern: slots[earlier])).bitPattern
            }
            reals = realValues()
            integers = []
            kind = .real
            slots[row] = value.bitPattern
        } else if missingCount(before: row) == row {         // nothing but missing values so far
            for earlier in slots.firstRow..<row { slots[earlier] = Self.codeBits(-1) }
            integers = []
            codes.reserveLargeCapacity(capacity)
            codes += repeatElement(-1, count: committedRows)
            kind = .categorical
            slots[row] = Self.codeBits(try code(for: field, format.encoding))
        } else {
            integers = []
            reals = []
            missingWords = []
            kind = .needsText
        }
    }

    /// How many of the rows before `row` are missing.
    private func missingCount(before row: Int) -> Int {
        var count = 0
        for (index, word) in missingWords.enumerated() where index * 64 < row {
            count += (index * 64 + 64 <= row ? word : word & (1 << UInt64(row - index * 64) - 1)).nonzeroBitCount
        }
        return count
    }

    /// Appends the slots of the batch's first `count` rows to the arrays.
    mutating func commit(_ slots: UnsafeMutablePointer<UInt64>, count: Int) {
        switch kind {
        case .integer:
            slots.withMemoryRebound(to: Int64.self, capacity: count) { integers.append(contentsOf: UnsafeBufferPointer(start: $0, count: count)) }
        case .real:
            slots.withMemoryRebound(to: Double.self, capacity: count) { reals.append(contentsOf: UnsafeBufferPointer(start: $0, count: count)) }
        case .categorical, .month, .date:
            for row in 0..<count { codes.append(Int32(truncatingIfNeeded: slots[row])) }
        case .needsText, .skipped:
            break
        }
        committedRows += count
    }

    // MARK: Handing over the values (each empties the builder's array)

    /// Which of the rows read are missing.
    var missingMask: MissingMask { MissingMask(count: committedRows, words: missingWords) }

    mutating func takeIntegers() -> [Int64] { take(&integers) }

    /// The values as Doubles (an integer builder's values converted, NaN where missing).
    mutating func takeReals() -> [Double] {
        guard kind == .integer else { return take(&reals) }
        defer { integers = [] }
        return realValues()
    }

    mutating func takeCodes() -> [Int32] { take(&codes) }

    private func realValues() -> [Double] {
        var values = [Double]()
        values.reserveLargeCapacity(capacity)
        for (row, value) in integers.enumerated() { values.append(isMissing(row) ? .nan : Double(value)) }
        return values
    }

    private func take<T>(_ array: inout [T]) -> [T] {
        var out: [T] = []
        swap(&out, &array)
        return out
    }
}
