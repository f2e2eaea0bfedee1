import EffektNumerics

/// The validated input to every matching or weighting method: who is treated and how far apart
/// units are. Built once (all checks happen here), then handed to any `MatchingMethod`, as MatchIt's
/// `matchit()` checks its input once before calling a method.
///
/// Rows are 0-based in the API; messages count rows from 1.
public struct MatchingProblem: Sendable {
    /// `true` for treated rows (treatment 1), `false` for controls (treatment 0).
    public let treated: [Bool]
    /// The treatment variable's name, for messages.
    public let treatmentName: String
    public let distance: MatchingDistance

    /// - Parameters:
    ///   - treatment: one value per row, each exactly 0 or 1.
    ///   - distance: a score vector or covariates for Mahalanobis distance, one entry per row.
    /// - Throws: `MatchingError` naming the row of a treatment value that is not 0/1 or of a
    ///   non-finite distance or covariate; when lengths differ; when either group is empty.
    public init(treatment: [Double], treatmentName: String = "treat", distance: MatchingDistance) throws {
        for (row, value) in treatment.enumerated() where value != 0 && value != 1 {
            throw MatchingError.invalidTreatment(variable: treatmentName, row: row, value: value)
        }
        let n = treatment.count
        switch distance {
        case let .score(values):
            guard values.count == n else { throw MatchingError.lengthMismatch(variable: "distance", count: values.count, expected: n) }
            if let row = values.firstIndex(where: { !$0.isFinite }) { throw MatchingError.nonFinite(variable: "distance", row: row) }
        case let .mahalanobis(covariates, names):
            guard covariates.rows == n else {
                throw MatchingError.lengthMismatch(variable: "Mahalanobis covariates", count: covariates.rows, expected: n)
            }
            guard names.count == covariates.columns, !names.isEmpty else {
                throw MatchingError.invalidOption("Mahalanobis distance needs at least one covariate and one name per column (\(names.count) names for \(covariates.columns) columns)")
            }
            if let bad = covariates.firstNonFinite() { throw MatchingError.nonFinite(variable: names[bad.column], row: bad.row) }
        }
        treated = treatment.map { $0 == 1 }
        guard treated.contains(true) else { throw MatchingError.noTreatedUnits(variable: treatmentName) }
        guard treated.contains(false) else { throw MatchingError.noControlUnits(variable: treatmentName) }
        self.treatmentName = treatmentName
        self.distance = distance
    }

    /// Number of rows.
    public var count: Int { treated.count }
}
