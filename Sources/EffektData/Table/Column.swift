/// One column of a `Table`: contiguous values of one type plus the rows that are missing.
public enum Column: Sendable, Equatable {
    case integer(IntegerColumn)
    case real(RealColumn)
    case categorical(CategoricalColumn)
    case month(MonthColumn)
    case date(DateColumn)

    public var type: ColumnType {
        switch self {
        case .integer: .integer
        case .real: .real
        case .categorical: .categorical
        case .month: .month
        case .date: .date
        }
    }

    /// Which rows have no value.
    public var missing: MissingMask {
        switch self {
        case .integer(let c): c.missing
        case .real(let c): c.missing
        case .categorical(let c): c.missing
        case .month(let c): c.missing
        case .date(let c): c.missing
        }
    }

    public var count: Int { missing.count }
    public var missingCount: Int { missing.missingCount }

    /// Bytes held by the values, the missing mask and (categorical) the levels' UTF-8 text.
    public var storageBytes: Int {
        switch self {
        case .integer(let c): c.values.count * 8 + c.missing.storageBytes
        case .real(let c): c.values.count * 8 + c.missing.storageBytes
        case .categorical(let c): c.codes.count * 4 + c.missing.storageBytes + c.levels.reduce(0) { $0 + $1.utf8.count }
        case .month(let c): c.values.count * 4 + c.missing.storageBytes
        case .date(let c): c.values.count * 4 + c.missing.storageBytes
        }
    }
}

/// A column type that can be taken out of a `Column` by `Table.column(named:as:)`.
public protocol TypedColumn: Sendable {
    static var columnType: ColumnType { get }
    /// Which rows have no value.
    var missing: MissingMask { get }
    init?(_ column: Column)
}

extension TypedColumn {
    public var count: Int { missing.count }
    public var missingCount: Int { missing.missingCount }
}

/// Whole numbers. `values[r]` is 0 where `missing[r]`.
public struct IntegerColumn: TypedColumn, Equatable {
    public var values: [Int64]
    public var missing: MissingMask
    public init(values: [Int64], missing: MissingMask) { self.values = values; self.missing = missing }
    public static var columnType: ColumnType { .integer }
    public init?(_ column: Column) { guard case .integer(let c) = column else { return nil }; self = c }
}

/// Real numbers. `values[r]` is NaN where `missing[r]`; the mask, not NaN, says what is missing.
public struct RealColumn: TypedColumn, Equatable {
    public var values: [Double]
    public var missing: MissingMask
    public init(values: [Double], missing: MissingMask) { self.values = values; self.missing = missing }
    public static var columnType: ColumnType { .real }
    public init?(_ column: Column) { guard case .real(let c) = column else { return nil }; self = c }

    /// NaN-aware equality would make two identical columns with missing values unequal, so
    /// values are compared bit for bit.
    public static func == (a: RealColumn, b: RealColumn) -> Bool {
        a.missing == b.missing && a.values.count == b.values.count
            && zip(a.values, b.values).allSatisfy { $0.bitPattern == $1.bitPattern }
    }
}

/// Text values, dictionary-encoded: row `r` is `levels[codes[r]]`, and `codes[r]` is −1 where
/// `missing[r]`. Levels are in order of first appearance in the file (top to bottom), so the
/// same file always gives the same codes.
public struct CategoricalColumn: TypedColumn, Equatable {
    public var codes: [Int32]
    public var levels: [String]
    public var missing: MissingMask
    public init(codes: [Int32], levels: [String], missing: MissingMask) {
        self.codes = codes; self.levels = levels; self.missing = missing
    }
    public static var columnType: ColumnType { .categorical }
    public init?(_ column: Column) { guard case .categorical(let c) = column else { return nil }; self = c }

    /// The text of row `row`, nil where missing.
    public subscript(row: Int) -> String? { codes[row] < 0 ? nil : levels[Int(codes[row])] }
}

/// Calendar months as `year * 12 + (month − 1)` (see `CalendarCode`). 0 where `missing[r]`.
public struct MonthColumn: TypedColumn, Equatable {
    public var values: [Int32]
    public var missing: MissingMask
    public init(values: [Int32], missing: MissingMask) { self.values = values; self.missing = missing }
    public static var columnType: ColumnType { .month }
    public init?(_ column: Column) { guard case .month(let c) = column else { return nil }; self = c }
}

/// Calendar days since 1970-01-01 (see `CalendarCode`). 0 where `missing[r]`.
public struct DateColumn: TypedColumn, Equatable {
    public var values: [Int32]
    public var missing: MissingMask
    public init(values: [Int32], missing: MissingMask) { self.values = values; self.missing = missing }
    public static var columnType: ColumnType { .date }
    public init?(_ column: Column) { guard case .date(let c) = column else { return nil }; self = c }
}
