import Foundation

extension SpecialFunctions {
    /// log Γ(x) for x > 0, accurate to a few ulps relative, also near the zeros at 1 and 2.
    ///
    /// - x ∈ [1.5, 2.5): the Taylor series of log Γ(2 + u) about u = 0,
    ///   `(1 − γ) u + Σ_{k≥2} (−1)^k (ζ(k) − 1) u^k / k` (Abramowitz & Stegun 6.1.33 shifted by
    ///   one), which converges like 4^−k for |u| ≤ ½;
    /// - x < 1.5: log Γ(x) = log Γ(x + 1) − log x, applied once or twice;
    /// - x ∈ [2.5, 10): the recurrence log Γ(x) = log Γ(x − k) + log((x − 1)⋯(x − k));
    /// - x ≥ 10: Stirling's series (A&S 6.1.41) with the correction `stirlingError(x)`.
    ///
    /// Returns +∞ at x = 0 and for x so large that the result overflows, NaN for x < 0 or NaN.
    public static func logGamma(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? .infinity : .nan }
        if x < 0.5 { return logGamma1p(x) - log(x) }
        if x < 1.5 { return logGamma1p(x - 1) }
        if x < 2.5 { return logGammaNearTwo(x - 2) }
        if x < 10 {
            var product = 1.0
            var y = x
            while y >= 2.5 {
                y -= 1
                product *= y
            }
            return logGammaNearTwo(y - 2) + log(product)
        }
        return (x - 0.5) * log(x) - x + halfLogTwoPi + stirlingError(x)
    }

    /// log Γ(1 + a) for |a| ≤ ½ without the cancellation of computing 1 + a first:
    /// log Γ(2 + a) − log1p(a).
    static func logGamma1p(_ a: Double) -> Double {
        logGammaNearTwo(a) - log1p(a)
    }

    /// Stirling's error term δ(x) = log Γ(x + 1) − (x + ½) log x + x − ½ log(2π) for x > 0.
    ///
    /// For x ≥ 10 the asymptotic series Σ B₂ₖ / (2k (2k − 1) x^{2k−1}) with seven terms (the first
    /// omitted term is below 3e-17); below 10 the definition, whose cancellation costs at most a
    /// few 1e-15 absolute (what matters where δ enters an exponent). Loader (2000) uses δ to
    /// evaluate binomial and Poisson probabilities without cancellation.
    static func stirlingError(_ x: Double) -> Double {
        guard x >= 10 else {
            return logGamma(x + 1) - (x + 0.5) * log(x) + x - halfLogTwoPi
        }
        let w = 1 / (x * x)
        var sum = stirlingCoefficients[stirlingCoefficients.count - 1]
        for c in stirlingCoefficients.dropLast().reversed() { sum = sum * w + c }
        return sum / x
    }

    /// ½ log(2π).
    static let halfLogTwoPi = 0.91893853320467278

    /// B₂ₖ / (2k (2k − 1)) for k = 1…7: 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360, 1/156.
    private static let stirlingCoefficients: [Double] = [
        1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360_360, 1.0 / 156,
    ]

    /// log Γ(2 + u) for |u| ≤ ½ by its Taylor series (Horner, 30 terms).
    private static func logGammaNearTwo(_ u: Double) -> Double {
        var sum = 0.0
        for c in nearTwoCoefficients.reversed() { sum = sum * u + c }
        return u * (oneMinusEulerGamma + u * sum)
    }

    /// 1 − γ (Euler's constant).
    private static let oneMinusEulerGamma = 0.42278433509846713939

    /// (−1)^k (ζ(k) − 1) / k for k = 2…30, computed with mpmath at 40 digits.
    private static let nearTwoCoefficients: [Double] = [
        3.22467033424113203e-01, -6.73523010531981020e-02, 2.05808084277845464e-02,
        -7.38555102867398568e-03, 2.89051033074152336e-03, -1.19275391170326102e-03,
        5.09669524743042450e-04, -2.23154758453579386e-04, 9.94575127818085310e-05,
        -4.49262367381331420e-05, 2.05072127756706911e-05, -9.43948827526839672e-06,
        4.37486678990748817e-06, -2.03921575380136619e-06, 9.55141213040741935e-07,
        -4.49246919876456619e-07, 2.12071848055546646e-07, -1.00432248239680991e-07,
        4.76981016936398040e-08, -2.27110946089431635e-08, 1.08386592148969546e-08,
        -5.18347504197004664e-09, 2.48367454380247848e-09, -1.19214014058609115e-09,
        5.73136724167886225e-10, -2.75952288512423336e-10, 1.33047643742444888e-10,
        -6.42296456383809960e-11, 3.10442477473222756e-11,
    ]
}
