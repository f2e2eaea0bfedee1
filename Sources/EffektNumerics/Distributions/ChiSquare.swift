import Foundation

/// The chi-square distribution with k > 0 degrees of freedom (non-integer allowed): the gamma
/// distribution with shape a = k/2 and scale 2.
///
/// P(X ≤ x) = P(a, x/2) and P(X > x) = Q(a, x/2), the regularized incomplete gamma functions,
/// each computed directly (see `SpecialFunctions.regularizedGamma`).
public struct ChiSquare: Sendable, Hashable {
    /// k, the degrees of freedom.
    public let degreesOfFreedom: Double

    /// - Throws: `NumericsError.domain` unless k is finite and > 0.
    public init(degreesOfFreedom: Double) throws {
        try checkDegreesOfFreedom(degreesOfFreedom, name: "degrees of freedom", distribution: "chi-square")
        self.degreesOfFreedom = degreesOfFreedom
    }

    private var shape: Double { degreesOfFreedom / 2 }

    /// The density x^{a−1} e^{−x/2} / (2^a Γ(a)), as (a/x)·D(a, x/2) or D(a − 1, x/2)/2 with
    /// D(k, λ) = λ^k e^{−λ}/Γ(k + 1) in Loader's saddle-point form.
    public func pdf(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x < 0 || x == .infinity { return 0 }
        let a = shape
        if x == 0 { return a < 1 ? .infinity : a == 1 ? 0.5 : 0 }
        return a < 1
            ? SaddlePoint.poissonDensity(a, mean: x / 2) * a / x
            : SaddlePoint.poissonDensity(a - 1, mean: x / 2) / 2
    }

    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return x }
        return x <= 0 ? 0 : SpecialFunctions.regularizedGamma(a: shape, x: x / 2).lower
    }

    /// P(X > x), without cancellation: the p-value of a chi-square statistic.
    public func survival(_ x: Double) -> Double {
        if x.isNaN { return x }
        return x <= 0 ? 1 : SpecialFunctions.regularizedGamma(a: shape, x: x / 2).upper
    }

    /// The quantile: the x with P(X ≤ x) = p; 0 at p = 0 and +∞ at p = 1.
    ///
    /// Newton's method in log x on log P (p ≤ ½) or on log Q with 1 − p (exact for p ≥ ½),
    /// see `TailInversion`; started from the better of the Wilson–Hilferty approximation
    /// (A&S 26.4.17) and the small-x limit P ≈ (x/2)^a/Γ(a + 1). About 1e-14 relative.
    ///
    /// - Throws: `NumericsError.domain` for p outside [0, 1] or NaN.
    public func quantile(_ p: Double) throws -> Double {
        try checkProbability(p)
        return p <= 0.5 ? solve(tail: p, lowerTail: true) : solve(tail: 1 - p, lowerTail: false)
    }

    /// The upper-tail quantile (critical value): the x with P(X > x) = q; +∞ at q = 0, 0 at q = 1.
    /// Accurate for tiny q, where `quantile(1 - q)` would lose q to rounding.
    ///
    /// - Throws: `NumericsError.domain` for q outside [0, 1] or NaN.
    public func inverseSurvival(_ q: Double) throws -> Double {
        try checkProbability(q, argument: "q")
        return q <= 0.5 ? solve(tail: q, lowerTail: false) : solve(tail: 1 - q, lowerTail: true)
    }

    private func solve(tail: Double, lowerTail: Bool) -> Double {
        if tail == 0 { return lowerTail ? 0 : .infinity }
        let a = shape
        let evaluate: (Double) -> (tail: Double, xDensity: Double) = { x in
            let (lower, upper) = SpecialFunctions.regularizedGamma(a: a, x: x / 2)
            return (lowerTail ? lower : upper, a * SaddlePoint.poissonDensity(a, mean: x / 2))
        }
        // Wilson–Hilferty: (X/k)^{1/3} ≈ N(1 − 2/(9k), 2/(9k)).
        let k = degreesOfFreedom
        let z = lowerTail ? ((try? Normal.quantile(tail)) ?? 0) : ((try? Normal.inverseSurvival(tail)) ?? 0)
        let v = 2 / (9 * k)
        let cube = 1 - v + z * v.squareRoot()
        var start = cube > 0 ? k * cube * cube * cube : 0
        if lowerTail || !(start > 0) {
            let smallX = 2 * exp((log(lowerTail ? tail : 1 - tail) + SpecialFunctions.logGamma(a + 1)) / a)
            if smallX > 0, smallX.isFinite,
               !(start > 0) || abs(log(evaluate(smallX).tail / tail)) < abs(log(evaluate(start).tail / tail))
            {
                start = smallX
            }
        }
        return TailInversion.solve(target: tail, lowerTail: lowerTail, start: start, evaluate: evaluate)
    }
}
