/// Validation of the register files and construction of the `Register`.
///
/// Every check reports file, column and the first few line numbers (never an identifier):
/// errors — unknown or missing ids, duplicate person ids, duplicate person-months, negative
/// amounts, episodes that end before they start or name an insats not in the catalogue,
/// duplicate or negative catalogue entries; warnings — payments or starts outside the study
/// window, overlapping episodes of the same insats, codes missing from a codebook, missing
/// covariate values; info — missing-value counts per column.
extension Register {
    /// Validates `tables` and, when there are no errors, builds the register.
    public static func build(from tables: RegisterTables) -> (register: Register?, report: ValidationReport) {
        var report = ValidationReport()
        let spec = tables.spec
        let window = spec.window
        let files = spec.files
        report.rowCounts = [(files.persons.path, tables.persons.rowCount), (files.payments.path, tables.payments.rowCount),
                            (files.episodes.path, tables.episodes.rowCount), (files.catalogue.path, tables.catalogue.rowCount)]
        for (table, file) in [(tables.persons, files.persons), (tables.payments, files.payments),
                              (tables.episodes, files.episodes), (tables.catalogue, files.catalogue)] {
            reportMissingValues(table, file: file, into: &report)
        }

        // Persons.
        let persons = tables.persons
        let idName = files.persons.columns["id"]!
        let index = PersonIndex(ids: persons[idName]!)
        var duplicate = FindingCollector(.error, "duplicate-person", file: files.persons.path, column: columnNumber(persons, idName),
                                         columnName: idName, message: "the same person id appears on more than one line")
        for row in index.duplicateRows { duplicate.record(line: persons.line(ofRow: row)) }
        duplicate.flush(into: &report)
        for (role, codebook) in [("district", "district"), ("hinder", "hinder"), ("sex", "sex"), ("education", "education")] {
            checkCodes(persons, column: files.persons.columns[role], codebook: spec.codebooks?[codebook], codebookName: codebook,
                       file: files.persons.path, severity: .warning, into: &report)
        }

        // Catalogue.
        let catalogue = tables.catalogue
        var insatser: [Insats] = []
        var insatsIndex: [String: Int32] = [:]
        let codeName = files.catalogue.columns["code"]!, nameName = files.catalogue.columns["name"]!
        let codes = catalogue[codeName]!.textValues, names = catalogue[nameName]!.textValues
        let perParticipant = files.catalogue.columns["cost_per_participant"].flatMap { catalogue[$0] }
        let perMonth = files.catalogue.columns["cost_per_month"].flatMap { catalogue[$0] }
        var repeated = FindingCollector(.error, "duplicate-insats", file: files.catalogue.path, column: columnNumber(catalogue, codeName),
                                        columnName: codeName, message: "the same insats code appears on more than one line")
        var negativeCost = FindingCollector(.error, "negative-cost", file: files.catalogue.path,
                                            message: "a cost is negative")
        var noCost = FindingCollector(.warning, "missing-cost", file: files.catalogue.path,
                                      message: "an insats has no cost: its cost summary will say the cost is unknown")
        for row in 0..<catalogue.rowCount {
            guard let code = codes[row] else { continue }
            if insatsIndex[code] != nil { repeated.record(line: catalogue.line(ofRow: row)); continue }
            let a = perParticipant.flatMap { $0.realValue(row) }, b = perMonth.flatMap { $0.realValue(row) }
            if (a ?? 0) < 0 || (b ?? 0) < 0 { negativeCost.record(line: catalogue.line(ofRow: row)) }
            if a == nil && b == nil { noCost.record(line: catalogue.line(ofRow: row)) }
            insatsIndex[code] = Int32(insatser.count)
            insatser.append(Insats(code: code, name: names[row] ?? spec.codebooks?["insats"]?[code] ?? code,
                                   costPerParticipant: a, costPerMonth: b))
        }
        repeated.flush(into: &report)
        negativeCost.flush(into: &report)
        noCost.flush(into: &report)

        // Payments.
        let payments = tables.payments
        let payIdName = files.payments.columns["id"]!, monthName = files.payments.columns["month"]!, amountName = files.payments.columns["amount"]!
        let payPerson = index.rows(of: payments[payIdName]!)
        let months = payments[monthName]!, amounts = payments[amountName]!
        // Kronor go straight into the panel's person-major cells.
        var kronor = [Double](repeating: 0, count: persons.rowCount * window.count)
        var unknown = FindingCollector(.error, "unknown-id", file: files.payments.path, column: columnNumber(payments, payIdName),
                                       columnName: payIdName, message: "a payment names a person who is not in \(files.persons.path)")
        var missingKey = FindingCollector(.error, "missing-value", file: files.payments.path,
                                          message: "a payment lacks its person id, month or amount")
        var outside = FindingCollector(.warning, "outside-window", file: files.payments.path, column: columnNumber(payments, monthName),
                                       columnName: monthName,
                                       message: "a payment falls outside the study window \(MonthText.format(window.firstMonth))–\(MonthText.format(window.lastMonth)) and is ignored")
        var negative = FindingCollector(.error, "negative-amount", file: files.payments.path, column: columnNumber(payments, amountName),
                                        columnName: amountName, message: "a payment amount is negative")
        // Duplicate person-months: a bitmap over the panel's cells.
        var seen = [UInt64](repeating: 0, count: (persons.rowCount * window.count + 63) / 64)
        var duplicateMonth = FindingCollector(.error, "duplicate-person-month", file: files.payments.path,
                                              message: "the same person and month appear on more than one line (payments must be one row per person and month)")
        if case let .month(monthColumn) = months, case let .real(amountColumn) = amounts {
            kronor.withUnsafeMutableBufferPointer { kronor in
                seen.withUnsafeMutableBufferPointer { seen in
                    for row in 0..<payments.rowCount {
                        let p = payPerson[row]
                        if p == PersonIndex.missing || monthColumn.missing[row] || amountColumn.missing[row] {
                            missingKey.record(line: payments.line(ofRow: row)); continue
                        }
                        if p == PersonIndex.unknown { unknown.record(line: payments.line(ofRow: row)); continue }
                        let amount = amountColumn.values[row]
                        if amount < 0 { negative.record(line: payments.line(ofRow: row)); continue }
                        guard let m = window.index(of: monthColumn.values[row]) else { outside.record(line: payments.line(ofRow: row)); continue }
                        let cell = Int(p) * window.count + m
                        if seen[cell >> 6] & (1 << UInt64(cell & 63)) != 0 { duplicateMonth.record(line: payments.line(ofRow: row)); continue }
                        seen[cell >> 6] |= 1 << UInt64(cell & 63)
                        kronor[cell] = amount
                    }
                }
            }
        }
        for collector in [missingKey, unknown, negative, duplicateMonth, outside] { collector.flush(into: &report) }

        // Episodes.
        let episodes = tables.episodes
        let epCols = files.episodes.columns
        let epPerson = index.rows(of: episodes[epCols["id"]!]!)
        let epInsats = episodes[epCols["insats"]!]!.mapText { $0 }
        let startColumn = episodes[epCols["start"]!]!
        let endColumn = epCols["end"].flatMap { episodes[$0] }
        let exitReasons = epCols["exit_reason"].flatMap { episodes[$0] }?.mapText { $0 }
        var list = EpisodeList()
        var exitCodes: [String: Int32] = [:]
        var epUnknown = FindingCollector(.error, "unknown-id", file: files.episodes.path, column: columnNumber(episodes, epCols["id"]!),
                                         columnName: epCols["id"], message: "an episode names a person who is not in \(files.persons.path)")
        var epMissing = FindingCollector(.error, "missing-value", file: files.episodes.path,
                                         message: "an episode lacks its person id, insats code or start date")
        var unknownInsats = FindingCollector(.error, "unknown-insats", file: files.episodes.path, column: columnNumber(episodes, epCols["insats"]!),
                                             columnName: epCols["insats"], message: "an episode names an insats code that is not in \(files.catalogue.path)")
        var endsBefore = FindingCollector(.error, "end-before-start", file: files.episodes.path,
                                          column: epCols["end"].map { columnNumber(episodes, $0) } ?? 0, columnName: epCols["end"],
                                          message: "an episode ends before it starts")
        var startOutside = FindingCollector(.warning, "start-outside-window", file: files.episodes.path,
                                            column: columnNumber(episodes, epCols["start"]!), columnName: epCols["start"],
                                            message: "an episode starts outside the study window (kept for overlap accounting, not evaluated)")
        var rowsKept: [Int] = []
        if case let .date(starts) = startColumn {
            for row in 0..<episodes.rowCount {
                let p = epPerson[row]
                guard p != PersonIndex.missing, let code = epInsats[row], !starts.missing[row] else {
                    epMissing.record(line: episodes.line(ofRow: row)); continue
                }
                if p == PersonIndex.unknown { epUnknown.record(line: episodes.line(ofRow: row)); continue }
                guard let k = insatsIndex[code] else { unknownInsats.record(line: episodes.line(ofRow: row)); continue }
                var end = EpisodeList.open
                if case let .date(ends)? = endColumn, !ends.missing[row] { end = ends.values[row] }
                if end < starts.values[row] { endsBefore.record(line: episodes.line(ofRow: row)); continue }
                if window.index(of: CalendarCode.month(ofDay: starts.values[row])) == nil { startOutside.record(line: episodes.line(ofRow: row)) }
                var reason: Int32 = -1
                if let text = exitReasons?[row] {
                    if let r = exitCodes[text] { reason = r } else { reason = Int32(exitCodes.count); exitCodes[text] = reason; list.exitReasonCodes.append(text) }
                }
                list.person.append(p)
                list.insats.append(k)
                list.startDay.append(starts.values[row])
                list.endDay.append(end)
                list.exitReason.append(reason)
                rowsKept.append(row)
            }
        }
        for collector in [epMissing, epUnknown, unknownInsats, endsBefore, startOutside] { collector.flush(into: &report) }
        checkCodes(episodes, column: epCols["exit_reason"], codebook: spec.codebooks?["exit_reason"], codebookName: "exit_reason",
                   file: files.episodes.path, severity: .warning, into: &report)

        // Sort episodes by person, insats, start, and look for overlaps of the same insats.
        let order = list.person.indices.sorted {
            (list.person[$0], list.insats[$0], list.startDay[$0]) < (list.person[$1], list.insats[$1], list.startDay[$1])
        }
        var overlap = FindingCollector(.warning, "overlapping-episodes", file: files.episodes.path,
                                       message: "two episodes of the same insats for the same person overlap in time")
        for (a, b) in zip(order, order.dropFirst())
        where list.person[a] == list.person[b] && list.insats[a] == list.insats[b] && list.startDay[b] <= list.endDay[a] {
            overlap.record(line: episodes.line(ofRow: rowsKept[b]))
        }
        overlap.flush(into: &report)
        list = list.reordered(order.sorted { (list.person[$0], list.startDay[$0], list.insats[$0]) < (list.person[$1], list.startDay[$1], list.insats[$1]) })

        guard !report.hasErrors else { return (nil, report) }
        let startMonths = list.startDay.map { Int32(CalendarCode.month(ofDay: $0) - window.firstMonth) }
        let panel = PersonMonthPanel(window: window, persons: persons.rowCount, insatsCount: insatser.count, kronor: kronor,
                                     starts: (list.insats, list.person, startMonths))
        let hinder = files.persons.columns["hinder"].flatMap { persons[$0] }.map(HinderGroup.codes(of:))
        return (Register(spec: spec, persons: persons, catalogue: insatser, episodes: list, panel: panel, hinderGroups: hinder), report)
    }

