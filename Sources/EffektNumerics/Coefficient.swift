/// One estimated coefficient as a results table shows it (statsmodels' `params`, `bse`,
/// `tvalues`, `pvalues` in one row). `estimate` is `nil` when the column was aliased (not
/// estimable), as R prints `NA`.
public struct Coefficient: Sendable, Equatable {
    public var name: String
    public var estimate: Double?
    public var standardError: Double?

    public init(name: String, estimate: Double?, standardError: Double?) {
        self.name = name
        self.estimate = estimate
        self.standardError = standardError
    }

    /// estimate / standard error.
    public var statistic: Double? {
        guard let b = estimate, let s = standardError, s > 0 else { return nil }
        return b / s
    }

    /// Whether the coefficient was estimable.
    public var isAliased: Bool { estimate == nil }
}
