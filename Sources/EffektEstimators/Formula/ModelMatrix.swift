import EffektData
import EffektNumerics
import Foundation

/// The design matrix a formula builds from data, as R's `model.matrix`: an intercept, numeric
/// columns as they are, categorical variables by treatment contrasts against their first level
/// (levels sorted; numbers numerically), interactions as products. A categorical factor in a
/// term is coded by contrasts when the term without it is also in the model (the intercept
/// counting as the empty term), otherwise by one indicator per level — R's rule.
public struct ModelMatrix: Sendable {
    public let formula: Formula
    public let matrix: Matrix
    /// Column names as R prints them (`racehispan`, `I(age^2)`, `factor(stadsdel)Kista`, `married:re74`).
    public let names: [String]
    /// The response, when the formula has one.
    public let response: [Double]?
    /// Source rows used (rows with missing values are left out only when asked).
    public let rows: [Int]
    /// Whether each column takes only the values 0 and 1 (balance tables treat these as binary).
    public let isBinary: [Bool]
    /// Which term each column came from (−1 for the intercept).
    public let termIndex: [Int]
    /// What was done that a reader should know (rows dropped for missing values, …).
    public let notes: [String]

    /// Levels of each categorical variable in the order used, reference first (pass them as
    /// `Options.fixedLevels` to build more rows with the same columns).
    public let levels: [String: [String]]

    /// Reference levels for categorical variables; others use the first sorted level.
    public struct Options: Sendable {
        public var referenceLevels: [String: String] = [:]
        /// Levels to use, reference first, whatever occurs in the data (for scoring new rows
        /// with the columns of an earlier fit). Values outside the list are an error.
        public var fixedLevels: [String: [String]] = [:]
        /// Leave out rows with a missing value in a used variable (else it is an error).
        public var dropMissing = false
        public init() {}
    }

    public init(_ formula: Formula, data: some VariableSource, options: Options = Options()) throws {
        self.formula = formula
        // Resolve every variable first, so an unknown name is reported before any work.
        var resolved: [String: VariableValues] = [:]
        for name in formula.variables {
            guard let v = data.variable(named: name) else {
                let close = data.variableNames.filter { $0.lowercased().hasPrefix(String(name.lowercased().prefix(3))) }.prefix(3)
                throw EstimationError("formula: unknown variable '\(name)'"
                    + (close.isEmpty ? "" : "; did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?")
                    + " (the data have " + data.variableNames.prefix(20).joined(separator: ", ") + (data.variableNames.count > 20 ? ", …" : "") + ")")
            }
            resolved[name] = v
        }
        // Rows with missing values: one pass per variable.
        var isMissing = [Bool](repeating: false, count: data.rowCount)
        var missingVariables: Set<String> = []
        for (name, v) in resolved {
            var any = false
            switch v {
            case let .numeric(values, mask):
                if let mask {
                    for r in 0..<data.rowCount where mask[r] { isMissing[r] = true; any = true }
                } else {
                    for r in 0..<data.rowCount where !values[r].isFinite { isMissing[r] = true; any = true }
                }
            case let .categorical(codes, _):
                for r in 0..<data.rowCount where codes[r] < 0 { isMissing[r] = true; any = true }
            }
            if any { missingVariables.insert(name) }
        }
        let missingRows = isMissing.indices.filter { isMissing[$0] }
        if !missingRows.isEmpty && !options.dropMissing {
            throw EstimationError("missing values in \(missingRows.count) row(s) (variables " + missingVariables.sorted().joined(separator: ", ")
                + "; first rows " + missingRows.prefix(5).map { String($0 + 1) }.joined(separator: ", ")
                + "): impute them, or ask to drop incomplete rows")
        }
        let dropped = Set(missingRows)
        let rows = (0..<data.rowCount).filter { !dropped.contains($0) }
        var notes: [String] = []
        if !missingRows.isEmpty { notes.append("\(missingRows.count) row(s) with missing values left out (" + missingVariables.sorted().joined(separator: ", ") + ")") }

        // Column groups per factor.
        let n = rows.count
        var columns: [[Double]] = []
        var names: [String] = []
        var termIndex: [Int] = []
        if formula.hasIntercept {
            columns.append([Double](repeating: 1, count: n))
            names.append("(Intercept)")
            termIndex.append(-1)
        }
        let termSets = formula.terms.map { Set($0.factors) }
        var levelsUsed: [String: [String]] = [:]
        for (t, term) in formula.terms.enumerated() {
            var groups: [(names: [String], columns: [[Double]])] = []
            for factor in term.factors {
                let rest = Set(term.factors).subtracting([factor])
                let contrasts = rest.isEmpty ? formula.hasIntercept : termSets.contains(rest)
                groups.append(try Self.columns(for: factor, resolved: resolved, rows: rows, contrasts: contrasts, options: options,
                                               levelsUsed: &levelsUsed))
            }
            // Products across groups, the first factor varying fastest (as R); a main effect is its group.
            var product = groups[0]
            for group in groups.dropFirst() {
                var next: (names: [String], columns: [[Double]]) = ([], [])
                for (gn, gc) in zip(group.names, group.columns) {
                    for (pn, pc) in zip(product.names, product.columns) {
                        next.names.append(pn + ":" + gn)
                        next.columns.append(zip(pc, gc).map { $0 * $1 })
                    }
                }
                product = next
            }
            columns += product.columns
            names += product.names
            termIndex += Array(repeating: t, count: product.columns.count)
        }
        // One pass per column: finiteness (an expression can produce ±∞ or NaN) and 0/1-ness.
        var isBinary = [Bool](repeating: true, count: columns.count)
        for (j, column) in columns.enumerated() {
            var binary = true, finite = true
            column.withUnsafeBufferPointer { c in
                for v in c {
                    finite = finite && v.isFinite
                    binary = binary && (v == 0 || v == 1)
                }
            }
            if !finite, let bad = column.firstIndex(where: { !$0.isFinite }) {
                throw EstimationError("column '\(names[j])' is not finite at row \(rows[bad] + 1) (e.g. log of a non-positive value)")
            }
            isBinary[j] = binary
        }
        var response: [Double]?
        if let name = formula.response {
            guard case let .numeric(values, _) = resolved[name]! else {
                throw EstimationError("the response '\(name)' must be numeric (0/1 for a treatment)")
            }
            response = rows.map { values[$0] }
        }
        self.matrix = Matrix(columns: columns)
        self.names = names
        self.response = response
        self.rows = rows
        self.isBinary = isBinary
        self.termIndex = termIndex
        self.notes = notes
        self.levels = levelsUsed
    }

