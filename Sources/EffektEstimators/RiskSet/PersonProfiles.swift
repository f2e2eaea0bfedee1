import EffektData

/// The distinct combinations ("profiles") of some variables over rows: each row's profile and
/// the first row of each profile, numbered in order of first appearance.
struct PersonProfiles {
    /// Profile of each row, −1 for rows left out.
    let profile: [Int32]
    /// The first row of each profile.
    let representatives: [Int]

    /// Profiles of `values` (one entry per variable, all of the same row count) over the rows
    /// where `include` is true.
    init(values: [VariableValues], include: [Bool]) {
        let n = include.count
        // Codes are combined in mixed radix; when the next radix would overflow, the keys so far
        // are renumbered densely first.
        var key = [UInt64](repeating: 0, count: n)
        var bound: UInt64 = 1
        for variable in values {
            let (codes, radix) = Self.codes(variable, include: include)
            if bound.multipliedReportingOverflow(by: radix).overflow {
                bound = UInt64(Self.renumber(&key, include: include).count)
            }
            for i in 0..<n where include[i] { key[i] = key[i] * radix + UInt64(codes[i]) }
            bound *= radix
        }
        let first = Self.renumber(&key, include: include)
        profile = (0..<n).map { include[$0] ? Int32(key[$0]) : -1 }
        representatives = first
    }

    /// Codes 0..<radix of one variable on the included rows (numbers by distinct value).
    private static func codes(_ variable: VariableValues, include: [Bool]) -> ([Int32], UInt64) {
        switch variable {
        case let .categorical(codes, levels):
            return (codes, UInt64(max(levels.count, 1)))
        case let .numeric(values, _):
            var index: [UInt64: Int32] = [:]
            var codes = [Int32](repeating: 0, count: values.count)
            for i in values.indices where include[i] {
                let bits = (values[i] == 0 ? 0 : values[i]).bitPattern   // −0 and 0 alike
                if let c = index[bits] { codes[i] = c } else { codes[i] = Int32(index.count); index[bits] = codes[i] }
            }
            return (codes, UInt64(max(index.count, 1)))
        }
    }

    /// Replaces the included keys by 0, 1, … in order of first appearance; returns the first row of each.
    private static func renumber(_ key: inout [UInt64], include: [Bool]) -> [Int] {
        var index: [UInt64: UInt64] = [:]
        var first: [Int] = []
        for i in key.indices where include[i] {
            if let k = index[key[i]] { key[i] = k } else {
                index[key[i]] = UInt64(first.count)
                key[i] = UInt64(first.count)
                first.append(i)
            }
        }
        return first
    }
}
