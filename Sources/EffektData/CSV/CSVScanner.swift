import Foundation

/// One field as located by `CSVScanner`.
struct Field {
    /// The content's offsets in the input (inside the quotes of a quoted field).
    var start: Int
    var end: Int
    /// Whether the content holds doubled quotes `""`, each standing for one `"`.
    var hasDoubledQuotes: Bool
    /// Whether this is the last field of its record.
    var endsRecord: Bool
}

/// Why a field could not be read.
enum ScanFailure: Error {
    /// A quoted field runs to the end of the input; it opened on this (scanner-relative) line.
    case unterminatedQuote(line: Int)
    /// Something other than a delimiter or a line end follows a closing quote: the offsets of
    /// the unexpected text, on this line.
    case textAfterQuote(Range<Int>, line: Int)
}

/// The RFC 4180 tokenizer: locates fields one after another from a position in the input.
///
/// A field is either unquoted (everything up to the delimiter or line end; a `"` inside it is
/// kept as an ordinary character) or quoted (starts with `"`, may hold delimiters, line breaks
/// and doubled quotes `""`, and must be followed by a delimiter or line end; spaces around the
/// quotes are allowed and dropped). Records end with LF or CRLF, or at the end of the input.
/// `line` counts every LF passed, inside quotes too, so it gives physical lines. Fields are
/// scanned byte by byte for their first 64 bytes, then with `memchr`. Offsets are within the
/// input, so hot paths use wrapping arithmetic (`&+`): it cannot overflow.
struct CSVScanner {
    private let base: UnsafePointer<UInt8>
    private let end: Int
    private let delimiter: UInt8
    private(set) var position: Int
    /// Line feeds passed since the starting position.
    private(set) var line = 0

    init(_ bytes: ByteSource, from position: Int, delimiter: UInt8) {
        self.base = bytes.base
        self.end = bytes.count
        self.delimiter = delimiter
        self.position = position
    }

    /// Skips lines that are empty (LF or CRLF right at the current position), up to `limit`.
    mutating func skipEmptyLines(before limit: Int) {
        while position < limit {
            if base[position] == 0x0A {
                position += 1
            } else if base[position] == 0x0D && position + 1 < end && base[position + 1] == 0x0A {
                position += 2
            } else {
                return
            }
            line += 1
        }
    }

    /// Locates the field at the current position and moves past its delimiter or line end.
    @inline(__always)
    mutating func nextField() throws(ScanFailure) -> Field {
        if position < end && (base[position] == 0x22 || base[position] == 0x20), let quote = openingQuote() {
            return try quotedField(at: quote)
        }
        let d = delimiter
        let start = position
        var p = start
        let shortEnd = min(end, start &+ Self.shortField)
        while p < shortEnd {
            let byte = base[p]
            if byte == d { return unquoted(start, p, by: .delimiter) }
            if byte == 0x0A { return unquoted(start, p, by: .lineFeed) }
            p &+= 1
        }
        guard p < end else { return unquoted(start, end, by: .end) }
        let lineEnd = find(0x0A, from: p, to: end)
        if let stop = find(d, from: p, to: lineEnd ?? end) { return unquoted(start, stop, by: .delimiter) }
        return lineEnd.map { unquoted(start, $0, by: .lineFeed) } ?? unquoted(start, end, by: .end)
    }

    /// Fields are scanned byte by byte up to this length, beyond it with `memchr`.
    private static let shortField = 64

    private enum Terminator { case delimiter, lineFeed, end }

    /// The unquoted field `start..<stop`, moving past its terminator at `stop`.
    @inline(__always)
    private mutating func unquoted(_ start: Int, _ stop: Int, by terminator: Terminator) -> Field {
        switch terminator {
        case .delimiter:
            position = stop &+ 1
            return Field(start: start, end: stop, hasDoubledQuotes: false, endsRecord: false)
        case .lineFeed:
            line &+= 1
            position = stop &+ 1
        case .end:
            position = end
        }
        return Field(start: start, end: stop > start && base[stop - 1] == 0x0D ? stop - 1 : stop, hasDoubledQuotes: false, endsRecord: true)
    }

