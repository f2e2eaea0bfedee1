import Foundation

/// CSV as RFC 4180 describes it, with two deliberate choices: lines end in `\n` only (also the
/// last one), whatever the platform, and the separator may be `;` with a decimal comma, the
/// Swedish convention that Excel with Swedish settings and R's `read.csv2` expect.
///
/// Output is deterministic: numbers are printed locale-independently with the shortest
/// representation that reads back as the same `Double` (`0.1`, not `0.10000000000000001`), and
/// nothing depends on the machine. A field is quoted when it contains the separator, a quote,
/// a line break, or (with a decimal comma and `,` as separator) a number's comma; quotes inside
/// are doubled.
public struct CSVWriter: Sendable {
    /// One field of a row.
    public enum Field: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
                       ExpressibleByFloatLiteral {
        case text(String)
        case integer(Int)
        /// Printed shortest round-trip; NaN and ±infinity as an empty field, as R and Excel
        /// read a missing value (a non-finite number is a programming error; see
        /// `NumberFormatting`).
        case number(Double)
        /// An empty field: a missing or suppressed value (see `SmallCellPolicy`).
        case missing

        public init(stringLiteral value: String) { self = .text(value) }
        public init(integerLiteral value: Int) { self = .integer(value) }
        public init(floatLiteral value: Double) { self = .number(value) }
    }

    public let separator: Character
    public let decimalComma: Bool
    /// Whether the text starts with a UTF-8 byte-order mark. Excel needs it to read å ä ö in a
    /// UTF-8 file it is double-clicked open with; R and Python read the file without it.
    public let byteOrderMark: Bool

    public init(separator: Character = ",", decimalComma: Bool = false, byteOrderMark: Bool = false) {
        self.separator = separator
        self.decimalComma = decimalComma
        self.byteOrderMark = byteOrderMark
    }

    /// `,` and decimal point: R's `read.csv`, pandas, Stata.
    public static let international = CSVWriter()
    /// `;` and decimal comma: Excel with Swedish settings, R's `read.csv2`, the city's case
    /// system exports.
    public static let swedish = CSVWriter(separator: ";", decimalComma: true)

    /// The whole file: the header line, then one line per row.
    public func render(header: [String], rows: [[Field]]) -> String {
        let lines = [header.map { quoted($0) }] + rows.map { $0.map(text) }
        let body = lines.map { $0.joined(separator: String(separator)) + "\n" }.joined()
        return (byteOrderMark ? "\u{FEFF}" : "") + body
    }

    public func write(header: [String], rows: [[Field]], to url: URL) throws {
        try AtomicFile.write(render(header: header, rows: rows), to: url)
    }

    private func text(_ field: Field) -> String {
        switch field {
        case .text(let value): quoted(value)
        case .integer(let value): quoted(String(value))
        case .number(let value): DecimalNumber(value).map { quoted($0.shortestText(decimalSeparator: decimalComma ? "," : ".")) } ?? ""
        case .missing: ""
        }
    }

    private func quoted(_ value: String) -> String {
        let needsQuotes = value.contains(separator)
            || value.unicodeScalars.contains { $0 == "\"" || $0 == "\n" || $0 == "\r" }
        return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}
