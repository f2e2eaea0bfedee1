import Foundation

/// The F distribution with d₁ > 0 numerator and d₂ > 0 denominator degrees of freedom
/// (non-integer allowed).
///
/// With a = d₁/2, b = d₂/2 and u = d₁x/(d₂ + d₁x): P(F ≤ x) = I_u(a, b) (A&S 26.6.2), computed
/// through whichever of u and 1 − u = d₂/(d₂ + d₁x) is smaller, as R's pf does, so that both
/// tails keep their relative accuracy.
public struct FDistribution: Sendable, Hashable {
    /// d₁, the numerator degrees of freedom.
    public let numerator: Double
    /// d₂, the denominator degrees of freedom.
    public let denominator: Double

    /// - Throws: `NumericsError.domain` unless both degrees of freedom are finite and > 0.
    public init(numerator: Double, denominator: Double) throws {
        try checkDegreesOfFreedom(numerator, name: "numerator degrees of freedom", distribution: "F")
        try checkDegreesOfFreedom(denominator, name: "denominator degrees of freedom", distribution: "F")
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The density u^a (1 − u)^b / (x B(a, b)) with the beta prefactor in Loader's saddle-point
    /// form.
    public func pdf(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x < 0 || x == .infinity { return 0 }
        let a = numerator / 2
        if x == 0 { return a < 1 ? .infinity : a == 1 ? 1 : 0 }
        let sum = denominator + numerator * x
        return SaddlePoint.betaPrefactor(a: a, b: denominator / 2, x: numerator * x / sum, y: denominator / sum) / x
    }

    /// P(F ≤ x).
    public func cdf(_ x: Double) -> Double {
        tails(x).lower
    }

    /// P(F > x), without cancellation: the p-value of an F statistic.
    public func survival(_ x: Double) -> Double {
        tails(x).upper
    }

    private func tails(_ x: Double) -> (lower: Double, upper: Double) {
        if x.isNaN { return (x, x) }
        if x <= 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        let (d1, d2) = (numerator, denominator)
        if d1 * x > d2 {
            let v = d2 / (d2 + d1 * x)
            let (lower, upper) = SpecialFunctions.regularizedBeta(x: v, a: d2 / 2, b: d1 / 2, complement: 1 - v)
            return (upper, lower)
        }
        let u = d1 * x / (d2 + d1 * x)
        return SpecialFunctions.regularizedBeta(x: u, a: d1 / 2, b: d2 / 2, complement: 1 - u)
    }
}
