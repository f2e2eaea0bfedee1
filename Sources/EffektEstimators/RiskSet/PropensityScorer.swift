import EffektData
import EffektNumerics

/// Linear predictors of a fitted propensity model for (person, month) rows of a register,
/// without building the whole model matrix for every row.
///
/// The formula's terms split into person terms (only variables fixed for a person: sex,
/// district, …) and monthly terms (any term with age or payment history). The linear predictor
/// is η(p, m) = s(p) + d(p, m): s is evaluated once per distinct combination of the person
/// variables (a "profile"; a register has a few thousand), d per row from the monthly terms
/// alone. Each part is a sum over its columns in column order, so a row's score does not depend
/// on which other rows are scored with it.
///
/// Categorical coding is R's: a factor's columns depend on which other terms are in the model.
/// The monthly model matrix therefore keeps, beside the monthly terms, every term that one of
/// them reduces to when a factor is removed, so its monthly columns are exactly the full
/// model's; only those columns are used.
struct PropensityScorer: Sendable {
    private let register: Register
    /// Profile of each person (−1: not among the persons given, or a missing value).
    private let profileOf: [Int32]
    /// s(profile).
    private let profileScore: [Double]
    /// The monthly terms with the terms that decide their coding; nil when there are none.
    private let monthlyFormula: Formula?
    private let monthlyTerms: Set<Formula.Term>
    private let monthlyVariables: Set<String>
    /// Coefficients of the full model's columns, by name (aliased columns are absent: 0).
    private let coefficient: [String: Double]
    /// The full model's monthly columns with a coefficient: each must be found in every block.
    private let monthlyNames: Set<String>
    private let options: ModelMatrix.Options

    /// - Parameter persons: everyone who will be scored (each once); a person with a missing
    ///   value in a formula variable gets no score, as `ModelMatrix.Options.dropMissing` would,
    ///   nor does one in a category the fitted model has no level for.
    init(propensity: PropensityScore, register: Register, persons: [Int32]) throws {
        self.register = register
        let model = propensity.modelMatrix
        let full = model.formula
        var coefficient: [String: Double] = [:]
        for (j, column) in propensity.fit.keptColumns.enumerated() { coefficient[model.names[column]] = propensity.fit.beta[j] }
        self.coefficient = coefficient
        var options = ModelMatrix.Options()
        options.fixedLevels = model.levels
        self.options = options

        let isMonthly = full.terms.map { Self.variables($0).contains(where: Register.monthlyVariableNames.contains) }
        let monthlyTerms = Set(full.terms.indices.filter { isMonthly[$0] }.map { full.terms[$0] })
        // Terms a monthly term reduces to without one factor decide its coding: keep those present.
        var margins: Set<Formula.Term> = []
        for term in monthlyTerms where term.factors.count > 1 {
            for factor in term.factors { margins.insert(Formula.Term(factors: term.factors.filter { $0 != factor })) }
        }
        var personFormula = full, monthlyFormula = full
        personFormula.response = nil
        monthlyFormula.response = nil
        personFormula.terms = full.terms.indices.filter { !isMonthly[$0] }.map { full.terms[$0] }
        monthlyFormula.terms = full.terms.filter { monthlyTerms.contains($0) || margins.contains($0) }
        self.monthlyFormula = monthlyTerms.isEmpty ? nil : monthlyFormula
        self.monthlyTerms = monthlyTerms
        monthlyVariables = Set(monthlyFormula.terms.flatMap(Self.variables))
        monthlyNames = Set(model.names.indices.filter { model.termIndex[$0] >= 0 && isMonthly[model.termIndex[$0]] }
            .map { model.names[$0] }.filter { coefficient[$0] != nil })
        let personVariables = Set(personFormula.terms.flatMap(Self.variables))

        // Profiles over the person variables; persons missing any formula variable are left out.
        let used = Set(full.terms.flatMap(Self.variables)).subtracting(PaymentHistory.variableNames)
        let values = register.covariates(persons: persons, months: [Int32](repeating: 0, count: persons.count), only: used)
        var complete = [Bool](repeating: true, count: persons.count)
        for name in used {
            guard let v = values.variable(named: name) else { continue }   // the fit already named unknown variables
            for i in persons.indices where complete[i] && v.isMissing(i) { complete[i] = false }
            // A category the fit never saw (a district with no participant that the control sample
            // missed) has no coefficient; such a person could only be matched by the reference
            // category's score, so is left out like one with a missing value.
            if case let .categorical(codes, levels) = v, let fitted = model.levels[name] {
                let known = Set(fitted)
                let unseen = levels.map { !known.contains($0) }
                for i in persons.indices where complete[i] && codes[i] >= 0 && unseen[Int(codes[i])] { complete[i] = false }
            }
        }
        let profiles = PersonProfiles(values: personVariables.sorted().compactMap { values.variable(named: $0) }, include: complete)
        var profileOf = [Int32](repeating: -1, count: register.panel.persons)
        for (i, p) in persons.enumerated() { profileOf[Int(p)] = profiles.profile[i] }
        self.profileOf = profileOf

        // s(profile) from one model matrix over a representative of each profile.
        var profileScore = [Double](repeating: 0, count: profiles.representatives.count)
        var claimed = monthlyNames
        if !personFormula.terms.isEmpty || personFormula.hasIntercept, !profiles.representatives.isEmpty {
            let representatives = profiles.representatives.map { persons[$0] }
            let data = register.covariates(persons: representatives, months: [Int32](repeating: 0, count: representatives.count),
                                           only: personVariables)
            let frame = try ModelMatrix(personFormula, data: data, options: options)
            claimed.formUnion(frame.names)
            Self.accumulate(frame.matrix, frame.names.indices.map { ($0, coefficient[frame.names[$0]] ?? 0) }, into: &profileScore)
        }
        self.profileScore = profileScore
        if !profiles.representatives.isEmpty, let lost = coefficient.keys.sorted().first(where: { !claimed.contains($0) }) {
            throw EstimationError("internal: the propensity column '\(lost)' has no part in the risk-set scores")
        }
    }

