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

    /// Rows per parallel chunk of the scan.
    static let chunkRows = 16_384

    /// One pass over X, in parallel over fixed row chunks: whether every entry is finite, and a
    /// column that separates y on its own: the ranges of x among y = 0 and y = 1 do not overlap
    /// (complete) or only touch (quasi-complete). Constant columns are skipped; rows of zero
    /// weight are ignored.
    static func univariate(x: Matrix, names: [String], y: [Double], weights: [Double]?,
                           workers: Int = Parallel.defaultWorkers) -> (allFinite: Bool, finding: Finding?) {
        let n = x.rows, p = x.columns
        let chunks = Parallel.ranges(count: n, chunkSize: chunkRows)
        let partials = x.withView { v in y.withUnsafeBufferPointer { yb in (weights ?? []).withUnsafeBufferPointer { wb in
            let xs = SharedReadBuffer(UnsafeBufferPointer(start: v.base, count: n * p)), ys = SharedReadBuffer(yb)
            let ws = weights == nil ? nil : SharedReadBuffer(wb)
            return Parallel.map(chunks: chunks.count, workers: workers) { c in
                let range = chunks[c]
                // 0 for rows of the class, +∞ for the others (zero-weight rows are in neither).
                var toOne = [Double](repeating: .infinity, count: range.count), toZero = toOne
                for (k, i) in range.enumerated() where (ws?[i] ?? 1) > 0 {
                    if ys[i] == 1 { toOne[k] = 0 } else { toZero[k] = 0 }
                }
                return (0..<p).map { j in
                    ClassRanges(xs.base! + j * n + range.lowerBound, count: range.count, toOne: toOne, toZero: toZero)
                }
            }
        } } }
        let ranges = (0..<p).map { j in partials.reduce(ClassRanges()) { $0.merged(with: $1[j]) } }
        var best: Finding?
        for (j, r) in ranges.enumerated() {
            guard r.lo0.isFinite, r.lo1.isFinite, min(r.lo0, r.lo1) < max(r.hi0, r.hi1) else { continue }
            let finding: Finding?
            if r.hi0 < r.lo1 {
                finding = Finding(variable: names[j], complete: true, detail: "is above \(short(r.hi0)) exactly when the outcome is 1")
            } else if r.hi1 < r.lo0 {
                finding = Finding(variable: names[j], complete: true, detail: "is below \(short(r.lo0)) exactly when the outcome is 1")
            } else if r.hi0 == r.lo1 {
                finding = Finding(variable: names[j], complete: false, detail: "values above \(short(r.hi0)) occur only with outcome 1")
            } else if r.hi1 == r.lo0 {
                finding = Finding(variable: names[j], complete: false, detail: "values above \(short(r.hi1)) occur only with outcome 0")
            } else {
                finding = nil
            }
            if let finding, best == nil || (finding.complete && !(best!.complete)) { best = finding }
        }
        return (ranges.allSatisfy(\.finite), best)
    }

    /// Minimum and maximum of one column among rows with y = 0 and with y = 1, and whether all
    /// its values are finite.
    struct ClassRanges: Sendable {
        var lo0 = Double.infinity, hi0 = -Double.infinity, lo1 = Double.infinity, hi1 = -Double.infinity
        var finite = true

        init() {}

        /// Over `count` values: x + penalty enters a class's minimum and x − penalty its maximum, so
        /// rows outside the class (penalty +∞) drop out; four lanes at a time, branch-free.
        init(_ values: UnsafePointer<Double>, count: Int, toOne: [Double], toZero: [Double]) {
            var lo1 = SIMD4<Double>(repeating: .infinity), hi1 = SIMD4<Double>(repeating: -.infinity)
            var lo0 = lo1, hi0 = hi1
            var nonFinite = SIMDMask<SIMD4<Int64>>(repeating: false)
            toOne.withUnsafeBytes { one in toZero.withUnsafeBytes { zero in
                let raw = UnsafeRawPointer(values)
                for i in stride(from: 0, to: count, by: 4) {
                    var v: SIMD4<Double>, toOne: SIMD4<Double>, toZero: SIMD4<Double>
                    if i + 4 <= count {
                        v = raw.loadUnaligned(fromByteOffset: 8 * i, as: SIMD4<Double>.self)
                        toOne = one.loadUnaligned(fromByteOffset: 8 * i, as: SIMD4<Double>.self)
                        toZero = zero.loadUnaligned(fromByteOffset: 8 * i, as: SIMD4<Double>.self)
                    } else {
                        // The last lanes: unused ones repeat the first value, outside both classes.
                        (v, toOne, toZero) = (SIMD4(repeating: values[0]), SIMD4(repeating: .infinity), SIMD4(repeating: .infinity))
                        for k in i..<count {
                            v[k - i] = values[k]
                            toOne[k - i] = one.load(fromByteOffset: 8 * k, as: Double.self)
                            toZero[k - i] = zero.load(fromByteOffset: 8 * k, as: Double.self)
                        }
                    }
                    nonFinite .|= (v - v) .!= 0
                    let (a, b, c, d) = (v + toOne, v - toOne, v + toZero, v - toZero)
                    lo1.replace(with: a, where: a .< lo1)
                    hi1.replace(with: b, where: b .> hi1)
                    lo0.replace(with: c, where: c .< lo0)
                    hi0.replace(with: d, where: d .> hi0)
                }
            } }
            (self.lo0, self.hi0, self.lo1, self.hi1) = (lo0.min(), hi0.max(), lo1.min(), hi1.max())
            finite = !any(nonFinite)
        }

        func merged(with other: ClassRanges) -> ClassRanges {
            var out = ClassRanges()
            (out.lo0, out.hi0) = (min(lo0, other.lo0), max(hi0, other.hi0))
            (out.lo1, out.hi1) = (min(lo1, other.lo1), max(hi1, other.hi1))
            out.finite = finite && other.finite
            return out
        }
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
