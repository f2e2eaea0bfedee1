import EffektEstimators
import EffektReports

/// The balance paragraph of an insats: how many terms of the propensity model still have
/// |SMD| ≥ 0,1 after matching, named with their values and flagged in bold when there are any.
/// An SMD that is not finite (a category without participants, whose standard deviation among
/// participants is zero) counts as imbalanced and prints as "kan inte standardiseras", never "inf".
struct BalanceSummary {
    let context: ReportContext
    let balance: BalanceTable

    /// At most this many terms are named; the rest are counted.
    static let namedTerms = 10

    /// Rows still imbalanced after matching, the worst first (non-finite first of all).
    var imbalanced: [BalanceTable.Row] {
        balance.rows.filter { row in
            let smd = row.adjusted.standardizedMeanDifference
            return !smd.isFinite || abs(smd) >= BalanceStatistics.smdThreshold
        }.sorted { a, b in
            let x = a.adjusted.standardizedMeanDifference, y = b.adjusted.standardizedMeanDifference
            return (x.isFinite ? abs(x) : .greatestFiniteMagnitude) > (y.isFinite ? abs(y) : .greatestFiniteMagnitude)
        }
    }

    func markdown() -> String {
        let texts = context.texts
        let flagged = imbalanced
        guard !flagged.isEmpty else {
            func largest(_ values: [Double]) -> String {
                values.filter(\.isFinite).map(abs).max().map { context.decimal($0, 2) } ?? context.missing
            }
            return texts.balanceGood(terms: balance.rows.count,
                                     largest: largest(balance.rows.map(\.adjusted.standardizedMeanDifference)),
                                     largestBefore: largest(balance.rows.map(\.all.standardizedMeanDifference)))
        }
        var names = flagged.prefix(Self.namedTerms).map { row -> String in
            let smd = row.adjusted.standardizedMeanDifference
            let value = smd.isFinite ? context.decimal(smd, 2) : texts.balanceNonFinite
            return "\(ReportContext.plain(context.termLabel(row.term))) (\(value))"
        }
        if flagged.count > Self.namedTerms {
            names.append(context.language == .swedish ? "och \(flagged.count - Self.namedTerms) till" : "and \(flagged.count - Self.namedTerms) more")
        }
        return texts.balanceBad(count: flagged.count, terms: balance.rows.count, list: names.joined(separator: "; "))
    }
}
