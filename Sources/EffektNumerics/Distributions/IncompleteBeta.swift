import Foundation

extension SpecialFunctions {
    /// The regularized incomplete beta function I_x(a, b) and its complement 1 − I_x(a, b),
    /// each computed directly so that the smaller one keeps its relative accuracy.
    ///
    /// Pass `complement` (= 1 − x) when it is known more accurately than `1 - x` can be formed,
    /// e.g. x = t²/(ν + t²), 1 − x = ν/(ν + t²).
    ///
    /// Method: for x < (a + 1)/(a + b + 2), I_x(a, b) = K / (a F) with the prefactor
    /// K = x^a (1 − x)^b / B(a, b) in Loader's saddle-point form and F the continued fraction
    /// 1 + d₁/(1 + d₂/(1 + ⋯)) of A&S 26.5.8,
    /// d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),
    /// d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m));
    /// otherwise the same for 1 − I_x(a, b) = I_{1−x}(b, a).
    ///
    /// F is evaluated in its even contraction (Lorentzen & Waadeland 1992, §2.4)
    /// F = β₀ + α₁/(β₁ + α₂/(β₂ + ⋯)) with β₀ = 1 + d₁, βₘ = 1 + d_{2m} + d_{2m+1},
    /// αₘ = −d_{2m−1} d_{2m}, which written with λ = a − (a + b) x become
    /// β₀ = (1 + λ)/(a + 1), βₘ = ((a − 1)(1 + λ) + 2m (a + m)(2 − x)) / ((a + 2m − 1)(a + 2m + 1)),
    /// αₘ = (a + m − 1)(a + b + m − 1) m (b − m) x² / ((a + 2m − 2)(a + 2m − 1)² (a + 2m)).
    /// Near the mean of a beta with large a + b, 1 + d₁ is a difference of nearly equal terms in
    /// the original form (a relative error of order (a + b)·ε); here 1 + λ is formed from the
    /// smaller of x and 1 − x with a fused multiply-add, so that difference is rounded once,
    /// and 2 − x as 1 + (1 − x) (the idea of DiDonato & Morris 1992, TOMS 708, `bfrac`). The
    /// fraction needs O(√max(a, b)) terms near the mean, far fewer in the tails; it is evaluated
    /// by the modified Lentz method.
    ///
    /// Returns NaN for a ≤ 0, b ≤ 0, x outside [0, 1] or NaN arguments.
    public static func regularizedBeta(x: Double, a: Double, b: Double, complement: Double? = nil)
        -> (lower: Double, upper: Double)
    {
        let y = complement ?? 1 - x
        guard a > 0, b > 0, a.isFinite, b.isFinite, x >= 0, y >= 0 else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if y == 0 { return (1, 0) }
        if x < (a + 1) / (a + b + 2) {
            let lower = betaFraction(x: x, y: y, a: a, b: b)
            return (lower, 1 - lower)
        }
        let upper = betaFraction(x: y, y: x, a: b, b: a)
        return (1 - upper, upper)
    }

    /// I_x(a, b) by the contracted continued fraction, for x below (a + 1)/(a + b + 2).
    private static func betaFraction(x: Double, y: Double, a: Double, b: Double) -> Double {
        let prefactor = SaddlePoint.betaPrefactor(a: a, b: b, x: x, y: y)
        if prefactor == 0 { return 0 }
        let s = a + b
        // 1 + λ = a + 1 − s x = 1 − b + s (1 − x), one rounding with the exact product.
        let onePlusLambda = x <= y ? (a + 1).addingProduct(-s, x) : (1 - b).addingProduct(s, y)
        let twoMinusX = 1 + y
        let fraction = ContinuedFraction.evaluate(b0: onePlusLambda / (a + 1)) { n in
            let m = Double(n)
            let alpha = (a + m - 1) * (s + m - 1) * m * (b - m) * x * x
                / ((a + 2 * m - 2) * (a + 2 * m - 1) * (a + 2 * m - 1) * (a + 2 * m))
            let beta = ((a - 1) * onePlusLambda + 2 * m * (a + m) * twoMinusX)
                / ((a + 2 * m - 1) * (a + 2 * m + 1))
            return (alpha, beta)
        }
        return prefactor / (a * fraction)
    }
}
