import Foundation

extension SpecialFunctions {
    /// The regularized incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) and
    /// Q(a, x) = Γ(a, x)/Γ(a) = 1 − P, each computed directly so that the smaller one keeps its
    /// relative accuracy deep into the tail.
    ///
    /// With the prefactor D = x^a e^{−x}/Γ(a + 1) in Loader's saddle-point form:
    /// - x < a + 1: P by its power series P = D Σ_{n≥0} x^n / ((a+1)⋯(a+n)) (A&S 6.5.29);
    ///   Q = 1 − P, except for a < 1 where P can approach 1 and Q comes from the small-shape
    ///   expansion Q = (1 − x^a/Γ(a+1)) + x^a/Γ(a+1) Σ_{n≥1} (−1)^{n+1} a x^n / ((a + n) n!)
    ///   (Gautschi 1979, eq. 4.6);
    /// - otherwise Q by Legendre's continued fraction
    ///   Q = a D / (x + 1 − a − 1(1 − a)/(x + 3 − a − 2(2 − a)/(x + 5 − a − ⋯))) (A&S 6.5.31),
    ///   evaluated with the modified Lentz method (Numerical Recipes §6.2), and P = 1 − Q.
    ///
    /// The work grows like √a near x ≈ a. Returns NaN for a ≤ 0, x < 0 or NaN arguments.
    public static func regularizedGamma(a: Double, x: Double) -> (lower: Double, upper: Double) {
        guard a > 0, x >= 0, a.isFinite else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        let prefactor = SaddlePoint.poissonDensity(a, mean: x)
        if x < a + 1 {
            let lower = prefactor * gammaSeries(a: a, x: x)
            let upper = a < 1 ? smallShapeUpperGamma(a: a, x: x) : 1 - lower
            return (lower, upper)
        }
        let denominator = ContinuedFraction.evaluate(b0: x + 1 - a) { n in
            let k = Double(n)
            return (-k * (k - a), x + 2 * k + 1 - a)
        }
        let upper = a * prefactor / denominator
        return (1 - upper, upper)
    }

    /// Σ_{n≥0} x^n / ((a+1)(a+2)⋯(a+n)); positive terms, used for x < a + 1.
    private static func gammaSeries(a: Double, x: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        var denominator = a
        while term > sum * Double.ulpOfOne / 2 {
            denominator += 1
            term *= x / denominator
            sum += term
        }
        return sum
    }

    /// Q(a, x) for a < 1 and x < a + 1 (< 2) by Gautschi's small-shape expansion.
    private static func smallShapeUpperGamma(a: Double, x: Double) -> Double {
        let logW = a * log(x) - logGamma1p(a)        // log(x^a / Γ(a + 1))
        var term = 1.0                               // x^n / n!
        var sum = 0.0
        var n = 0.0
        repeat {
            n += 1
            term *= -x / n
            let next = sum - a * term / (a + n)
            if next == sum { break }
            sum = next
        } while true
        return -expm1(logW) + exp(logW) * sum
    }
}
