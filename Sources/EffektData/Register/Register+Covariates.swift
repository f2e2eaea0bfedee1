/// Person covariates as of reference months, as variables for formulas.
extension Register {
    /// Names of the variables `covariates(persons:months:)` provides, beside the payment history
    /// (`PaymentHistory.variableNames`).
    public static let personVariableNames = ["age", "sex", "born_abroad", "education", "district", "household", "hinder_group"]

    /// The variables whose value depends on the reference month (age and payment history); the
    /// others are properties of the person.
    public static let monthlyVariableNames: Set<String> = Set(["age"] + PaymentHistory.variableNames)

    /// One row per (person, window month) pair: age at the month, the persons file's categorical
    /// covariates (those the spec maps), the försörjningshinder group, and payment history
    /// before the month (kr_3m, kr_6m, kr_12m, months_12m, months_24m). With `only`, just the
    /// named variables are computed.
    public func covariates(persons: [Int32], months: [Int32], only: Set<String>? = nil) -> VariableTable {
        precondition(persons.count == months.count, "one month per person")
        func wanted(_ name: String) -> Bool { only?.contains(name) ?? true }
        let n = persons.count
        var table = VariableTable(rowCount: n)
        if wanted("age"), let column = personColumn(role: "birth_year") {
            var age = [Double](repeating: 0, count: n)
            var missing = [Bool](repeating: false, count: n)
            let firstYear = Int(panel.window.firstMonth) / 12, firstMonthOfYear = Int(panel.window.firstMonth) % 12
            for i in 0..<n {
                let year = firstYear + (firstMonthOfYear + Int(months[i])) / 12
                if let birth = column.realValue(Int(persons[i])) { age[i] = Double(year) - birth } else { missing[i] = true }
            }
            table.set("age", .numeric(age, missing: missing.contains(true) ? missing : nil))
        }
        for role in ["sex", "born_abroad", "education", "district", "household"] where wanted(role) {
            guard let column = personColumn(role: role) else { continue }
            table.set(role, column.gathered(persons))
        }
        if wanted("hinder_group"), let groups = hinderGroups {
            table.set("hinder_group", .categorical(codes: persons.map { groups[Int($0)] }, levels: HinderGroup.allCases.map(\.rawValue)))
        }
        let historyNames = PaymentHistory.variableNames.filter(wanted)
        guard !historyNames.isEmpty else { return table }
        let history = panel.histories(persons: persons, months: months)
        for (k, name) in PaymentHistory.variableNames.enumerated() where wanted(name) { table.set(name, numeric: history[k]) }
        return table
    }
}

extension Column {
    /// The values at `rows` as formula variables (categories keep the column's level list).
    func gathered(_ rows: [Int32]) -> VariableValues {
        switch self {
        case let .categorical(c):
            return .categorical(codes: rows.map { c.codes[Int($0)] }, levels: c.levels)
        case let .integer(c):
            return .numeric(rows.map { Double(c.values[Int($0)]) }, missing: rows.contains { c.missing[Int($0)] } ? rows.map { c.missing[Int($0)] } : nil)
        case let .real(c):
            return .numeric(rows.map { c.values[Int($0)] }, missing: rows.contains { c.missing[Int($0)] } ? rows.map { c.missing[Int($0)] } : nil)
        case let .month(c):
            return .numeric(rows.map { Double(c.values[Int($0)]) }, missing: rows.contains { c.missing[Int($0)] } ? rows.map { c.missing[Int($0)] } : nil)
        case let .date(c):
            return .numeric(rows.map { Double(c.values[Int($0)]) }, missing: rows.contains { c.missing[Int($0)] } ? rows.map { c.missing[Int($0)] } : nil)
        }
    }
}
