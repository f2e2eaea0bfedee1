import EffektNumerics

/// Covariate balance before and after matching or weighting: MatchIt's `summary(m, standardize =
/// TRUE)` with its `sum.all` and `sum.matched` tables, for the ATT.
///
/// One row per term, the `distance` (propensity score) first when one is given, as MatchIt lists
/// it. Each row has the statistics of the full sample under the before-weights (all 1 unless
/// sampling weights are given) and of the adjusted sample under the matching or weighting
/// weights; see `BalanceStatistics` for the definitions and `BalanceColumn` for the SD used.
public struct BalanceTable: Sendable {
    public struct Row: Sendable, Equatable {
        public let term: String
        public let isBinary: Bool
        /// Before matching (MatchIt's "Summary of Balance for All Data").
        public let all: BalanceStatistics
        /// After matching or weighting (MatchIt's "Summary of Balance for Matched Data").
        public let adjusted: BalanceStatistics
    }

    public let rows: [Row]

    /// - Parameters:
    ///   - covariates: one row per unit, one column per term (factors expanded to all levels, as
    ///     MatchIt shows them).
    ///   - terms: column names.
    ///   - binary: which terms are binary; `nil` detects them (every value 0 or 1).
    ///   - treated: treatment per row.
    ///   - weightsBefore: weights of the unadjusted sample; `nil` for all 1.
    ///   - weightsAfter: the matching or weighting weights.
    ///   - distance: the propensity score, reported as the term `distance`.
    ///   - matchedSets: the matched sets, for the standardised pair distance (`nil` for weighting).
    /// - Throws: `MatchingError` for lengths that differ, a non-finite value (naming term and row),
    ///   a negative or non-finite weight (naming the row), or a group without positive weight.
    public init(covariates: Matrix, terms: [String], binary: [Bool]? = nil, treated: [Bool],
                weightsBefore: [Double]? = nil, weightsAfter: [Double], distance: [Double]? = nil,
                matchedSets: [MatchedSet]? = nil) throws {
        let n = treated.count
        guard covariates.rows == n else { throw MatchingError.lengthMismatch(variable: "covariates", count: covariates.rows, expected: n) }
        guard terms.count == covariates.columns else {
            throw MatchingError.invalidOption("\(terms.count) term names for \(covariates.columns) covariate columns")
        }
        if let binary, binary.count != terms.count {
            throw MatchingError.invalidOption("\(binary.count) binary flags for \(terms.count) terms")
        }
        if let bad = covariates.firstNonFinite() { throw MatchingError.nonFinite(variable: terms[bad.column], row: bad.row) }
        let before = weightsBefore ?? [Double](repeating: 1, count: n)
        try Self.check(before, name: "weights before matching", treated: treated)
        try Self.check(weightsAfter, name: "weights after matching", treated: treated)

        let groups = (treated: treated.indices.filter { treated[$0] }, control: treated.indices.filter { !treated[$0] })
        var columns: [BalanceColumn] = []
        if let distance {
            guard distance.count == n else { throw MatchingError.lengthMismatch(variable: "distance", count: distance.count, expected: n) }
            if let row = distance.firstIndex(where: { !$0.isFinite }) { throw MatchingError.nonFinite(variable: "distance", row: row) }
            columns.append(BalanceColumn(term: "distance", values: distance, isBinary: false, treatedRows: groups.treated, weightsBefore: before))
        }
        for (j, term) in terms.enumerated() {
            let values = covariates.column(j)
            let isBinary = binary?[j] ?? values.allSatisfy { $0 == 0 || $0 == 1 }
            columns.append(BalanceColumn(term: term, values: values, isBinary: isBinary, treatedRows: groups.treated, weightsBefore: before))
        }
        rows = columns.map { column in
            Row(term: column.term, isBinary: column.isBinary,
                all: BalanceStatistics(column, treated: treated, groups: groups, weights: before, matchedSets: nil),
                adjusted: BalanceStatistics(column, treated: treated, groups: groups, weights: weightsAfter, matchedSets: matchedSets))
        }
    }

    /// The table for a matching or weighting result (before-weights all 1).
    public init(covariates: Matrix, terms: [String], binary: [Bool]? = nil, matching: MatchingResult,
                distance: [Double]? = nil) throws {
        try self.init(covariates: covariates, terms: terms, binary: binary, treated: matching.treated,
                      weightsAfter: matching.weights, distance: distance,
                      matchedSets: matching.matchedSets.isEmpty ? nil : matching.matchedSets)
    }

    /// The row of `term`, if present.
    public subscript(term: String) -> Row? { rows.first { $0.term == term } }

    /// Rows still imbalanced after adjustment: |SMD| ≥ 0.1 or variance ratio outside [0.5, 2].
    public var imbalanced: [Row] { rows.filter { $0.adjusted.isMeanImbalanced || $0.adjusted.isVarianceImbalanced } }

    private static func check(_ weights: [Double], name: String, treated: [Bool]) throws {
        guard weights.count == treated.count else {
            throw MatchingError.lengthMismatch(variable: name, count: weights.count, expected: treated.count)
        }
        if let row = weights.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
            throw MatchingError.invalidWeight(variable: name, row: row, value: weights[row])
        }
        for group in [true, false] where !weights.indices.contains(where: { treated[$0] == group && weights[$0] > 0 }) {
            throw MatchingError.invalidOption("\(name): no \(group ? "treated" : "control") unit has positive weight, so balance cannot be computed")
        }
    }
}