    private static func variables(_ term: Formula.Term) -> [String] {
        term.factors.flatMap { factor -> [String] in
            switch factor {
            case let .variable(n), let .factor(n): return [n]
            case let .expression(e): return e.variables
            }
        }
    }

    /// Whether person `p` can be scored (was given and has no missing value).
    func canScore(_ p: Int32) -> Bool { profileOf[Int(p)] >= 0 }

    /// η of (person, month) rows, all persons scorable. One model matrix over all rows: the
    /// caller passes rows in blocks.
    func scores(persons: [Int32], months: [Int32]) throws -> [Double] {
        var out = persons.map { profileScore[Int(profileOf[Int($0)])] }
        guard let monthlyFormula, !persons.isEmpty else { return out }
        let data = register.covariates(persons: persons, months: months, only: monthlyVariables)
        let frame = try ModelMatrix(monthlyFormula, data: data, options: options)
        let columns = frame.names.indices.filter { frame.termIndex[$0] >= 0 && monthlyTerms.contains(monthlyFormula.terms[frame.termIndex[$0]]) }
        if let lost = monthlyNames.subtracting(columns.map { frame.names[$0] }).sorted().first {
            throw EstimationError("internal: the propensity column '\(lost)' is missing from the monthly scores")
        }
        Self.accumulate(frame.matrix, columns.map { ($0, coefficient[frame.names[$0]] ?? 0) }, into: &out)
        return out
    }

    /// y[i] += Σ_j x[i, column_j] β_j, the columns summed in the order given (the same for every row).
    private static func accumulate(_ x: Matrix, _ columns: [(Int, Double)], into y: inout [Double]) {
        let n = x.rows
        var partial = [Double](repeating: 0, count: n)
        x.storage.withUnsafeBufferPointer { s in
            partial.withUnsafeMutableBufferPointer { acc in
                for (column, beta) in columns {
                    let base = column * n
                    for i in 0..<n { acc[i] += s[base + i] * beta }
                }
            }
        }
        for i in 0..<n { y[i] += partial[i] }
    }
}
