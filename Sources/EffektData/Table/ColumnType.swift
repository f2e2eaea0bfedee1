/// The kinds of typed column a table holds.
public enum ColumnType: String, Sendable, CaseIterable, CustomStringConvertible {
    /// 64-bit signed integers (`IntegerColumn`).
    case integer
    /// Doubles (`RealColumn`).
    case real
    /// Text, dictionary-encoded (`CategoricalColumn`).
    case categorical
    /// Calendar months, `year * 12 + (month − 1)` (`MonthColumn`).
    case month
    /// Calendar days since 1970-01-01 (`DateColumn`).
    case date

    public var description: String { rawValue }
}
