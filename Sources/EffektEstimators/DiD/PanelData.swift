import EffektNumerics

/// A long-format panel for difference-in-differences: one row per unit and period, with the
/// outcome, the period in which the unit is first treated (its cohort or "group", 0 = never
/// treated), optional numeric covariates and an optional cluster variable.
///
/// Built once and immutable. The initialiser validates the input and names what is wrong
/// (variable, row, unit, period): mismatched lengths, non-finite outcome or covariate values,
/// two rows for the same unit and period, a group that changes within a unit, negative groups.
/// Rows are stored sorted by unit and then period (a radix sort, skipped when the input is
/// already sorted), with units and periods coded densely, so estimators can work on contiguous
/// arrays. Row numbers in messages are 1-based positions in the input.
public struct PanelData: Sendable {
    /// Names used in messages and results.
    public struct Names: Sendable, Equatable {
        public var unit: String
        public var time: String
        public var outcome: String
        public var group: String
        public var cluster: String

        public init(unit: String = "unit", time: String = "time", outcome: String = "y",
                    group: String = "group", cluster: String = "cluster") {
            self.unit = unit
            self.time = time
            self.outcome = outcome
            self.group = group
            self.cluster = cluster
        }
    }

    public let names: Names
    /// Number of rows (unit-periods).
    public let rowCount: Int
    /// The distinct unit ids, ascending; unit code u is `unitIDs[u]`.
    public let unitIDs: [Int]
    /// The distinct periods with at least one row, ascending; period code t is `periods[t]`.
    public let periods: [Int]
    /// Names of the covariates, in the order given.
    public let covariateNames: [String]
    /// Whether a cluster variable was given.
    public var hasCluster: Bool { clusterCodes != nil }
    /// Number of distinct clusters of the cluster variable (0 when none was given).
    public let clusterCount: Int

    // Row-level storage, sorted by (unit, period).
    let rowUnit: [Int32]
    let rowPeriod: [Int32]
    /// Rows of unit u are `unitStart[u]..<unitStart[u + 1]`.
    let unitStart: [Int]
    let outcome: [Double]
    let covariates: [[Double]]
    /// Dense cluster codes per row (nil without a cluster variable).
    let clusterCodes: [Int32]?
    /// Cluster code of each unit when the cluster variable is constant within every unit.
    let unitCluster: [Int32]?
    /// Group (first treatment period, 0 = never) of each unit.
    let unitGroup: [Int]
    /// Input row (0-based) of each stored row; nil when the input was already sorted.
    let sourceRow: [Int]?

