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
        let (rows, missingRows, missingVariables) = Self.completeRows(formula.variables.map { ($0, resolved[$0]!) }, rowCount: data.rowCount)
        if !missingRows.isEmpty && !options.dropMissing {
            throw EstimationError("missing values in \(missingRows.count) row(s) (variables " + missingVariables.sorted().joined(separator: ", ")
                + "; first rows " + missingRows.prefix(5).map { String($0 + 1) }.joined(separator: ", ")
                + "): impute them, or ask to drop incomplete rows")
        }
        var notes: [String] = []
        if !missingRows.isEmpty {
            notes.append("\(missingRows.count) row(s) with missing values left out (" + missingVariables.sorted().joined(separator: ", ") + ")")
            resolved = resolved.mapValues { Self.gathering($0, rows: rows) }
        }

        // The columns: the intercept, then each term's products of its factors' codings.
        var columns: [ModelColumn] = formula.hasIntercept ? [ModelColumn(name: "(Intercept)", term: -1, factors: [])] : []
        let termSets = formula.terms.map { Set($0.factors) }
        var levelsUsed: [String: [String]] = [:]
        for (t, term) in formula.terms.enumerated() {
            var product: [(name: String, factors: [ModelColumn.Coding])] = []
            for (f, factor) in term.factors.enumerated() {
                let rest = Set(term.factors).subtracting([factor])
                let contrasts = rest.isEmpty ? formula.hasIntercept : termSets.contains(rest)
                let group = try Self.codings(for: factor, resolved: resolved, contrasts: contrasts, options: options, levelsUsed: &levelsUsed)
                // Products across groups, the first factor varying fastest (as R).
                product = f == 0 ? group.map { ($0.name, [$0.coding]) }
                    : group.flatMap { g in product.map { ($0.name + ":" + g.name, $0.factors + [g.coding]) } }
            }
            columns += product.map { ModelColumn(name: $0.name, term: t, factors: $0.factors) }
        }
        var response: [Double]?
        if let name = formula.response {
            guard case let .numeric(values, _) = resolved[name]! else {
                throw EstimationError("the response '\(name)' must be numeric (0/1 for a treatment)")
            }
            response = values
        }
        let (matrix, isBinary) = try Self.build(columns, rows: rows)
        self.matrix = matrix
        self.names = columns.map(\.name)
        self.response = response
        self.rows = rows
        self.isBinary = isBinary
        self.termIndex = columns.map(\.term)
        self.notes = notes
        self.levels = levelsUsed
    }

    /// Rows without a missing value in any of `variables` (one vectorised pass per variable), the
    /// others, and the variables that have missing values.
    static func completeRows(_ variables: [(String, VariableValues)], rowCount n: Int) -> (rows: [Int], missingRows: [Int], variables: [String]) {
        var isMissing = [UInt8](repeating: 0, count: n)
        var missingVariables: [String] = []
        isMissing.withUnsafeMutableBufferPointer { m in
            for (name, v) in variables {
                var any: UInt8 = 0
                switch v {
                case let .numeric(values, mask):
                    if let mask {
                        mask.withUnsafeBufferPointer { b in for r in 0..<n { let x: UInt8 = b[r] ? 1 : 0; m[r] |= x; any |= x } }
                    } else {
                        values.withUnsafeBufferPointer { b in for r in 0..<n { let x: UInt8 = b[r].isFinite ? 0 : 1; m[r] |= x; any |= x } }
                    }
                case let .categorical(codes, _):
                    codes.withUnsafeBufferPointer { b in for r in 0..<n { let x: UInt8 = b[r] < 0 ? 1 : 0; m[r] |= x; any |= x } }
                }
                if any != 0 { missingVariables.append(name) }
            }
        }
        if missingVariables.isEmpty { return (Array(0..<n), [], []) }
        return (isMissing.indices.filter { isMissing[$0] == 0 }, isMissing.indices.filter { isMissing[$0] != 0 }, missingVariables)
    }

    static func gathering(_ v: VariableValues, rows: [Int]) -> VariableValues {
        switch v {
        case let .numeric(values, _): return .numeric(rows.map { values[$0] }, missing: nil)
        case let .categorical(codes, levels): return .categorical(codes: rows.map { codes[$0] }, levels: levels)
        }
    }

    /// Rows per parallel chunk when writing the matrix.
    static let chunkRows = 16_384

    /// Writes every column straight into the matrix storage, in parallel over (column, row chunk)
    /// pieces, checking each piece for finiteness and 0/1 values while it is in cache (indicator
    /// columns are both by construction).
    static func build(_ columns: [ModelColumn], rows: [Int]) throws -> (Matrix, isBinary: [Bool]) {
        let n = rows.count, p = columns.count
        let ranges = Parallel.ranges(count: n, chunkSize: chunkRows)
        var checks: [(firstNonFinite: Int?, binary: Bool)] = []
        // Uninitialised storage: every entry is written once, by the pieces below.
        let storage = [Double](unsafeUninitializedCapacity: n * p) { buffer, initialized in
            let out = SharedBuffer(buffer)
            checks = Parallel.map(chunks: p * ranges.count) { c in
                let column = columns[c / ranges.count], range = ranges[c % ranges.count]
                let piece = UnsafeMutableBufferPointer(start: out.base! + (c / ranges.count) * n + range.lowerBound, count: range.count)
                let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: column.factors.count > 1 ? range.count : 0)
                defer { scratch.deallocate() }
                column.write(range, into: piece, scratch: scratch)
                if column.isIndicator { return (nil, true) }
                // Branch-free: v − v is +0 only for finite v, v·(v − 1) is ±0 only for v ∈ {0, 1}.
                var nonFinite: UInt64 = 0, nonBinary: UInt64 = 0
                for v in piece {
                    nonFinite |= (v - v).bitPattern
                    nonBinary |= (v * (v - 1)).magnitude.bitPattern
                }
                return (nonFinite == 0 ? nil : range.lowerBound + piece.firstIndex { !$0.isFinite }!, nonBinary == 0)
            }
            initialized = n * p
        }
        var isBinary = [Bool](repeating: true, count: p)
        for (j, column) in columns.enumerated() {
            let pieces = checks[(j * ranges.count)..<((j + 1) * ranges.count)]
            if let bad = pieces.lazy.compactMap(\.firstNonFinite).first {
                throw EstimationError("column '\(column.name)' is not finite at row \(rows[bad] + 1) (e.g. log of a non-positive value)")
            }
            isBinary[j] = pieces.allSatisfy(\.binary)
        }
        return (Matrix(rows: n, columns: p, columnMajor: storage), isBinary)
    }

    /// The codings of one factor of a term: its column(s) with their names.
    static func codings(for factor: Formula.Factor, resolved: [String: VariableValues], contrasts: Bool, options: Options,
                        levelsUsed: inout [String: [String]]) throws -> [(name: String, coding: ModelColumn.Coding)] {
        switch factor {
        case let .expression(e):
            var numeric: [String: [Double]] = [:]
            for v in e.variables {
                guard case let .numeric(values, _) = resolved[v]! else {
                    throw EstimationError("I(\(e.text)): '\(v)' is categorical; only numeric variables can enter an expression")
                }
                numeric[v] = values
            }
            return [(factor.label, .expression(e, variables: numeric))]
        case let .variable(name):
            switch resolved[name]! {
            case let .numeric(values, _):
                return [(name, .numeric(values))]
            case let .categorical(codes, levels):
                return try indicators(label: name, variable: name, codes: codes, levels: levels, numericLevels: false,
                                      contrasts: contrasts, options: options, levelsUsed: &levelsUsed)
            }
        case let .factor(name):
            switch resolved[name]! {
            case let .numeric(values, _):
                let distinct = Array(Set(values)).sorted()
                let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, Int32($0)) })
                let levels = distinct.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String($0) }
                return try indicators(label: factor.label, variable: name, codes: values.map { index[$0]! }, levels: levels,
                                      numericLevels: true, contrasts: contrasts, options: options, levelsUsed: &levelsUsed)
            case let .categorical(codes, levels):
                return try indicators(label: factor.label, variable: name, codes: codes, levels: levels,
                                      numericLevels: false, contrasts: contrasts, options: options, levelsUsed: &levelsUsed)
            }
        }
    }

    /// Indicator codings of the levels present, sorted (numeric levels are already in order),
    /// without the reference level when coding by contrasts; or of `fixedLevels` when given.
    /// `codes` are those of the rows used (none missing).
    static func indicators(label: String, variable: String, codes: [Int32], levels: [String], numericLevels: Bool, contrasts: Bool,
                           options: Options, levelsUsed: inout [String: [String]]) throws -> [(name: String, coding: ModelColumn.Coding)] {
        let ordered: [String]
        if let fixed = options.fixedLevels[variable] {
            let known = Set(fixed)
            let isUnknown = levels.map { !known.contains($0) }
            if let odd = codes.first(where: { isUnknown[Int($0)] }) {
                throw EstimationError("'\(variable)' has the value '\(levels[Int(odd)])', which the model was not fitted with (levels: "
                    + fixed.joined(separator: ", ") + ")")
            }
            ordered = fixed
        } else {
            var present = [Bool](repeating: false, count: levels.count)
            codes.withUnsafeBufferPointer { for c in $0 { present[Int(c)] = true } }
            var order = levels.indices.filter { present[$0] }
            if !numericLevels { order.sort { levels[$0] < levels[$1] } }
            var names = order.map { levels[$0] }
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
        let used = ordered.indices.dropFirst(contrasts ? 1 : 0)
        return used.map { k in (label + ordered[k], .indicator(codes: codes, value: levelPosition.map { $0 == k ? 1 : 0 })) }
    }
}
