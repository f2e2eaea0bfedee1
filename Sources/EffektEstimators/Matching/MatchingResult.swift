/// What a matching or weighting method returns (MatchIt's `matchit` object): the matched sets, a
/// weight and subclass for every row, counts, the settings used and warnings. Diagnostics
/// (`BalanceTable`) and effects (`MatchedEffect`) are computed from it, never inside it.
public struct MatchingResult: Sendable {
    public let settings: MatchingSettings
    /// Treatment per row (`true` = treated).
    public let treated: [Bool]
    /// Matched treated units in row order (MatchIt's `match.matrix` rows), each with its controls
    /// in the order chosen. Empty for weighting methods.
    public let matchedSets: [MatchedSet]
    /// Weight per row, as MatchIt computes it; 0 for unmatched and discarded rows.
    public let weights: [Double]
    /// Matched-set number (1, 2, … in `matchedSets` order) per row, the cluster for pair-clustered
    /// standard errors; `nil` for unmatched rows, and for every row when matching with replacement
    /// (a control may then serve several sets, so there are no subclasses, as in MatchIt) or
    /// weighting.
    public let subclass: [Int?]
    /// Rows dropped by common-support discarding before matching.
    public let discarded: [Bool]
    public let counts: MatchingCounts
    /// What a reader should know: units left unmatched and why, discards, shortfalls.
    public let warnings: [String]

    init(settings: MatchingSettings, treated: [Bool], matchedSets: [MatchedSet], weights: [Double],
         subclass: [Int?], discarded: [Bool], warnings: [String]) {
        self.settings = settings
        self.treated = treated
        self.matchedSets = matchedSets
        self.weights = weights
        self.subclass = subclass
        self.discarded = discarded
        self.counts = MatchingCounts(treated: treated, weights: weights, discarded: discarded)
        self.warnings = warnings
    }

    /// Rows with positive weight (MatchIt's `match.data()`).
    public var matchedRows: [Int] { weights.indices.filter { weights[$0] > 0 } }
}
