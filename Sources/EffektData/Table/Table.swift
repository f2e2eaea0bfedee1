/// A data set in columns: named, typed, contiguous columns of equal length.
public struct Table: Sendable, Equatable {
    /// Where the data came from (a file name), used in error messages.
    public let source: String
    public let names: [String]
    public let columns: [Column]
    public let rowCount: Int
    let rowLines: RowLines

    init(source: String, names: [String], columns: [Column], rowCount: Int, rowLines: RowLines) {
        self.source = source
        self.names = names
        self.columns = columns
        self.rowCount = rowCount
        self.rowLines = rowLines
    }

    /// A table built in memory. Its rows are numbered as if read from a file with one header
    /// line and one record per line (row 0 on line 2). Throws when names repeat or the columns
    /// differ in length.
    public init(source: String, names: [String], columns: [Column]) throws {
        guard names.count == columns.count else {
            throw DataError(file: source, message: "\(names.count) names for \(columns.count) columns")
        }
        if let repeated = names.enumerated().first(where: { names[..<$0.offset].contains($0.element) }) {
            throw DataError(file: source, message: "column name \"\(repeated.element)\" appears twice")
        }
        let rows = columns.first?.count ?? 0
        if let (index, odd) = columns.enumerated().first(where: { $0.element.count != rows }) {
            throw DataError(file: source, message: "column \"\(names[index])\" has \(odd.count) rows, the first has \(rows)")
        }
        self.init(source: source, names: names, columns: columns, rowCount: rows, rowLines: RowLines(firstLine: 2))
    }

    /// The 1-based physical line of the source file on which data row `row` (0-based) starts.
    public func line(ofRow row: Int) -> Int { rowLines.line(ofRow: row) }

    /// The column called `name`, or nil.
    public subscript(name: String) -> Column? {
        names.firstIndex(of: name).map { columns[$0] }
    }

    /// The column called `name`; throws a `DataError` naming it and listing the columns there are.
    public func column(named name: String) throws -> Column {
        guard let column = self[name] else {
            throw DataError(file: source, message: "no column named \"\(name)\"",
                            hint: "the columns are " + names.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        return column
    }

    /// The column called `name` as a `type`; throws a `DataError` when it is absent or of another type.
    public func column<C: TypedColumn>(named name: String, as type: C.Type) throws -> C {
        let column = try column(named: name)
        guard let typed = C(column) else {
            throw DataError(file: source, message: "column \"\(name)\" is \(column.type), expected \(C.columnType)")
        }
        return typed
    }

    /// Bytes held by all columns (values, masks, levels).
    public var storageBytes: Int { columns.reduce(0) { $0 + $1.storageBytes } }
}