    static func columnNumber(_ table: Table, _ name: String) -> Int {
        (table.names.firstIndex(of: name) ?? -1) + 1
    }

    /// Info per column with missing values; warnings for covariates of the persons file.
    static func reportMissingValues(_ table: Table, file: FileSpec, into report: inout ValidationReport) {
        let roleOf = Dictionary(file.columns.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for (j, column) in table.columns.enumerated() where column.missingCount > 0 {
            let name = table.names[j]
            let role = roleOf[name]
            // Missing keys are counted as errors by the checks themselves; here the covariates and the rest.
            if ["id", "month", "amount", "insats", "start", "code"].contains(role ?? "") { continue }
            // Open episodes, exit reasons of open episodes and the unused one of the two cost columns are normal.
            let informational: Set<String> = ["end", "exit_reason", "cost_per_participant", "cost_per_month"]
            let severity: ValidationReport.Severity = role == nil || informational.contains(role!) ? .info : .warning
            let lines = column.missing.missingRows.prefix(FindingCollector.exampleLimit).map { table.line(ofRow: $0) }
            report.add(.init(severity: severity, code: "missing-values", file: file.path, column: j + 1, columnName: name,
                             message: role == "end" ? "episodes without an end date (open)" : "missing values",
                             count: column.missingCount, exampleLines: Array(lines)))
        }
    }

    /// Values of a coded column that its codebook does not list.
    static func checkCodes(_ table: Table, column name: String?, codebook: [String: String]?, codebookName: String,
                           file: String, severity: ValidationReport.Severity, into report: inout ValidationReport) {
        guard let name, let codebook, let column = table[name] else { return }
        var collector = FindingCollector(severity, "unknown-code", file: file, column: columnNumber(table, name), columnName: name,
                                         message: "a code is not in the \(codebookName) codebook of the spec")
        for (row, known) in column.mapText({ codebook[$0] != nil }).enumerated() where known == false {
            collector.record(line: table.line(ofRow: row))
        }
        collector.flush(into: &report)
    }
}

extension EpisodeList {
    func reordered(_ order: [Int]) -> EpisodeList {
        var out = EpisodeList()
        out.person = order.map { person[$0] }
        out.insats = order.map { insats[$0] }
        out.startDay = order.map { startDay[$0] }
        out.endDay = order.map { endDay[$0] }
        out.exitReason = order.map { exitReason[$0] }
        out.exitReasonCodes = exitReasonCodes
        return out
    }
}

extension Column {
    /// A real or integer value, nil when missing or not numeric.
    func realValue(_ row: Int) -> Double? {
        switch self {
        case let .real(c): return c.missing[row] ? nil : c.values[row]
        case let .integer(c): return c.missing[row] ? nil : Double(c.values[row])
        default: return nil
        }
    }
}
