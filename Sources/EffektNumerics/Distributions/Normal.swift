import Foundation

/// The standard normal distribution N(0, 1).
public enum Normal {
    /// The density φ(x) = exp(−x²/2)/√(2π), with x² split as in `cdf` so the tails keep full
    /// relative accuracy.
    public static func pdf(_ x: Double) -> Double {
        if x.isNaN { return x }
        return gaussianFactor(abs(x)) * inverseSqrtTwoPi
    }

    /// Φ(x) = P(X ≤ x).
    ///
    /// Cody (1969), "Rational Chebyshev approximations for the error function", in the
    /// normal-distribution form of his ANORM program: a rational function of x² for
    /// |x| ≤ 0.66291, of |x| for |x| ≤ √32 and of 1/x² beyond, each multiplied by
    /// exp(−x²/2) evaluated as exp(−s²/2)·exp(−(x − s)(x + s)/2) with s = ⌊16x⌋/16 (s² is exact),
    /// which keeps ~1e-15 relative accuracy in both tails down to the underflow threshold.
    /// Returns exactly 0 below x = −37.5193 (as R does; Φ is subnormal there).
    public static func cdf(_ x: Double) -> Double {
        if x.isNaN { return x }
        let y = abs(x)
        if y <= 0.66291 {
            let s = x * x
            return 0.5 + x * horner(centralNumerator, s) / horner(centralDenominator, s)
        }
        let tail = upperTail(y)
        return x > 0 ? 1 - tail : tail
    }

    /// The upper tail 1 − Φ(x) = Φ(−x), without cancellation.
    public static func survival(_ x: Double) -> Double {
        cdf(-x)
    }

    /// The quantile Φ⁻¹(p): Wichura (1988), Algorithm AS 241 (PPND16), rational approximations
    /// in p − ½ for |p − ½| ≤ 0.425 and in √(−log min(p, 1−p)) beyond, with about 16 digits.
    /// p = 0 and p = 1 give −∞ and +∞ (as in R).
    ///
    /// - Throws: `NumericsError.domain` for p outside [0, 1] or NaN.
    public static func quantile(_ p: Double) throws -> Double {
        try checkProbability(p)
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            return q * horner(centralQuantileNumerator, r) / horner(centralQuantileDenominator, r)
        }
        let r = (-log(q < 0 ? p : 1 - p)).squareRoot()
        let value = r <= 5
            ? horner(intermediateQuantileNumerator, r - 1.6) / horner(intermediateQuantileDenominator, r - 1.6)
            : horner(farQuantileNumerator, r - 5) / horner(farQuantileDenominator, r - 5)
        return q < 0 ? -value : value
    }

    /// The upper-tail quantile: the x with 1 − Φ(x) = q, i.e. −Φ⁻¹(q) (exact by symmetry).
    ///
    /// - Throws: `NumericsError.domain` for q outside [0, 1] or NaN.
    public static func inverseSurvival(_ q: Double) throws -> Double {
        try -quantile(q)
    }

    /// 1 − Φ(y) for y > 0.66291 (Cody's second and third approximations).
    private static func upperTail(_ y: Double) -> Double {
        if y > 37.5193 { return 0 }
        let ratio: Double
        if y <= 32.0.squareRoot() {
            ratio = horner(middleNumerator, y) / horner(middleDenominator, y)
        } else {
            let s = 1 / (y * y)
            let correction = s * horner(tailNumerator, s) / horner(tailDenominator, s)
            ratio = (inverseSqrtTwoPi - correction) / y
        }
        return gaussianFactor(y) * ratio
    }

    /// exp(−y²/2) for y ≥ 0 with y = s + (y − s), s = ⌊16y⌋/16, so that s² is exact and the
    /// rounding error of y² does not reach the exponent (Cody 1969).
    private static func gaussianFactor(_ y: Double) -> Double {
        let s = (y * 16).rounded(.towardZero) / 16
        let delta = (y - s) * (y + s)
        return exp(-s * s / 2) * exp(-delta / 2)
    }

    /// 1/√(2π).
    static let inverseSqrtTwoPi = 0.398942280401432677939946

    /// Σ cᵢ xⁱ with the coefficients in increasing powers.
    private static func horner(_ coefficients: [Double], _ x: Double) -> Double {
        coefficients.reversed().reduce(0) { $0 * x + $1 }
    }

    // Cody (1969) coefficients, in increasing powers. Central: Φ(x) − ½ = x N(x²)/D(x²).
    private static let centralNumerator = [
        18154.981253343561249, 1067.6894854603709582, 161.02823106855587881, 2.2352520354606839287,
        0.065682337918207449113,
    ]
    private static let centralDenominator = [
        45507.789335026729956, 10260.932208618978205, 976.09855173777669322, 47.20258190468824187, 1,
    ]
    // 0.66291 < y ≤ √32: 1 − Φ(y) = exp(−y²/2) N(y)/D(y).
    private static let middleNumerator = [
        9842.7148383839780218, 11602.651437647350124, 6848.1904505362823326, 2494.5375852903726711,
        597.27027639480026226, 93.506656132177855979, 8.8831497943883759412, 0.39894151208813466764,
        1.0765576773720192317e-8,
    ]
    private static let middleDenominator = [
        19685.429676859990727, 38912.003286093271411, 34900.952721145977266, 18615.571640885098091,
        6485.558298266760755, 1519.377599407554805, 235.38790178262499861, 22.266688044328115691, 1,
    ]
    // y > √32: 1 − Φ(y) = exp(−y²/2) (1/√(2π) − s N(s)/D(s)) / y with s = 1/y².
    private static let tailNumerator = [
        2.9112874951168792e-5, 0.001421619193227893466, 0.022235277870649807, 0.1274011611602473639,
        0.21589853405795699, 0.02307344176494017303,
    ]
    private static let tailDenominator = [
        7.29751555083966205e-5, 0.00378239633202758244, 0.0659881378689285515, 0.468238212480865118,
        1.28426009614491121, 1,
    ]

    // Wichura (1988) AS 241 coefficients, in increasing powers.
    private static let centralQuantileNumerator = [
        3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3,
        1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
        3.3430575583588128105e+4, 2.5090809287301226727e+3,
    ]
    private static let centralQuantileDenominator = [
        1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
        2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4,
        5.2264952788528545610e+3,
    ]
    private static let intermediateQuantileNumerator = [
        1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0,
        3.64784832476320460504e0, 1.27045825245236838258e0, 2.41780725177450611770e-1,
        2.27238449892691845833e-2, 7.74545014278341407640e-4,
    ]
    private static let intermediateQuantileDenominator = [
        1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
        1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4,
        1.05075007164441684324e-9,
    ]
    private static let farQuantileNumerator = [
        6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0,
        2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
        2.71155556874348757815e-5, 2.01033439929228813265e-7,
    ]
    private static let farQuantileDenominator = [
        1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
        7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7,
        2.04426310338993978564e-15,
    ]
}
