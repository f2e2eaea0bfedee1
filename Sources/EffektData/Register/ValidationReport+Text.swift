/// Plain-text and JSON renderings of a validation report (no identifiers, only lines).
extension ValidationReport {
    public var text: String {
        var out = ""
        for (file, rows) in rowCounts { out += "\(file): \(rows) rows\n" }
        let ordered = findings.sorted { ($0.severity, $0.file, $0.column) < ($1.severity, $1.file, $1.column) }
        for f in ordered {
            var location = f.file
            if let line = f.exampleLines.first { location += ":\(line)" }
            if f.column > 0 { location += ":\(f.column)" }
            let column = f.columnName.map { " [\($0)]" } ?? ""
            out += "\(location): \(f.severity.rawValue)\(column): \(f.message) — \(f.count) occurrence\(f.count == 1 ? "" : "s")"
            if f.exampleLines.count > 1 { out += " (lines " + f.exampleLines.map(String.init).joined(separator: ", ") + (f.count > f.exampleLines.count ? ", …" : "") + ")" }
            out += "\n"
        }
        out += hasErrors ? "\(errorCount) error(s), \(warningCount) warning(s): fix the errors before evaluating.\n"
                         : "No errors, \(warningCount) warning(s).\n"
        return out
    }

    /// A JSON object: `{"errors": n, "warnings": n, "files": [...], "findings": [...]}`.
    public var json: [String: Any] {
        [
            "errors": errorCount,
            "warnings": warningCount,
            "files": rowCounts.map { ["file": $0.file, "rows": $0.rows] as [String: Any] },
            "findings": findings.map { f -> [String: Any] in
                var o: [String: Any] = ["severity": f.severity.rawValue, "code": f.code, "file": f.file, "message": f.message,
                                        "count": f.count, "lines": f.exampleLines]
                if f.column > 0 { o["column"] = f.column }
                if let name = f.columnName { o["column_name"] = name }
                return o
            },
        ]
    }
}
