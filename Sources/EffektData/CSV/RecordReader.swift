/// What reading one chunk of records produced.
struct ChunkResult: Sendable {
    /// The bytes read.
    var range: Range<Int>
    var builders: [ColumnBuilder]
    var rows: Int
    /// Line feeds passed, i.e. how many lines the chunk spans.
    var lines: Int
    /// Where the last record ended: the chunk's end exactly when the chunk began at a record
    /// boundary and ended at one.
    var end: Int
    /// Lines of the rows, counted from the chunk's first line as line 0.
    var rowLines: RowLines
}

/// A problem with a record; `line` counts line feeds from the chunk's start.
struct RecordFailure: Error, Sendable {
    var line: Int
    var field: Int
    var message: Message
    var hint: String?

    enum Message: Sendable {
        case text(String)
        /// Says which line is not UTF-8, so it is written once the line is known.
        case notUTF8
    }

    init(line: Int, field: Int, message: String, hint: String?) {
        self.init(line: line, field: field, message: .text(message), hint: hint)
    }

    init(line: Int, field: Int, message: Message, hint: String?) {
        (self.line, self.field, self.message, self.hint) = (line, field, message, hint)
    }
}

extension RecordFailure {
    /// The failure of a field the scanner could not read.
    init(_ failure: ScanFailure, field: Int, bytes: ByteSource, encoding: CSVEncoding?) {
        switch failure {
        case .unterminatedQuote(let line):
            self.init(line: line, field: field, message: "a quoted field starts here and is never closed",
                      hint: "a field starting with \" ends at the next lone \"; a quote inside it is written \"\"")
        case .textAfterQuote(let range, let line):
            let found = quotedForMessage(UnsafeBufferPointer(start: bytes.base + range.lowerBound, count: range.count), encoding)
            self.init(line: line, field: field, message: "expected a delimiter or a line end after the closing quote, found \(found)",
                      hint: "a quote inside a quoted field is written \"\"")
        }
    }

    /// The failure as a `DataError` of `file`, when the scanner's line 0 is line `firstLine` there.
    func dataError(file: String, firstLine: Int) -> DataError {
        let text = switch message {
        case .text(let text): text
        case .notUTF8: "file is not valid UTF-8 at line \(firstLine + line); it may be Windows-1252"
        }
        return DataError(file: file, line: firstLine + line, column: field, message: text, hint: hint)
    }

    /// A field with a NUL byte.
    static func binary(line: Int, field: Int) -> RecordFailure {
        RecordFailure(line: line, field: field, message: "expected text, found a NUL byte; this looks like a binary file, not CSV", hint: nil)
    }

    /// A field that is not UTF-8 in a UTF-8 file.
    static func notUTF8(line: Int, field: Int) -> RecordFailure {
        RecordFailure(line: line, field: field, message: .notUTF8, hint: "pass encoding: .windows1252")
    }
}

/// Reads records (after the header) into one builder per column, checking that every record
/// has as many fields as the header.
///
/// Records are read in batches of a few thousand values, which the builders then append to
/// their arrays. A chunk is read from its first byte until a record ends at or after its end;
/// the last record may run past the end (the caller then knows the split was not at a record
/// boundary). The first problem in the chunk is reported.
struct RecordReader: Sendable {
    let bytes: ByteSource
    let delimiter: UInt8
    let names: [String]
    let format: FieldFormat
    /// Whether the delimiter was detected (for the hint on a ragged row).
    let delimiterDetected: Bool

    /// Hands the pages of a mapped file back to the kernel after this many bytes.
    private static let releaseStride = 64 << 20