    /// - Parameters:
    ///   - unit: unit id of each row.
    ///   - time: period of each row (integers: years, months, …; consecutive periods differ by
    ///     one where event times are computed).
    ///   - outcome: the outcome.
    ///   - group: first treatment period of the row's unit, 0 for never treated; must be the
    ///     same on every row of a unit.
    ///   - covariates: named numeric columns.
    ///   - cluster: an optional cluster label per row.
    /// - Throws: `EstimationError` naming the variable, row, unit or period concerned.
    public init(unit: [Int], time: [Int], outcome: [Double], group: [Int],
                covariates: [(name: String, values: [Double])] = [], cluster: [Int]? = nil,
                names: Names = Names()) throws {
        let n = unit.count
        self.names = names
        guard n > 0 else { throw EstimationError("the panel has no rows: there is nothing to estimate from") }
        func checkLength(_ count: Int, _ what: String) throws {
            if count != n {
                throw EstimationError("'\(what)' has \(count) values but '\(names.unit)' has \(n): every column needs one value per row")
            }
        }
        try checkLength(time.count, names.time)
        try checkLength(outcome.count, names.outcome)
        try checkLength(group.count, names.group)
        if let cluster { try checkLength(cluster.count, names.cluster) }
        var seen = Set<String>([names.unit, names.time, names.outcome, names.group])
        for c in covariates {
            try checkLength(c.values.count, c.name)
            if !seen.insert(c.name).inserted {
                throw EstimationError("the name '\(c.name)' is used twice: covariate names must differ from each other and from the panel's own columns")
            }
        }
        // Non-finite values, reported in input order.
        func checkFinite(_ values: [Double], _ what: String) throws {
            if let i = values.firstIndex(where: { !$0.isFinite }) {
                throw EstimationError("'\(what)' is \(values[i]) at row \(i + 1) (\(names.unit) \(unit[i]), \(names.time) \(time[i])): remove or impute non-finite values before estimating")
            }
        }
        try checkFinite(outcome, names.outcome)
        for c in covariates { try checkFinite(c.values, c.name) }
        if let i = group.firstIndex(where: { $0 < 0 }) {
            throw EstimationError("'\(names.group)' is \(group[i]) at row \(i + 1) (\(names.unit) \(unit[i])): it must be the first treatment period, or 0 for never treated")
        }

        // Sort by (unit, time) unless already sorted.
        var sorted = true
        for i in 1..<max(n, 1) where unit[i] < unit[i - 1] || (unit[i] == unit[i - 1] && time[i] <= time[i - 1]) {
            if unit[i] == unit[i - 1] && time[i] == time[i - 1] {
                throw EstimationError("\(names.unit) \(unit[i]) has two rows for \(names.time) \(time[i]) (rows \(i) and \(i + 1)): each unit may appear once per period")
            }
            sorted = false
            break
        }
        let order: [Int]? = sorted ? nil : PanelData.sortOrder(unit: unit, time: time)
        func permuted<T>(_ a: [T]) -> [T] {
            guard let order else { return a }
            return order.map { a[$0] }
        }
        let su = permuted(unit), st = permuted(time)
        if order != nil {
            for i in 1..<n where su[i] == su[i - 1] && st[i] == st[i - 1] {
                let (a, b) = (order![i - 1], order![i])
                throw EstimationError("\(names.unit) \(su[i]) has two rows for \(names.time) \(st[i]) (rows \(min(a, b) + 1) and \(max(a, b) + 1)): each unit may appear once per period")
            }
        }
        sourceRow = order
        rowCount = n
        self.outcome = permuted(outcome)
        covariateNames = covariates.map(\.name)
        self.covariates = covariates.map { permuted($0.values) }
        let sg = permuted(group)

        // Units: dense codes in sorted order.
        var ids: [Int] = []
        var starts: [Int] = []
        var codes = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            if i == 0 || su[i] != su[i - 1] {
                ids.append(su[i])
                starts.append(i)
            } else if sg[i] != sg[i - 1] {
                let row = (order?[i] ?? i) + 1
                throw EstimationError("'\(names.group)' of \(names.unit) \(su[i]) changes over time (\(sg[i - 1]), then \(sg[i]) at row \(row)): the first treatment period must be the same on every row of a unit")
            }
            codes[i] = Int32(ids.count - 1)
        }
        starts.append(n)
        guard ids.count < Int(Int32.max) else { throw EstimationError("too many units (\(ids.count)) for 32-bit codes") }
        unitIDs = ids
        unitStart = starts
        rowUnit = codes
        unitGroup = starts.dropLast().map { sg[$0] }

        // Periods: distinct values, ascending, and a code per row.
        let (distinct, periodCodes) = PanelData.code(st)
        periods = distinct
        rowPeriod = periodCodes

