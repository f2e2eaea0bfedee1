import EffektNumerics
/// One reading of one input, in steps: byte-order mark, delimiter, header, a sample of the
/// records (decimal separator, record length), chunks of records read on several threads, a
/// second read of columns that turned out categorical, the encoding, and joining the chunks
/// into columns.
struct CSVIngest {
    let bytes: ByteSource
    let name: String
    let options: CSVOptions

    /// The header as read.
    private struct Header {
        var names: [String]
        /// The encoding, when given or decided by non-ASCII text in the header.
        var encoding: CSVEncoding?
        /// Where the first data record starts, and its 1-based line.
        var dataStart: Int
        var dataLine: Int
    }

    func table() throws -> Table {
        let (start, bom) = try contentStart()
        let delimiter = try options.delimiter.map(checkedDelimiter) ?? CSVDialect.delimiter(bytes, lineAt: start)
        let header = try readHeader(from: start, delimiter: delimiter, given: options.encoding ?? (bom ? .utf8 : nil))
        let sample = CSVDialect.sample(bytes, dataAt: header.dataStart, delimiter: delimiter)
        let decimalComma = options.decimalComma ?? CSVDialect.decimalComma(sample, delimiter: delimiter)
        let encoding = header.encoding
        let reader = RecordReader(
            bytes: bytes, delimiter: delimiter, names: header.names,
            format: FieldFormat(numbers: NumberFormat(decimalComma: decimalComma, thousands: options.thousandsSeparator, encoding: encoding),
                                missing: MissingTokens(options.missing, encoding: encoding), encoding: encoding),
            delimiterDetected: options.delimiter == nil)
        let selected = header.names.map { options.selectedColumns?.contains($0) ?? true }
        let declared = header.names.map { options.columnTypes[$0] }
        let data = header.dataStart..<bytes.count
        let chunkCount = min(max(1, options.threads), max(1, data.count / max(1, options.minimumChunkBytes)))
        let plan = ChunkPlan(bytes, data: data, count: chunkCount, bytesPerRecord: sample.bytesPerRecord)
        var chunks = try readChunks(plan, reader, dataLine: header.dataLine) { capacity in
            header.names.indices.map { selected[$0] ? ColumnBuilder(type: declared[$0], capacity: capacity) : .skipped }
        }
        let types = header.names.indices.map { c in ColumnAssembly.type(declared: declared[c], kinds: chunks.map { $0.builders[c].kind }) }
        try rereadCategorical(&chunks, reader: reader, types: types, selected: selected, dataLine: header.dataLine)
        let sawInvalidUTF8 = chunks.contains { $0.builders.contains(where: \.sawInvalidUTF8) }
        let textEncoding = encoding ?? (sawInvalidUTF8 ? .windows1252 : .utf8)

        let (rowLines, rows) = Self.rowLines(of: chunks, dataLine: header.dataLine)
        let kept = header.names.indices.filter { selected[$0] }
        let parts = kept.map { c in ColumnParts(chunks.map { $0.builders[c] }) }
        chunks.removeAll()                              // the parts now hold the only copies
        let columns = Parallel.map(chunks: kept.count, workers: options.threads) { i in
            parts[i].join(as: types[kept[i]], encoding: textEncoding)
        }
        return Table(source: name, names: kept.map { header.names[$0] }, columns: columns, rowCount: rows, rowLines: rowLines)
    }

    /// The lines of the rows of `chunks`, which follow one another from line `dataLine` on.
    private static func rowLines(of chunks: [ChunkResult], dataLine: Int) -> (RowLines, rows: Int) {
        var rowLines = RowLines(firstLine: dataLine)
        var rows = 0, line = dataLine
        for chunk in chunks {
            rowLines.append(chunk.rowLines, rows: chunk.rows, rowOffset: rows, lineOffset: line)
            rows += chunk.rows
            line += chunk.lines
        }
        return (rowLines, rows)
    }