    func read(_ range: Range<Int>, into initial: [ColumnBuilder]) -> Result<ChunkResult, RecordFailure> {
        var builders = initial
        let batchRows = max(8, 4096 / builders.count)
        let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: batchRows * builders.count)
        defer { slots.deallocate() }
        var scanner = CSVScanner(bytes, from: range.lowerBound, delimiter: delimiter)
        var rowLines = RowLines(firstLine: 0)
        var rows = 0
        var released = range.lowerBound
        while true {
            let (count, problem) = builders.withUnsafeMutableBufferPointer { builders in
                readBatch(&scanner, into: builders, slots: slots, batchRows: batchRows, firstRow: rows, before: range.upperBound, &rowLines)
            }
            if let problem { return .failure(failure(problem, scanner: &scanner, builders)) }
            rows += count
            if count < batchRows { break }
            if scanner.position - released >= Self.releaseStride {
                bytes.release(released..<scanner.position)
                released = scanner.position
            }
        }
        bytes.release(released..<min(scanner.position, range.upperBound))
        return .success(ChunkResult(range: range, builders: builders, rows: rows, lines: scanner.line, end: scanner.position, rowLines: rowLines))
    }

    /// A problem that stopped a batch: in which column, on which line, in a record starting on
    /// which line (lines counted from the chunk's start).
    private struct BatchProblem {
        let problem: FieldProblem
        let column: Int
        let line: Int
        let recordLine: Int
    }

    /// Reads up to `batchRows` records that start before `limit` into the builders, through
    /// `slots` (`batchRows` per column), as rows `firstRow…`. Returns how many records were
    /// read whole, and the problem that stopped the batch early, if any.
    private func readBatch(_ scanner: inout CSVScanner, into builders: UnsafeMutableBufferPointer<ColumnBuilder>,
                           slots: UnsafeMutablePointer<UInt64>, batchRows: Int, firstRow: Int, before limit: Int,
                           _ rowLines: inout RowLines) -> (Int, BatchProblem?) {
        var local = scanner                    // in registers for the loop, not behind a pointer
        defer { scanner = local }
        let format = format
        let (numbers, inPlace) = (format.numbers, format.parsesInPlace)
        let columns = builders.count
        var count = 0
        var problem: BatchProblem?
        batch: while count < batchRows {
            local.skipEmptyLines(before: limit)
            guard local.position < limit else { break }
            let recordLine = local.line
            let row = firstRow &+ count                     // rows and offsets cannot overflow
            rowLines.note(row: row, line: recordLine)
            for column in 0..<columns {
                let fieldLine = local.line
                let columnSlots = ColumnSlots(base: slots + column &* batchRows, firstRow: firstRow)
                do throws(FieldProblem) {
                    try builders[column].read(&local, isLast: column == columns &- 1, row: row, slots: columnSlots,
                                              numbers, inPlace: inPlace, format)
                } catch {
                    problem = BatchProblem(problem: error, column: column, line: fieldLine, recordLine: recordLine)
                    break batch
                }
            }
            count &+= 1
        }
        for column in 0..<columns { builders[column].commit(slots + column &* batchRows, count: count) }
        return (count, problem)
    }

    private func failure(_ stop: BatchProblem, scanner: inout CSVScanner, _ builders: [ColumnBuilder]) -> RecordFailure {
        let (column, line, recordLine) = (stop.column, stop.line, stop.recordLine)
        switch stop.problem {
        case .scan(let failure):
            return RecordFailure(failure, field: column + 1, bytes: bytes, encoding: format.encoding)
        case .recordEndsEarly:
            return RecordFailure(line: recordLine, field: column + 2, message: "expected \(names.count) fields, found \(column + 1)", hint: raggedHint)
        case .recordGoesOn:
            var found = names.count + 1
            while let field = try? scanner.nextField(), !field.endsRecord { found += 1 }
            return RecordFailure(line: recordLine, field: names.count + 1, message: "expected \(names.count) fields, found \(found)", hint: raggedHint)
        case .invalid(let content):
            return content.withUnsafeBufferPointer { valueFailure($0, column: column, kind: builders[column].kind, line: line) }
        case .binary:
            return .binary(line: line, field: column + 1)
        case .notUTF8:
            return .notUTF8(line: line, field: column + 1)
        }
    }

    private var raggedHint: String? {
        let shown = delimiter == 0x09 ? "tab" : "'\(Character(Unicode.Scalar(delimiter)))'"
        return delimiterDetected ? "the delimiter \(shown) was detected from the header; pass delimiter if it is another" : nil
    }

    private func valueFailure(_ field: UnsafeBufferPointer<UInt8>, column: Int, kind: ColumnBuilder.Kind, line: Int) -> RecordFailure {
        let expected = switch kind {
        case .integer: "an integer"
        case .real: "a number"
        case .month: "a month (\(CalendarParsing.monthFormats))"
        default: "a date (\(CalendarParsing.dateFormats))"
        }
        return RecordFailure(line: line, field: column + 1,
                             message: "expected \(expected) in column \"\(names[column])\", found \(quotedForMessage(field, format.encoding))",
                             hint: kind == .integer || kind == .real ? numberHint(field, kind: kind) : nil)
    }

    /// What may be wrong with a field that is not a number: the first other reading of the
    /// options under which it would be one.
    private func numberHint(_ field: UnsafeBufferPointer<UInt8>, kind: ColumnBuilder.Kind) -> String? {
        let comma = format.numbers.decimalSeparator == UInt8(ascii: ",")
        let grouped: ThousandsSeparator = format.numbers.groupsDigits ? .space : .none
        let otherDecimal = comma ? "numbers are read with a decimal comma; pass decimalComma: false to read 12.5"
                                 : "numbers are read with a decimal point; pass decimalComma: true to read 12,5"
        let groups = "pass thousandsSeparator: .space to read digit groups like 1 234"
        let readings: [(Bool, ThousandsSeparator, String)] = [
            (!comma, grouped, otherDecimal), (comma, .space, groups), (!comma, .space, otherDecimal + ", and " + groups),
        ]
        for (decimalComma, thousands, hint) in readings {
            let other = NumberFormat(decimalComma: decimalComma, thousands: thousands, encoding: format.encoding)
            if kind == .integer ? other.integer(field) != nil : other.real(field) != nil { return hint }
        }
        if kind == .integer && format.numbers.real(field) != nil {
            return "the column is declared integer; declare it real to read decimals"
        }
        return nil
    }
}
