import Foundation

/// Student's t distribution with ν > 0 degrees of freedom (non-integer allowed; ν = +∞ is the
/// standard normal).
///
/// Probabilities go through the regularized incomplete beta function (A&S 26.7.1):
/// P(|T| > t) = I_{ν/(ν+t²)}(ν/2, ½) and P(|T| ≤ t) = I_{t²/(ν+t²)}(½, ν/2), with both
/// arguments formed directly so that neither tail suffers cancellation. Unlike R, which
/// switches to a normal approximation for ν > 4e5, the beta route is used for every finite ν.
public struct StudentT: Sendable, Hashable {
    /// ν, the degrees of freedom.
    public let degreesOfFreedom: Double

    /// - Throws: `NumericsError.domain` unless ν > 0 (NaN is rejected; +∞ is allowed).
    public init(degreesOfFreedom: Double) throws {
        try checkDegreesOfFreedom(degreesOfFreedom, name: "degrees of freedom", distribution: "Student t",
                                  allowInfinity: true)
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// The density Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^{−(ν+1)/2}.
    public func pdf(_ t: Double) -> Double {
        if degreesOfFreedom == .infinity { return Normal.pdf(t) }
        if t.isNaN { return t }
        return exp(logDensity(abs(t)))
    }

    /// P(T ≤ t).
    public func cdf(_ t: Double) -> Double {
        if degreesOfFreedom == .infinity { return Normal.cdf(t) }
        if t.isNaN { return t }
        let tail = oneSidedTail(abs(t))
        return t < 0 ? tail : 1 - tail
    }

    /// P(T > t), without cancellation.
    public func survival(_ t: Double) -> Double {
        cdf(-t)
    }

    /// The two-sided p-value P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, ½).
    public func twoSidedP(_ t: Double) -> Double {
        if degreesOfFreedom == .infinity { return 2 * Normal.survival(abs(t)) }
        if t.isNaN { return t }
        return 2 * oneSidedTail(abs(t))
    }

    /// The quantile: the t with P(T ≤ t) = p; ∓∞ at p = 0 and 1.
    ///
    /// Solves on |T| by Newton's method in log t (see `TailInversion`): for |p − ½| < ¼ the
    /// central probability P(|T| ≤ t) = 2|p − ½| (exact in floating point), otherwise the tail
    /// P(|T| > t) = 2 min(p, 1 − p). Starts from the better of a Cornish–Fisher expansion about
    /// the normal quantile (A&S 26.7.5) and the power-law tail P(T > t) ≈ C t^{−ν}. Converges
    /// to the accuracy of the cdf, about 1e-14 relative.
    ///
    /// - Throws: `NumericsError.domain` for p outside [0, 1] or NaN.
    public func quantile(_ p: Double) throws -> Double {
        try checkProbability(p)
        if degreesOfFreedom == .infinity { return try Normal.quantile(p) }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        let magnitude = absoluteQuantile(centered: abs(p - 0.5), tail: min(p, 1 - p))
        return p < 0.5 ? -magnitude : magnitude
    }

    /// The upper-tail quantile: the t with P(T > t) = q, i.e. −quantile(q).
    ///
    /// - Throws: `NumericsError.domain` for q outside [0, 1] or NaN.
    public func inverseSurvival(_ q: Double) throws -> Double {
        try -quantile(q)
    }

    /// P(T > t) for t ≥ 0: ½ P(|T| > t).
    private func oneSidedTail(_ t: Double) -> Double {
        absoluteTails(t).upper / 2
    }

    /// (P(|T| ≤ t), P(|T| > t)) for t ≥ 0. The beta argument is formed as R's pt does:
    /// t²/(ν + t²) when ν > t², else 1/(1 + t²/ν), each with its complement. Beyond
    /// t²/ν = 1e100 the leading term of the series, I_w(ν/2, ½) = w^{ν/2}/((ν/2) B(ν/2, ½)),
    /// is exact to double precision; it is formed as (√ν/t)^ν Γ(h + ½)/(h Γ(h) √π), h = ν/2,
    /// as t² may overflow.
    private func absoluteTails(_ t: Double) -> (lower: Double, upper: Double) {
        let nu = degreesOfFreedom
        let t2 = t * t
        if nu > t2 {
            let sum = nu + t2
            return SpecialFunctions.regularizedBeta(x: t2 / sum, a: 0.5, b: nu / 2, complement: nu / sum)
        }
        let ratio = (t / nu) * t                        // t²/ν
        if ratio > 1e100 {
            let h = nu / 2
            let upper = pow(nu.squareRoot() / t, nu) * exp(logGammaRatio(h)) / (h * Double.pi).squareRoot()
            return (1 - upper, upper)
        }
        let w = 1 / (1 + ratio)                         // ν/(ν + t²)
        let (lower, upper) = SpecialFunctions.regularizedBeta(x: w, a: nu / 2, b: 0.5, complement: 1 - w)
        return (upper, lower)
    }

    /// log f(t) for t ≥ 0, with Γ(h + ½)/Γ(h) = √h · exp(`logGammaRatio`(h)), h = ν/2, so that
    /// f(t) = exp(logGammaRatio(h) − ((ν+1)/2) log(1 + t²/ν)) / √(2π).
    private func logDensity(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        let ratio = (t / nu) * t
        let logKernel = ratio.isFinite ? log1p(ratio) : 2 * log(t) - log(nu)
        return logGammaRatio(nu / 2) - (nu + 1) / 2 * logKernel - SpecialFunctions.halfLogTwoPi
    }

    /// log(Γ(h + ½) / (Γ(h) √h)) in the saddle-point form δ(h + ½) − δ(h) − bd0(h, h + ½)
    /// (δ: Stirling error, bd0: Loader's deviance term), accurate for large h where a difference
    /// of log-gammas would cancel.
    private func logGammaRatio(_ h: Double) -> Double {
        SpecialFunctions.stirlingError(h + 0.5) - SpecialFunctions.stirlingError(h) - SaddlePoint.deviance(h, h + 0.5)
    }

    /// The t > 0 with P(|T| ≤ t) = 2·centered (if centered < ¼) or P(|T| > t) = 2·tail.
    private func absoluteQuantile(centered: Double, tail: Double) -> Double {
        let nu = degreesOfFreedom
        let useCentral = centered < 0.25
        let target = useCentral ? 2 * centered : 2 * tail
        let evaluate: (Double) -> (tail: Double, xDensity: Double) = { t in
            let tails = absoluteTails(t)
            return (useCentral ? tails.lower : tails.upper, 2 * exp(log(t) + logDensity(t)))
        }
        let z = -((try? Normal.quantile(tail)) ?? 0)
        let z2 = z * z
        let cornishFisher = z + z * (z2 + 1) / (4 * nu) + z * ((5 * z2 + 16) * z2 + 3) / (96 * nu * nu)
        var start = max(cornishFisher, 1e-300)
        if !useCentral {
            // P(T > t) ≈ C t^{−ν}, C = Γ((ν+1)/2) ν^{ν/2 − 1} / (√π Γ(ν/2)).
            let logC = SpecialFunctions.logGamma((nu + 1) / 2) + (nu / 2 - 1) * log(nu)
                - 0.5 * log(Double.pi) - SpecialFunctions.logGamma(nu / 2)
            let powerLaw = exp((logC - log(tail)) / nu)
            if powerLaw.isFinite, abs(log(evaluate(powerLaw).tail / target)) < abs(log(evaluate(start).tail / target)) {
                start = powerLaw
            }
        }
        return TailInversion.solve(target: target, lowerTail: useCentral, start: start, evaluate: evaluate)
    }
}
