import Foundation

/// Link functions of the binomial family, with R's numerical safeguards (`binomial()` in R's
/// `family.c` and `family.R`) so that fits follow the same path as `glm`.
public enum BinomialLink: String, Sendable, CaseIterable {
    /// log(μ/(1−μ)); the inverse is clamped at |η| > 30 as R does.
    case logit
    /// Φ⁻¹(μ); η is clamped at ±(−Φ⁻¹(ε)) and dμ/dη floored at ε as R does.
    case probit

    /// μ = g⁻¹(η).
    public func mean(_ eta: Double) -> Double {
        switch self {
        case .logit:
            let t = eta < -30 ? Double.ulpOfOne : (eta > 30 ? 1 / Double.ulpOfOne : exp(eta))
            return t / (1 + t)
        case .probit:
            let bound = 8.125890664701906   // −Φ⁻¹(DBL_EPSILON), as R's binomial(probit)
            return Normal.cdf(min(max(eta, -bound), bound))
        }
    }

    /// dμ/dη.
    public func derivative(_ eta: Double) -> Double {
        switch self {
        case .logit:
            if eta > 30 || eta < -30 { return Double.ulpOfOne }
            let e = exp(eta)
            return e / ((1 + e) * (1 + e))
        case .probit:
            return max(Normal.pdf(eta), Double.ulpOfOne)
        }
    }

    /// (μ, dμ/dη) together, with one exponential for the logit.
    public func meanAndDerivative(_ eta: Double) -> (mean: Double, derivative: Double) {
        switch self {
        case .logit:
            if eta > 30 || eta < -30 { return (mean(eta), Double.ulpOfOne) }
            let e = exp(eta)
            let onePlus = 1 + e
            return (e / onePlus, e / (onePlus * onePlus))
        case .probit:
            return (mean(eta), derivative(eta))
        }
    }

    /// η = g(μ).
    public func link(_ mu: Double) -> Double {
        switch self {
        case .logit: return log(mu / (1 - mu))
        case .probit: return try! Normal.quantile(mu)   // μ ∈ (0, 1) here, inside the domain
        }
    }
}

/// Binomial deviance residual 2w[y log(y/μ) + (1−y) log((1−y)/(1−μ))], zero terms dropped.
func binomialDeviance(y: Double, mu: Double, weight: Double) -> Double {
    var d = 0.0
    if y > 0 { d += y * log(y / mu) }
    if y < 1 { d += (1 - y) * log((1 - y) / (1 - mu)) }
    return 2 * weight * d
}
