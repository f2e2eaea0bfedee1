import Foundation

/// Reads delimited text files into typed, columnar `Table`s.
///
/// Accepts RFC 4180 CSV: fields separated by `,` `;` or tab, records ending with LF or CRLF
/// (the last one may lack it), fields optionally quoted with `"` (then holding delimiters,
/// line breaks and quotes written `""`). Empty lines are skipped. Text is UTF-8 (with or
/// without byte-order mark) or Windows-1252/Latin-1. See `CSVOptions` for what is detected
/// and how, `NumberParsing`/`CalendarParsing` for the accepted value formats.
///
/// Files are memory-mapped and parsed on `options.threads` threads; the table is the same
/// for any thread count. Every problem is thrown as a `DataError` naming the file, the
/// 1-based physical line and field, what was expected and what was found.
public enum CSVReader {
    /// Reads the file at `url`; `url.lastPathComponent` names it in errors.
    public static func read(_ url: URL, options: CSVOptions = CSVOptions()) throws -> Table {
        let name = url.lastPathComponent
        let file = try MappedFile(url: url, name: name)
        return try withExtendedLifetime(file) { try CSVIngest(bytes: file.bytes, name: name, options: options).table() }
    }

    /// Reads CSV text held in memory; `name` names it in errors.
    public static func read(data: Data, name: String, options: CSVOptions = CSVOptions()) throws -> Table {
        try data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0 else { throw emptyFile(name) }
            let bytes = ByteSource(base: base.assumingMemoryBound(to: UInt8.self), count: raw.count, isMapped: false)
            return try CSVIngest(bytes: bytes, name: name, options: options).table()
        }
    }

    static func emptyFile(_ name: String) -> DataError {
        DataError(file: name, message: "the file is empty", hint: "expected a header line and records")
    }
}
