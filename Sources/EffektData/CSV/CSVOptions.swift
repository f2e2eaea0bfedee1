import Foundation

/// Text encodings the CSV reader understands.
public enum CSVEncoding: Sendable, Equatable {
    /// UTF-8, with or without a byte-order mark (the mark is skipped).
    case utf8
    /// Windows-1252: ISO 8859-1 (Latin-1) with printable characters (€, ‚, Š, …) in 0x80–0x9F.
    /// Every byte is a character; 0xE5 0xE4 0xF6 are "åäö".
    case windows1252
}

/// Digit-group separators allowed inside numbers.
public enum ThousandsSeparator: Sendable, Equatable {
    /// Digits only: `1234,50`.
    case none
    /// A space or a non-breaking space (U+00A0; byte 0xA0 in Windows-1252) between groups of
    /// three digits in the integer part: `1 234 567,50`. The first group has 1–3 digits, every
    /// later group exactly 3.
    case space
}

/// How to read a CSV file. Every `nil` means "detect it from the file".
public struct CSVOptions: Sendable {
    /// The field separator, `,` `;` or tab (any ASCII byte but `"`, CR and LF is accepted).
    /// Detected from the first line, outside quotes: `;` if present, else tab if present, else `,`.
    public var delimiter: UInt8?
    /// Whether numbers use a decimal comma (`12,5`). Detected from up to 1000 records after the
    /// header: never with a `,` delimiter; otherwise whichever of `12,5` or `12.5` style is more
    /// common among the fields; when neither appears, true for `;` and false for tab.
    public var decimalComma: Bool?
    public var thousandsSeparator: ThousandsSeparator
    /// Detected as UTF-8 when a UTF-8 byte-order mark starts the file or its text is valid
    /// UTF-8, otherwise Windows-1252. The text judged is the header when it has non-ASCII
    /// characters, else the text values (categorical fields); numbers are ASCII either way.
    public var encoding: CSVEncoding?
    /// Field contents that mean "no value" (compared after trimming spaces; a quoted field
    /// counts the same as an unquoted one).
    public var missing: Set<String>
    /// Whether the first record names the columns; without it columns are named V1, V2, ….
    public var hasHeader: Bool
    /// Types by column name; other columns are inferred (integer if every value is an
    /// integer, else real if every value is a number, else categorical). Months and dates are
    /// never inferred. Naming a column the file lacks is an error. Declaring text columns as
    /// `.categorical` spares a second pass when a column looks numeric for a while and then is not.
    public var columnTypes: [String: ColumnType]
    /// Columns the header must contain.
    public var requiredColumns: [String]
    /// When set, only these columns are read (in file order); the others are skipped, though
    /// their fields are still delimited and counted. Every name must be in the header.
    public var selectedColumns: [String]?
    /// Worker threads (at least 1). The table is identical for every thread count.
    public var threads: Int
    /// Smallest part of the file given to one thread (tests lower it to force many chunks).
    var minimumChunkBytes = 1 << 20

    public init(delimiter: UInt8? = nil, decimalComma: Bool? = nil, thousandsSeparator: ThousandsSeparator = .none,
                encoding: CSVEncoding? = nil, missing: Set<String> = ["", "NA", "."], hasHeader: Bool = true,
                columnTypes: [String: ColumnType] = [:], requiredColumns: [String] = [], selectedColumns: [String]? = nil,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.delimiter = delimiter
        self.decimalComma = decimalComma
        self.thousandsSeparator = thousandsSeparator
        self.encoding = encoding
        self.missing = missing
        self.hasHeader = hasHeader
        self.columnTypes = columnTypes
        self.requiredColumns = requiredColumns
        self.selectedColumns = selectedColumns
        self.threads = threads
    }
}
