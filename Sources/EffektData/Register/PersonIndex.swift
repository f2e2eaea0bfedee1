import Foundation

/// Maps person identifiers, as they appear in any file, to rows of the persons file.
///
/// Identifiers may be integers or text; a file whose id column has the other type is compared
/// as text. Integer ids in a compact range use a direct lookup table instead of hashing.
struct PersonIndex: Sendable {
    static let unknown: Int32 = -1
    static let missing: Int32 = -2

    private let byInteger: [Int64: Int32]
    private let direct: (offset: Int64, rows: [Int32])?
    private let byText: [String: Int32]
    /// Rows of the persons file whose id repeats an earlier one (1-based lines reported by the validator).
    let duplicateRows: [Int]
    let missingRows: [Int]

    init(ids: Column) {
        var integer: [Int64: Int32] = [:]
        var text: [String: Int32] = [:]
        var duplicates: [Int] = []
        var missing: [Int] = []
        switch ids {
        case let .integer(c):
            integer.reserveCapacity(c.values.count)
            for (row, id) in c.values.enumerated() {
                if c.missing[row] { missing.append(row); continue }
                if integer[id] != nil { duplicates.append(row) } else { integer[id] = Int32(row) }
            }
            for (id, row) in integer { text[String(id)] = row }
        default:
            let values = ids.textValues
            for (row, id) in values.enumerated() {
                guard let id else { missing.append(row); continue }
                if text[id] != nil { duplicates.append(row) } else { text[id] = Int32(row) }
            }
            for (id, row) in text { if let n = Int64(id) { integer[n] = row } }
        }
        if let lo = integer.keys.min(), let hi = integer.keys.max(), hi - lo < Int64(max(4 * integer.count, 1024)) {
            var rows = [Int32](repeating: Self.unknown, count: Int(hi - lo) + 1)
            for (id, row) in integer { rows[Int(id - lo)] = row }
            direct = (lo, rows)
        } else {
            direct = nil
        }
        byInteger = integer
        byText = text
        duplicateRows = duplicates
        missingRows = missing
    }

    /// The persons-file row of each entry of another file's id column (`unknown` or `missing`).
    func rows(of column: Column) -> [Int32] {
        switch column {
        case let .integer(c):
            var out = [Int32](repeating: Self.unknown, count: c.values.count)
            c.values.withUnsafeBufferPointer { ids in
                for r in 0..<ids.count {
                    if c.missing[r] { out[r] = Self.missing; continue }
                    if let (offset, table) = direct {
                        let k = ids[r] - offset
                        out[r] = k >= 0 && k < Int64(table.count) ? table[Int(k)] : Self.unknown
                    } else {
                        out[r] = byInteger[ids[r]] ?? Self.unknown
                    }
                }
            }
            return out
        case let .categorical(c):
            let levelRows = c.levels.map { byText[$0] ?? Self.unknown }
            return c.codes.map { $0 < 0 ? Self.missing : levelRows[Int($0)] }
        default:
            return column.textValues.map { $0.flatMap { byText[$0] } ?? Self.unknown }
        }
    }
}

extension Column {
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
