import Foundation

/// Maps person identifiers, as they appear in any file, to rows of the persons file.
///
/// Identifiers may be integers or text; a file whose id column has the other type is compared
/// as text. Integer ids in a range at most 32 times their number (pseudonymised ids are often
/// spread that way) use a direct lookup table instead of hashing.
struct PersonIndex: Sendable {
    static let unknown: Int32 = -1
    static let missing: Int32 = -2

    /// Integer ids (and text ids that read as integers): a direct table over a compact range, else a dictionary.
    private let direct: (offset: Int64, rows: [Int32])?
    private let byInteger: [Int64: Int32]
    /// Text ids (only when the persons file's ids are not integers).
    private let byText: [String: Int32]
    /// Rows of the persons file whose id repeats an earlier one (1-based lines reported by the validator).
    let duplicateRows: [Int]
    let missingRows: [Int]

    init(ids: Column) {
        var duplicates: [Int] = []
        var missing: [Int] = []
        var direct: (offset: Int64, rows: [Int32])?
        var integer: [Int64: Int32] = [:]
        var text: [String: Int32] = [:]
        if case let .integer(c) = ids {
            var lo = Int64.max, hi = Int64.min, present = 0
            for (row, id) in c.values.enumerated() where !c.missing[row] {
                lo = min(lo, id)
                hi = max(hi, id)
                present += 1
            }
            if present > 0, hi.subtractingReportingOverflow(lo).overflow == false, hi - lo < Int64(max(32 * present, 1024)) {
                var rows = [Int32](repeating: Self.unknown, count: Int(hi - lo) + 1)
                for (row, id) in c.values.enumerated() {
                    if c.missing[row] { missing.append(row); continue }
                    if rows[Int(id - lo)] != Self.unknown { duplicates.append(row) } else { rows[Int(id - lo)] = Int32(row) }
                }
                direct = (lo, rows)
            } else {
                integer.reserveCapacity(c.values.count)
                for (row, id) in c.values.enumerated() {
                    if c.missing[row] { missing.append(row); continue }
                    if integer[id] != nil { duplicates.append(row) } else { integer[id] = Int32(row) }
                }
            }
        } else {
            for (row, id) in ids.textValues.enumerated() {
                guard let id else { missing.append(row); continue }
                if text[id] != nil { duplicates.append(row); continue }
                text[id] = Int32(row)
                // Files whose id column reads as integers find these persons by number.
                if let n = Int64(id), integer[n] == nil { integer[n] = Int32(row) }
            }
        }
        self.direct = direct
        byInteger = integer
        byText = text
        duplicateRows = duplicates
        missingRows = missing
    }

    /// The row of an integer id.
    private func row(ofInteger id: Int64) -> Int32 {
        if let (offset, table) = direct {
            let k = id.subtractingReportingOverflow(offset)
            return !k.overflow && k.partialValue >= 0 && k.partialValue < Int64(table.count) ? table[Int(k.partialValue)] : Self.unknown
        }
        return byInteger[id] ?? Self.unknown
    }

    /// The row of a text id: as text, or as the integer it writes (in its canonical form).
    private func row(ofText id: String) -> Int32 {
        if !byText.isEmpty { return byText[id] ?? Self.unknown }
        guard let n = Int64(id), String(n) == id else { return Self.unknown }
        return row(ofInteger: n)
    }

    /// The persons-file row of each entry of another file's id column (`unknown` or `missing`).
    func rows(of column: Column) -> [Int32] {
        switch column {
        case let .integer(c):
            // Files are usually sorted by person: an id repeating the previous one is not looked up again.
            var out = [Int32](repeating: Self.unknown, count: c.values.count)
            var last: (id: Int64, row: Int32)?
            c.values.withUnsafeBufferPointer { ids in
                for r in 0..<ids.count {
                    if c.missing[r] { out[r] = Self.missing; continue }
                    if let last, last.id == ids[r] { out[r] = last.row; continue }
                    out[r] = row(ofInteger: ids[r])
                    last = (ids[r], out[r])
                }
            }
            return out
        case let .categorical(c):
            let levelRows = c.levels.map { row(ofText: $0) }
            return c.codes.map { $0 < 0 ? Self.missing : levelRows[Int($0)] }
        default:
            return column.textValues.map { $0.map { row(ofText: $0) } ?? Self.missing }
        }
    }
}

extension Column {
    /// `transform` of every value as text (nil where missing); a categorical column's levels are
    /// transformed once each.
    func mapText<T>(_ transform: (String) -> T) -> [T?] {
        if case let .categorical(c) = self {
            let mapped = c.levels.map(transform)
            return c.codes.map { $0 < 0 ? nil : mapped[Int($0)] }
        }
        return textValues.map { $0.map(transform) }
    }

    /// Every value as text (nil where missing), for identifiers and codes of any type.
    var textValues: [String?] {
        switch self {
        case let .integer(c): return c.values.indices.map { c.missing[$0] ? nil : String(c.values[$0]) }
        case let .categorical(c): return c.codes.indices.map { c[$0] }
        case let .real(c): return c.values.indices.map { c.missing[$0] ? nil : String(c.values[$0]) }
        case let .month(c): return c.values.indices.map { c.missing[$0] ? nil : MonthText.format(c.values[$0]) }
        case let .date(c):
            return c.values.indices.map { i -> String? in
                guard !c.missing[i] else { return nil }
                let (y, m, d) = CalendarCode.yearMonthDay(c.values[i])
                return String(format: "%04d-%02d-%02d", y, m, d)
            }
        }
    }
}