        // Cluster variable.
        if let cluster {
            let sc = permuted(cluster)
            var constant = true
            for u in 0..<ids.count where constant {
                for i in (starts[u] + 1)..<max(starts[u + 1], starts[u] + 1) where sc[i] != sc[starts[u]] { constant = false; break }
            }
            let (labels, rowCodes) = PanelData.code(sc)
            clusterCodes = rowCodes
            clusterCount = labels.count
            unitCluster = constant ? starts.dropLast().map { rowCodes[$0] } : nil
        } else {
            clusterCodes = nil
            clusterCount = 0
            unitCluster = nil
        }
    }

    /// Number of units.
    public var unitCount: Int { unitIDs.count }
    /// Number of distinct periods.
    public var periodCount: Int { periods.count }
    /// Whether every unit is observed in every period.
    public var isBalanced: Bool { rowCount == unitCount * periodCount }
    /// The group (first treatment period, 0 = never treated) of each unit, in `unitIDs` order.
    public var groups: [Int] { unitGroup }

    /// The first covariate among `names` that varies within a unit, with that unit's id.
    public func firstTimeVaryingCovariate(among names: [String]) -> (name: String, unit: Int)? {
        for name in names {
            guard let j = covariateNames.firstIndex(of: name) else { continue }
            let x = covariates[j]
            for u in 0..<unitCount {
                let first = x[unitStart[u]]
                for i in unitStart[u]..<unitStart[u + 1] where x[i] != first { return (name, unitIDs[u]) }
            }
        }
        return nil
    }

    /// Index of covariate `name`, or an error listing the available ones.
    func covariateIndex(_ name: String) throws -> Int {
        guard let j = covariateNames.firstIndex(of: name) else {
            let known = covariateNames.isEmpty ? "the panel has no covariates" : "known covariates: \(covariateNames.joined(separator: ", "))"
            throw EstimationError("no covariate named '\(name)' in the panel (\(known))")
        }
        return j
    }

    /// 1-based input row of stored row `i`.
    func inputRow(_ i: Int) -> Int { (sourceRow?[i] ?? i) + 1 }

    // MARK: - Sorting and coding

    /// The permutation sorting rows by (unit, time): an LSD radix sort on a packed 64-bit key
    /// (16 bits per pass), so 10⁷ rows sort in well under a second.
    static func sortOrder(unit: [Int], time: [Int]) -> [Int] {
        let n = unit.count
        let uMin = unit.min()!, uMax = unit.max()!
        let tMin = time.min()!, tMax = time.max()!
        let uSpan = UInt64(uMax - uMin), tSpan = UInt64(tMax - tMin)
        let tBits = tSpan == 0 ? 1 : 64 - tSpan.leadingZeroBitCount
        let uBits = uSpan == 0 ? 1 : 64 - uSpan.leadingZeroBitCount
        guard tBits + uBits <= 64 else {
            return (0..<n).sorted { unit[$0] != unit[$1] ? unit[$0] < unit[$1] : time[$0] < time[$1] }
        }
        var keys = (0..<n).map { (UInt64(unit[$0] - uMin) << UInt64(tBits)) | UInt64(time[$0] - tMin) }
        var index = [UInt32](unsafeUninitializedCapacity: n) { b, c in
            for i in 0..<n { b[i] = UInt32(i) }
            c = n
        }
        guard n < Int(UInt32.max) else {
            return (0..<n).sorted { keys[$0] < keys[$1] }
        }
        var keys2 = [UInt64](repeating: 0, count: n)
        var index2 = [UInt32](repeating: 0, count: n)
        let totalBits = tBits + uBits
        var shift = 0
        while shift < totalBits {
            var counts = [Int](repeating: 0, count: 65_537)
            keys.withUnsafeBufferPointer { k in
                for i in 0..<n { counts[Int((k[i] >> UInt64(shift)) & 0xFFFF) + 1] += 1 }
            }
            for d in 0..<65_536 { counts[d + 1] += counts[d] }
            keys.withUnsafeBufferPointer { k in index.withUnsafeBufferPointer { x in
                keys2.withUnsafeMutableBufferPointer { k2 in index2.withUnsafeMutableBufferPointer { x2 in
                    for i in 0..<n {
                        let d = Int((k[i] >> UInt64(shift)) & 0xFFFF)
                        let p = counts[d]
                        counts[d] = p + 1
                        k2[p] = k[i]
                        x2[p] = x[i]
                    }
                } }
            } }
            swap(&keys, &keys2)
            swap(&index, &index2)
            shift += 16
        }
        return index.map { Int($0) }
    }

    /// Distinct values (ascending) and the dense code of every entry.
    static func code(_ values: [Int]) -> (distinct: [Int], codes: [Int32]) {
        let lo = values.min()!, hi = values.max()!
        let span = hi - lo
        if span >= 0, span <= max(4 * values.count, 1 << 20) {
            var present = [Int32](repeating: -1, count: span + 1)
            for v in values { present[v - lo] = 0 }
            var distinct: [Int] = []
            for k in 0...span where present[k] == 0 {
                present[k] = Int32(distinct.count)
                distinct.append(lo + k)
            }
            let codes = [Int32](unsafeUninitializedCapacity: values.count) { b, c in
                for i in 0..<values.count { b[i] = present[values[i] - lo] }
                c = values.count
            }
            return (distinct, codes)
        }
        let distinct = Array(Set(values)).sorted()
        var lookup: [Int: Int32] = [:]
        lookup.reserveCapacity(distinct.count)
        for (k, v) in distinct.enumerated() { lookup[v] = Int32(k) }
        return (distinct, values.map { lookup[$0]! })
    }
}
