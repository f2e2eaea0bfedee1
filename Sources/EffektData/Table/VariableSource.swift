/// Where a model frame reads its variables: a table, a register's covariates at a reference
/// month, or arrays in memory.
public protocol VariableSource {
    var rowCount: Int { get }
    /// Every variable the source holds, for "did you mean" messages.
    var variableNames: [String] { get }
    /// The named variable, or nil when the source has none by that name.
    func variable(named name: String) -> VariableValues?
}

/// One variable's values: numbers (NaN never stands for missing; the mask does) or categories.
public enum VariableValues: Sendable {
    /// Values with an optional missing mask (`true` = missing).
    case numeric([Double], missing: [Bool]?)
    /// Codes into `levels` (−1 = missing).
    case categorical(codes: [Int32], levels: [String])

    public func isMissing(_ row: Int) -> Bool {
        switch self {
        case let .numeric(values, missing): return missing?[row] ?? !values[row].isFinite
        case let .categorical(codes, _): return codes[row] < 0
        }
    }
}

/// Variables held in memory by name, in insertion order.
public struct VariableTable: VariableSource, Sendable {
    public private(set) var rowCount: Int
    public private(set) var variableNames: [String] = []
    private var values: [String: VariableValues] = [:]

    public init(rowCount: Int) { self.rowCount = rowCount }

    public mutating func set(_ name: String, _ v: VariableValues) {
        if values[name] == nil { variableNames.append(name) }
        values[name] = v
    }

    public mutating func set(_ name: String, numeric: [Double]) {
        precondition(numeric.count == rowCount, "variable \(name) has \(numeric.count) values for \(rowCount) rows")
        set(name, .numeric(numeric, missing: nil))
    }

    public mutating func set(_ name: String, categories: [String?]) {
        precondition(categories.count == rowCount, "variable \(name) has \(categories.count) values for \(rowCount) rows")
        var levels: [String] = []
        var index: [String: Int32] = [:]
        let codes = categories.map { value -> Int32 in
            guard let value else { return -1 }
            if let c = index[value] { return c }
            let c = Int32(levels.count)
            index[value] = c
            levels.append(value)
            return c
        }
        set(name, .categorical(codes: codes, levels: levels))
    }

    public func variable(named name: String) -> VariableValues? { values[name] }
}
