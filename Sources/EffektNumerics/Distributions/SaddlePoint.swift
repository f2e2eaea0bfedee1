import Foundation

/// Poisson and binomial probabilities for real-valued counts in the saddle-point form of
/// Loader (2000), "Fast and accurate computation of binomial probabilities": the probability
/// is written as exp(−δ-terms − deviance-terms) / √(2π ⋯) with the Stirling error δ and the
/// deviance term bd0 evaluated without cancellation. These are the prefactors
/// x^a e^{−x} / Γ(a + 1) and x^a (1 − x)^b / B(a, b) of the incomplete gamma and beta
/// functions, and stay accurate for large a and b where a direct exp(a log x − …) would lose
/// digits to cancellation in the exponent.
enum SaddlePoint {
    /// bd0(x, m) = x log(x / m) + m − x ≥ 0 for x > 0, m ≥ 0.
    ///
    /// For m/2 < x < 2m, Loader's series: with v = (x − m)/(x + m),
    /// bd0 = (x − m) v + 2x Σ_{j≥1} v^{2j+1}/(2j + 1), |v| < ⅓; otherwise the definition, whose
    /// cancellation there costs at most a factor 4.
    static func deviance(_ x: Double, _ m: Double) -> Double {
        guard abs(x - m) < (x + m) / 3 else {
            return x * log(x / m) + m - x
        }
        let v = (x - m) / (x + m)
        let v2 = v * v
        var term = 2 * x * v
        var sum = (x - m) * v
        var j = 1.0
        while true {
            term *= v2
            let next = sum + term / (2 * j + 1)
            if next == sum { return sum }
            sum = next
            j += 1
        }
    }

    /// λ^k e^{−λ} / Γ(k + 1) for real k ≥ 0 and λ ≥ 0 (the Poisson probability at k).
    static func poissonDensity(_ k: Double, mean lambda: Double) -> Double {
        if k == 0 { return exp(-lambda) }
        if lambda == 0 { return 0 }
        return exp(-SpecialFunctions.stirlingError(k) - deviance(k, lambda)) / (2 * Double.pi * k).squareRoot()
    }

    /// Γ(a + b + 1) / (Γ(a + 1) Γ(b + 1)) · x^a y^b for a, b > 0 and x + y = 1 with both given,
    /// so that whichever is tiny keeps its relative accuracy (the binomial probability of a
    /// successes and b failures).
    static func binomialDensity(successes a: Double, failures b: Double, x: Double, y: Double) -> Double {
        let n = a + b
        let exponent = SpecialFunctions.stirlingError(n) - SpecialFunctions.stirlingError(a)
            - SpecialFunctions.stirlingError(b) - deviance(a, n * x) - deviance(b, n * y)
        return exp(exponent) * (n / (2 * Double.pi * a * b)).squareRoot()
    }

    /// x^a y^b / B(a, b) for a, b > 0, x + y = 1: the common factor of the incomplete beta
    /// function's series and continued fraction.
    static func betaPrefactor(a: Double, b: Double, x: Double, y: Double) -> Double {
        a * b / (a + b) * binomialDensity(successes: a, failures: b, x: x, y: y)
    }
}