    /// Where the text starts (after a UTF-8 byte-order mark, which is reported); a UTF-16 file
    /// or one with nothing but empty lines is an error.
    private func contentStart() throws -> (Int, bom: Bool) {
        let b = bytes.base
        if bytes.count >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF)) {
            throw DataError(file: name, line: 1, column: 1, message: "the file is UTF-16 encoded",
                            hint: "save it as UTF-8 (Excel: \"CSV UTF-8\") or Windows-1252")
        }
        let bom = bytes.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF
        let start = bom ? 3 : 0
        guard (start..<bytes.count).contains(where: { b[$0] != 0x0A && b[$0] != 0x0D }) else {
            throw CSVReader.emptyFile(name)
        }
        return (start, bom)
    }

    private func checkedDelimiter(_ delimiter: UInt8) throws -> UInt8 {
        guard delimiter < 0x80, ![0x22, 0x0A, 0x0D, 0x20].contains(delimiter) else {
            throw DataError(file: name, message: "cannot use byte \(delimiter) as the delimiter", hint: "use , ; or tab")
        }
        return delimiter
    }

    /// Reads the header (or, without one, counts the first record's fields), settles the
    /// encoding if the header decides it, and checks the names against the options.
    private func readHeader(from start: Int, delimiter: UInt8, given: CSVEncoding?) throws -> Header {
        var scanner = CSVScanner(bytes, from: start, delimiter: delimiter)
        scanner.skipEmptyLines(before: bytes.count)
        let recordStart = scanner.position
        let line = scanner.line + 1
        var fields: [[UInt8]] = []
        while true {
            do {
                let field = try scanner.nextField()
                fields.append(scanner.withContent(of: field) { Array(trimmingSpaces($0)) })
                if field.endsRecord { break }
            } catch {
                throw RecordFailure(error, field: fields.count + 1, bytes: bytes, encoding: given).dataError(file: name, firstLine: 1)
            }
        }
        guard options.hasHeader else {
            let names = fields.indices.map { "V\($0 + 1)" }
            return try checked(Header(names: names, encoding: given, dataStart: recordStart, dataLine: line), line: line)
        }
        let encoding = given ?? headerEncoding(fields)
        for (index, field) in fields.enumerated() {
            try field.withUnsafeBufferPointer { bytes in
                if bytes.contains(0) { throw RecordFailure.binary(line: 0, field: index + 1).dataError(file: name, firstLine: line) }
                if encoding == .utf8 && !CSVEncoding.isValidUTF8(bytes) {
                    throw RecordFailure.notUTF8(line: 0, field: index + 1).dataError(file: name, firstLine: line)
                }
            }
        }
        let names = fields.map { field in field.withUnsafeBufferPointer { (encoding ?? .utf8).string($0) } }
        for (index, name) in names.enumerated() {
            if name.isEmpty {
                throw DataError(file: self.name, line: line, column: index + 1, message: "header field \(index + 1) is empty; every column needs a name",
                                hint: index == names.count - 1 ? "a delimiter at the end of each line makes an extra, unnamed column" : nil)
            }
            if let first = names[..<index].firstIndex(of: name) {
                throw DataError(file: self.name, line: line, column: index + 1,
                                message: "duplicate column name \"\(name)\" (fields \(first + 1) and \(index + 1))")
            }
        }
        return try checked(Header(names: names, encoding: encoding, dataStart: scanner.position, dataLine: scanner.line + 1), line: line)
    }

    /// The encoding non-ASCII header text shows: UTF-8 if valid, else Windows-1252; nil for
    /// an ASCII header.
    private func headerEncoding(_ fields: [[UInt8]]) -> CSVEncoding? {
        let text = Array(fields.joined())
        guard text.contains(where: { $0 >= 0x80 }) else { return nil }
        return text.withUnsafeBufferPointer(CSVEncoding.guess)
    }

    /// `header`, after checking that the columns the options name are in it.
    private func checked(_ header: Header, line: Int) throws -> Header {
        let listed = "the header has " + header.names.map { "\"\($0)\"" }.joined(separator: ", ")
        if let absent = options.requiredColumns.first(where: { !header.names.contains($0) }) {
            throw DataError(file: name, line: line, message: "missing required column \"\(absent)\"", hint: listed)
        }
        if let absent = options.columnTypes.keys.sorted().first(where: { !header.names.contains($0) }) {
            throw DataError(file: name, line: line, message: "a type is given for column \"\(absent)\", which the file does not have", hint: listed)
        }
        if let absent = options.selectedColumns?.first(where: { !header.names.contains($0) }) {
            throw DataError(file: name, line: line, message: "column \"\(absent)\" is selected but the file does not have it", hint: listed)
        }
        return header
    }

    /// Reads the chunks of `plan` on their threads, into builders made by `builders` for a
    /// capacity; when a record ran past a chunk's end (the cut fell inside a quoted field),
    /// reads the data again as one chunk. The first failure in the file is thrown.
    private func readChunks(_ plan: ChunkPlan, _ reader: RecordReader, dataLine: Int,
                            builders: @escaping @Sendable (Int) -> [ColumnBuilder]) throws -> [ChunkResult] {
        let results = Parallel.map(chunks: plan.ranges.count, workers: options.threads) { k in reader.read(plan.ranges[k], into: builders(plan.capacities[k])) }
        var chunks: [ChunkResult] = []
        var line = dataLine
        for (k, result) in results.enumerated() {
            let chunk = try result.mapError { $0.dataError(file: name, firstLine: line) }.get()
            if chunk.end != plan.ranges[k].upperBound {
                let data = plan.ranges[0].lowerBound..<plan.ranges[plan.ranges.count - 1].upperBound
                return try readChunks(ChunkPlan(bytes, data: data, count: 1, bytesPerRecord: plan.bytesPerRecord), reader, dataLine: dataLine, builders: builders)
            }
            chunks.append(chunk)
            line += chunk.lines
        }
        return chunks
    }

    /// Reads again, as categorical, the columns that are categorical but whose builder in some
    /// chunk is not (it held numbers, or only missing values, before the text came).
    private func rereadCategorical(_ chunks: inout [ChunkResult], reader: RecordReader, types: [ColumnType], selected: [Bool], dataLine: Int) throws {
        let pending = chunks.map { chunk in
            types.indices.filter { selected[$0] && types[$0] == .categorical && chunk.builders[$0].kind != .categorical }
        }
        guard pending.contains(where: { !$0.isEmpty }) else { return }
        let ranges = chunks.map { $0.range }
        let capacities = chunks.map { $0.rows }
        let again = Parallel.map(chunks: chunks.count, workers: options.threads) { k in
            pending[k].isEmpty ? nil : reader.read(ranges[k], into: types.indices.map {
                pending[k].contains($0) ? ColumnBuilder(type: .categorical, capacity: capacities[k]) : .skipped
            })
        }
        var line = dataLine
        for k in chunks.indices {
            if let result = again[k] {
                let chunk = try result.mapError { $0.dataError(file: name, firstLine: line) }.get()
                for c in pending[k] { chunks[k].builders[c] = chunk.builders[c] }
            }
            line += chunks[k].lines
        }
    }
}

/// One column's builders from all chunks, handed whole to the thread that joins them (so the
/// arrays it appends to have no other owner and are not copied).
private final class ColumnParts: @unchecked Sendable {
    private var builders: [ColumnBuilder]

    init(_ builders: [ColumnBuilder]) { self.builders = builders }

    /// The joined column; called once.
    func join(as type: ColumnType, encoding: CSVEncoding) -> Column {
        var parts: [ColumnBuilder] = []
        swap(&parts, &builders)
        return ColumnAssembly.column(&parts, as: type, encoding: encoding)
    }
}
