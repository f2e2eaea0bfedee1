import Foundation

/// The four files of a register as read, typed by their roles in the spec, before any checks.
public struct RegisterTables: Sendable {
    public let spec: DatasetSpec
    public let persons: Table
    public let payments: Table
    public let episodes: Table
    public let catalogue: Table

    /// Column types implied by each file's roles; other columns are inferred.
    static let roleTypes: [String: [String: ColumnType]] = [
        "persons": ["sex": .categorical, "born_abroad": .categorical, "education": .categorical, "district": .categorical,
                    "household": .categorical, "hinder": .categorical, "birth_year": .integer],
        "payments": ["month": .month, "amount": .real],
        "episodes": ["insats": .categorical, "start": .date, "end": .date, "exit_reason": .categorical],
        "catalogue": ["code": .categorical, "name": .categorical, "cost_per_participant": .real, "cost_per_month": .real],
    ]

    /// Reads the files a spec names (paths relative to `base`, the spec's folder). A file that
    /// cannot be parsed stops here with its `DataError` (file, line, column).
    public static func read(spec: DatasetSpec, base: URL, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> RegisterTables {
        func table(_ key: String, _ file: FileSpec) throws -> Table {
            var options = try spec.csvOptions(for: file, name: key)
            options.threads = threads
            options.requiredColumns = Array(file.columns.values).sorted()
            for (role, type) in roleTypes[key] ?? [:] {
                if let column = file.columns[role] { options.columnTypes[column] = type }
            }
            let url = file.url(relativeTo: base)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw DataError(file: file.path, message: "the \(key) file named in the spec does not exist (looked for \(url.path))",
                                hint: "fix files.\(key).path in the spec")
            }
            return try CSVReader.read(url, options: options)
        }
        return RegisterTables(spec: spec,
                              persons: try table("persons", spec.files.persons),
                              payments: try table("payments", spec.files.payments),
                              episodes: try table("episodes", spec.files.episodes),
                              catalogue: try table("catalogue", spec.files.catalogue))
    }
}