    /// The first offset of `byte` in `from..<to`.
    private func find(_ byte: UInt8, from: Int, to: Int) -> Int? {
        guard from < to, let found = memchr(base + from, Int32(byte), to - from) else { return nil }
        return UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// The offset of the quote closing a quoted field whose content starts at `p`, counting
    /// the line feeds passed; nil when there is none.
    private mutating func closingQuote(from start: Int) -> (Int, doubledQuotes: Bool)? {
        var p = start
        var doubledQuotes = false
        let shortEnd = min(end, start + Self.shortField)
        while true {
            let quote: Int
            if p < shortEnd {
                let byte = base[p]
                if byte == 0x0A { line += 1 }
                guard byte == 0x22 else { p += 1; continue }
                quote = p
            } else {
                guard let found = find(0x22, from: p, to: end) else { return nil }
                var feed = p
                while let next = find(0x0A, from: feed, to: found) {
                    line += 1
                    feed = next + 1
                }
                quote = found
            }
            guard quote + 1 < end && base[quote + 1] == 0x22 else { return (quote, doubledQuotes) }
            doubledQuotes = true
            p = quote + 2
        }
    }

    /// Reads an unquoted field that is exactly what `parse` reads from the current position,
    /// when a delimiter follows (`isLast` false) or a line end or the end of the input does
    /// (`isLast` true). Otherwise returns nil without moving, and the caller reads the field
    /// with `nextField`.
    @inline(__always)
    mutating func value<T>(isLast: Bool, _ parse: (UnsafePointer<UInt8>, Int, Int) -> (T, stop: Int)?) -> T? {
        guard let (value, stop) = parse(base, position, end) else { return nil }
        guard stop < end else {
            guard isLast else { return nil }
            position = end
            return value
        }
        switch base[stop] {
        case delimiter where !isLast:
            position = stop &+ 1
        case 0x0A where isLast:
            position = stop &+ 1
            line &+= 1
        case 0x0D where isLast && stop &+ 1 < end && base[stop &+ 1] == 0x0A:
            position = stop &+ 2
            line &+= 1
        default:
            return nil
        }
        return value
    }

    /// Calls `body` with the content of `field` (a copy when it holds doubled quotes).
    func withContent<R, E>(of field: Field, _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        guard field.hasDoubledQuotes else { return try body(UnsafeBufferPointer(start: base + field.start, count: field.end - field.start)) }
        var content: [UInt8] = []
        var i = field.start
        while i < field.end {
            content.append(base[i])
            i += base[i] == 0x22 ? 2 : 1
        }
        return try content.withUnsafeBufferPointer { (bytes) throws(E) in try body(bytes) }
    }

    /// The position of the quote opening the field at `position`, after spaces, if there is one.
    private func openingQuote() -> Int? {
        var p = position
        while p < end && base[p] == 0x20 { p += 1 }
        return p < end && base[p] == 0x22 ? p : nil
    }

    private mutating func quotedField(at quote: Int) throws(ScanFailure) -> Field {
        let openLine = line
        let contentStart = quote + 1
        guard let (contentEnd, doubledQuotes) = closingQuote(from: contentStart) else { throw .unterminatedQuote(line: openLine) }
        var p = contentEnd
        p += 1                                                  // the closing quote
        while p < end && base[p] == 0x20 { p += 1 }
        var field = Field(start: contentStart, end: contentEnd, hasDoubledQuotes: doubledQuotes, endsRecord: true)
        if p == end {
            position = end
            return field
        }
        switch base[p] {
        case delimiter:
            position = p + 1
            field.endsRecord = false
        case 0x0A:
            line += 1
            position = p + 1
        case 0x0D where p + 1 < end && base[p + 1] == 0x0A:
            line += 1
            position = p + 2
        default:
            var stop = p
            while stop < end && base[stop] != delimiter && base[stop] != 0x0A && base[stop] != 0x0D { stop += 1 }
            throw .textAfterQuote(p..<stop, line: line)
        }
        return field
    }
}
