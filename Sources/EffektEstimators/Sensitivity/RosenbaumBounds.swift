import EffektNumerics

/// Rosenbaum (2002, ch. 4) sensitivity bounds for matched pairs with Wilcoxon's signed-rank test:
/// how strong hidden bias — a factor Γ in the odds of treatment between matched units — would
/// have to be for the effect to stop being significant.
///
/// With S non-zero pair differences ranked by |d|, T⁺ the sum of ranks of differences in the
/// direction of the effect, and p⁺ = Γ/(1+Γ): under the worst-case bias T⁺ has mean
/// p⁺·S(S+1)/2 and variance p⁺(1−p⁺)·S(S+1)(2S+1)/6; the bound on the one-sided p-value is the
/// normal upper tail at (T⁺ − mean)/sd. `criticalGamma` is the smallest Γ (to 0.01) at which
/// that bound exceeds α.
public struct RosenbaumBounds: Sendable, Equatable {
    public let pairs: Int
    /// Γ at which the effect stops being significant at `alpha`; 1 when it is not significant
    /// even without hidden bias; nil when Γ exceeds 50.
    public let criticalGamma: Double?
    public let alpha: Double

    /// - Parameter differences: treated − control outcome per pair (sign: negative = the effect
    ///   lowered the outcome); the direction tested is the sign of the median difference.
    public init(differences: [Double], alpha: Double = 0.05) {
        let nonZero = differences.filter { $0 != 0 }
        let s = nonZero.count
        self.pairs = s
        self.alpha = alpha
        guard s > 0 else { criticalGamma = nil; return }
        let negative = nonZero.filter { $0 < 0 }.count * 2 > s
        // Ranks of |d| with ties averaged.
        let order = nonZero.indices.sorted { abs(nonZero[$0]) < abs(nonZero[$1]) }
        var ranks = [Double](repeating: 0, count: s)
        var i = 0
        while i < s {
            var j = i
            while j + 1 < s && abs(nonZero[order[j + 1]]) == abs(nonZero[order[i]]) { j += 1 }
            let average = Double(i + j + 2) / 2
            for k in i...j { ranks[order[k]] = average }
            i = j + 1
        }
        let statistic = zip(nonZero, ranks).reduce(0.0) { $0 + (($1.0 < 0) == negative ? $1.1 : 0) }
        let n = Double(s)
        func upperP(_ gamma: Double) -> Double {
            let p = gamma / (1 + gamma)
            let mean = p * n * (n + 1) / 2
            let sd = (p * (1 - p) * n * (n + 1) * (2 * n + 1) / 6).squareRoot()
            return Normal.survival((statistic - mean) / sd)
        }
        if upperP(1) > alpha { criticalGamma = 1; return }
        var gamma = 1.0
        while gamma < 50 {
            gamma += 0.01
            if upperP(gamma) > alpha { criticalGamma = (gamma * 100).rounded() / 100; return }
        }
        criticalGamma = nil
    }
}