    static func columns(for factor: Formula.Factor, resolved: [String: VariableValues], rows: [Int], contrasts: Bool,
                        options: Options, levelsUsed: inout [String: [String]]) throws -> (names: [String], columns: [[Double]]) {
        switch factor {
        case let .expression(e):
            let vars = e.variables
            var numeric: [String: [Double]] = [:]
            for v in vars {
                guard case let .numeric(values, _) = resolved[v]! else {
                    throw EstimationError("I(\(e.text)): '\(v)' is categorical; only numeric variables can enter an expression")
                }
                numeric[v] = values
            }
            return ([factor.label], [rows.map { r in e.evaluate { numeric[$0]![r] } }])
        case let .variable(name):
            switch resolved[name]! {
            case let .numeric(values, _):
                return ([name], [rows.count == values.count ? values : rows.map { values[$0] }])
            case let .categorical(codes, levels):
                return try indicators(label: name, variable: name, codes: rows.map { codes[$0] }, levels: levels, numericLevels: false,
                                      contrasts: contrasts, options: options, levelsUsed: &levelsUsed)
            }
        case let .factor(name):
            switch resolved[name]! {
            case let .numeric(values, _):
                let distinct = Array(Set(rows.map { values[$0] })).sorted()
                let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
                let levels = distinct.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String($0) }
                return try indicators(label: factor.label, variable: name, codes: rows.map { index[values[$0]]! }, levels: levels,
                                      numericLevels: true, contrasts: contrasts, options: options, levelsUsed: &levelsUsed)
            case let .categorical(codes, levels):
                return try indicators(label: factor.label, variable: name, codes: rows.map { codes[$0] }, levels: levels,
                                      numericLevels: false, contrasts: contrasts, options: options, levelsUsed: &levelsUsed)
            }
        }
    }

    /// Indicator columns of the levels present, sorted (numeric levels are already in order),
    /// without the reference level when coding by contrasts; or of `fixedLevels` when given.
    static func indicators(label: String, variable: String, codes: [Int32], levels: [String], numericLevels: Bool, contrasts: Bool,
                           options: Options, levelsUsed: inout [String: [String]]) throws -> (names: [String], columns: [[Double]]) {
        let ordered: [String]
        if let fixed = options.fixedLevels[variable] {
            let known = Set(fixed)
            if let odd = codes.first(where: { $0 >= 0 && !known.contains(levels[Int($0)]) }) {
                throw EstimationError("'\(variable)' has the value '\(levels[Int(odd)])', which the model was not fitted with (levels: "
                    + fixed.joined(separator: ", ") + ")")
            }
            ordered = fixed
        } else {
            var order = Array(Set(codes.filter { $0 >= 0 })).sorted()
            if !numericLevels { order.sort { levels[Int($0)] < levels[Int($1)] } }
            var names = order.map { levels[Int($0)] }
            if let reference = options.referenceLevels[variable] {
                guard let r = names.firstIndex(of: reference) else {
                    throw EstimationError("reference level '\(reference)' of '\(label)' does not occur in the data (levels: "
                        + names.joined(separator: ", ") + ")")
                }
                names.insert(names.remove(at: r), at: 0)
            }
            ordered = names
        }
        levelsUsed[variable] = ordered
        let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, $0) })
        let levelPosition = levels.map { position[$0] ?? -1 }
        let used = contrasts ? Array(ordered.indices.dropFirst()) : Array(ordered.indices)
        // Column of each ordered level among the output columns (−1 for the reference).
        var columnOf = [Int](repeating: -1, count: ordered.count)
        for (j, k) in used.enumerated() { columnOf[k] = j }
        var columns = [[Double]](repeating: [Double](repeating: 0, count: codes.count), count: used.count)
        for (r, code) in codes.enumerated() where code >= 0 {
            let k = levelPosition[Int(code)]
            if k >= 0, columnOf[k] >= 0 { columns[columnOf[k]][r] = 1 }
        }
        return (used.map { label + ordered[$0] }, columns)
    }
}
