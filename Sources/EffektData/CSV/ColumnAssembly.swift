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

    /// Column `column` of `chunks` as `type`, emptying the chunks' builders for it as it goes
    /// (so the values are held twice only one column at a time). For a categorical column every
    /// chunk's builder must be categorical.
    static func column(_ column: Int, as type: ColumnType, chunks: inout [ChunkResult], encoding: CSVEncoding) -> Column {
        let rows = chunks.reduce(0) { $0 + $1.rows }
        let missing = MissingMask.joined(chunks.map { $0.builders[column].missingMask(rows: $0.rows) })
        func joined<T: BitwiseCopyable>(_ take: (inout ColumnBuilder) -> [T]) -> [T] {
            if chunks.count == 1 { return take(&chunks[0].builders[column]) }
            var values: [T] = []
            values.reserveLargeCapacity(rows)
            for k in chunks.indices { values += take(&chunks[k].builders[column]) }
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
