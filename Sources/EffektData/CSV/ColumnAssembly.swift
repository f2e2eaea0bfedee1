/// Joins the builders of one column across chunks, in chunk order, into a `Column`.
enum ColumnAssembly {
    /// The type of a column from the kinds its chunks' builders ended with: the declared type,
    /// or for an inferred column categorical if any chunk met text, else real if any met a
    /// non-integer number, else integer (also when every value is missing).
    static func type(declared: ColumnType?, kinds: [ColumnBuilder.Kind]) -> ColumnType {
        if let declared { return declared }
        if kinds.contains(where: { $0 == .categorical || $0 == .needsText }) { return .categorical }
        return kinds.contains(.real) ? .real : .integer
    }

    /// The column whose builders, chunk by chunk, are `parts`, as `type`: the first chunk's
    /// arrays with the other chunks' values appended (emptying their builders as it goes, so
    /// values are held twice only one chunk's column at a time). For a categorical column
    /// every builder must be categorical.
    static func column(_ parts: inout [ColumnBuilder], as type: ColumnType, encoding: CSVEncoding) -> Column {
        let missing = MissingMask.joined(parts.map(\.missingMask))
        let rows = missing.count
        func joined<T: BitwiseCopyable>(_ take: (inout ColumnBuilder) -> [T]) -> [T] {
            guard !parts.isEmpty else { return [] }
            var values = take(&parts[0])
            values.reserveLargeCapacity(rows)
            for k in parts.indices.dropFirst() { values += take(&parts[k]) }
            return values
        }
        switch type {
        case .integer: return .integer(IntegerColumn(values: joined { $0.takeIntegers() }, missing: missing))
        case .real: return .real(RealColumn(values: joined { $0.takeReals() }, missing: missing))
        case .month: return .month(MonthColumn(values: joined { $0.takeCodes() }, missing: missing))
        case .date: return .date(DateColumn(values: joined { $0.takeCodes() }, missing: missing))
        case .categorical:
            var levels = LevelTable()
            let codes = joined { builder in
                let local = builder.levels
                let global = (0..<local.count).map { code in local.withLevel(code) { levels.code(for: $0) } }
                let codes = builder.takeCodes()
                let unchanged = global.enumerated().allSatisfy { $0.offset == Int($0.element) }
                return unchanged ? codes : codes.map { $0 < 0 ? -1 : global[Int($0)] }
            }
            let names = (0..<levels.count).map { code in levels.withLevel(code) { encoding.string($0) } }
            return .categorical(CategoricalColumn(codes: codes, levels: names, missing: missing))
        }
    }
}
