/// Problems found in a register before any model runs, each located by file, line and column,
/// with counts and the first few examples (line numbers only: never person identifiers).
public struct ValidationReport: Sendable, Equatable {
    public enum Severity: String, Sendable, Comparable {
        case error, warning, info
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
        private var rank: Int { self == .error ? 0 : (self == .warning ? 1 : 2) }
    }

    public struct Finding: Sendable, Equatable {
        public var severity: Severity
        /// A short stable identifier (`unknown-id`, `duplicate-person-month`, …) for scripts.
        public var code: String
        public var file: String
        /// 1-based column (field) number in the file, 0 when the finding concerns whole rows.
        public var column: Int
        public var columnName: String?
        public var message: String
        public var count: Int
        /// 1-based lines of the first few occurrences.
        public var exampleLines: [Int]
    }

    public private(set) var findings: [Finding] = []
    /// Rows read per file, for the summary.
    public var rowCounts: [(file: String, rows: Int)] = []

    public init() {}

    public var errorCount: Int { findings.filter { $0.severity == .error }.count }
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { errorCount > 0 }

    public mutating func add(_ finding: Finding) { findings.append(finding) }

    public static func == (a: ValidationReport, b: ValidationReport) -> Bool {
        a.findings == b.findings && a.rowCounts.map(\.file) == b.rowCounts.map(\.file) && a.rowCounts.map(\.rows) == b.rowCounts.map(\.rows)
    }
}

/// Collects the occurrences of one kind of problem: a count and the first few lines.
struct FindingCollector {
    static let exampleLimit = 5
    let severity: ValidationReport.Severity
    let code: String
    let file: String
    let column: Int
    let columnName: String?
    let message: String
    private(set) var count = 0
    private(set) var lines: [Int] = []

    init(_ severity: ValidationReport.Severity, _ code: String, file: String, column: Int = 0, columnName: String? = nil, message: String) {
        self.severity = severity
        self.code = code
        self.file = file
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    mutating func record(line: Int) {
        count += 1
        if lines.count < Self.exampleLimit { lines.append(line) }
    }

    func flush(into report: inout ValidationReport) {
        guard count > 0 else { return }
        report.add(.init(severity: severity, code: code, file: file, column: column, columnName: columnName,
                         message: message, count: count, exampleLines: lines))
    }
}
