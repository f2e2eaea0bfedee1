/// A table's columns as formula variables: numbers as numbers (the missing mask kept),
/// categories as categories, months and dates as their integer codes.
extension Table: VariableSource {
    public var variableNames: [String] { names }

    public func variable(named name: String) -> VariableValues? {
        guard let column = self[name] else { return nil }
        let missing = column.missingCount > 0 ? (0..<rowCount).map { column.missing[$0] } : nil
        switch column {
        case let .integer(c): return .numeric(c.values.map(Double.init), missing: missing)
        case let .real(c): return .numeric(c.values, missing: missing)
        case let .categorical(c): return .categorical(codes: c.codes, levels: c.levels)
        case let .month(c): return .numeric(c.values.map(Double.init), missing: missing)
        case let .date(c): return .numeric(c.values.map(Double.init), missing: missing)
        }
    }
}
