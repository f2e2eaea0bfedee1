/// A variable on which matches must agree exactly (MatchIt `exact`), coded as integers (a factor's
/// level codes, a 0/1 indicator, …). With several variables, the strata are their combinations.
public struct ExactVariable: Sendable, Equatable {
    public let name: String
    public let codes: [Int]

    public init(name: String, codes: [Int]) {
        self.name = name
        self.codes = codes
    }
}

/// The exact-matching strata: each row's stratum, numbered densely in order of first appearance.
struct ExactStrata {
    let stratumOfRow: [Int]
    let count: Int

    /// - Throws: `MatchingError.lengthMismatch` naming a variable of the wrong length.
    init(_ variables: [ExactVariable], rows: Int) throws {
        for v in variables where v.codes.count != rows {
            throw MatchingError.lengthMismatch(variable: v.name, count: v.codes.count, expected: rows)
        }
        var lookup: [[Int]: Int] = [:]
        stratumOfRow = (0..<rows).map { i in
            let key = variables.map { $0.codes[i] }
            if let s = lookup[key] { return s }
            lookup[key] = lookup.count
            return lookup.count - 1
        }
        count = lookup.count
    }
}
