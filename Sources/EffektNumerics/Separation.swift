import Foundation

/// Detection of (quasi-)complete separation in binary-response models, so that a fit can name the
/// variable instead of returning huge coefficients (Albert & Anderson 1984).
enum Separation {
    struct Finding {
        var variable: String
        var complete: Bool
        /// The outcome value that the variable predicts perfectly on one side.
        var detail: String

        func message(response: String) -> String {
            let kind = complete ? "complete" : "quasi-complete"
            return "\(kind) separation: '\(variable)' \(detail), so the maximum-likelihood estimate does not exist (the coefficient would diverge). Remove '\(variable)', merge its sparse categories, or restrict the sample to where both values of '\(response)' occur"
        }
    }

    /// A column that separates y on its own: the ranges of x among y = 0 and y = 1 do not overlap
    /// (complete) or only touch (quasi-complete). Constant columns are skipped.
    static func univariate(x: Matrix, names: [String], y: [Double], weights: [Double]) -> Finding? {
        var best: Finding?
        // One branch-free pass per column: values of rows with y = 1 (or y = 0) enter their own
        // minimum and maximum, the others are replaced by ±∞ (zero-weight rows by both).
        let isOne = zip(y, weights).map { $0 == 1 && $1 > 0 }
        let isZero = zip(y, weights).map { $0 != 1 && $1 > 0 }
        for j in 0..<x.columns {
            var lo0 = Double.infinity, hi0 = -Double.infinity, lo1 = Double.infinity, hi1 = -Double.infinity
            x.withView { v in
                let col = v.base! + j * v.leadingDimension
                isOne.withUnsafeBufferPointer { one in
                    isZero.withUnsafeBufferPointer { zero in
                        for i in 0..<x.rows {
                            let value = col[i]
                            lo1 = min(lo1, one[i] ? value : .infinity)
                            hi1 = max(hi1, one[i] ? value : -.infinity)
                            lo0 = min(lo0, zero[i] ? value : .infinity)
                            hi0 = max(hi0, zero[i] ? value : -.infinity)
                        }
                    }
                }
            }
            guard lo0.isFinite, lo1.isFinite, min(lo0, lo1) < max(hi0, hi1) else { continue }
            let finding: Finding?
            if hi0 < lo1 {
                finding = Finding(variable: names[j], complete: true, detail: "is above \(short(hi0)) exactly when the outcome is 1")
            } else if hi1 < lo0 {
                finding = Finding(variable: names[j], complete: true, detail: "is below \(short(lo0)) exactly when the outcome is 1")
            } else if hi0 == lo1 {
                finding = Finding(variable: names[j], complete: false, detail: "values above \(short(hi0)) occur only with outcome 1")
            } else if hi1 == lo0 {
                finding = Finding(variable: names[j], complete: false, detail: "values above \(short(hi1)) occur only with outcome 0")
            } else {
                finding = nil
            }
            if let finding, best == nil || (finding.complete && !(best!.complete)) { best = finding }
        }
        return best
    }

    /// The message for separation that no single column explains: fitted probabilities at 0 or 1,
    /// naming the columns with the largest standardized coefficients |βⱼ|·sd(xⱼ).
    static func multivariateMessage(x: Matrix, names: [String], beta: [Double], count: Int, response: String) -> String {
        let standardized: [(String, Double)] = (0..<x.columns).map { j in
            let column = x.column(j)
            let mean = column.reduce(0, +) / Double(column.count)
            let sd = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(column.count - 1, 1))).squareRoot()
            return (names[j], abs(beta[j]) * sd)
        }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
        let top = standardized.prefix(3).map { "'\($0.0)' (|β|·sd = \(short($0.1)))" }.joined(separator: ", ")
        return "fitted probabilities numerically 0 or 1 occurred for \(count) observation(s): '\(response)' is (quasi-)separated by a combination of variables; the largest standardized coefficients are \(top). Simplify the model or drop the observations outside common support"
    }

    private static func short(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.6g", v)
    }
}
