import Foundation

extension RandomStream {
    /// A gamma variate with the given shape and scale 1, by Marsaglia & Tsang (2000), "A simple
    /// method for generating gamma variables", ACM TOMS 26(3): for shape a ≥ 1, with d = a − ⅓,
    /// c = 1/√(9d), draw a normal x, v = (1 + c x)³, and accept d·v if v > 0 and
    /// U < 1 − 0.0331 x⁴ (squeeze) or log U < x²/2 + d (1 − v + log v). For a < 1, their boost
    /// G(a) = G(a + 1) · U^{1/a}.
    ///
    /// - Precondition: shape > 0 and finite.
    public mutating func gamma(shape: Double) -> Double {
        precondition(shape > 0 && shape.isFinite, "gamma: shape = \(shape) must be positive and finite")
        if shape < 1 {
            return gamma(shape: shape + 1) * pow(1 - uniform(), 1 / shape)
        }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = normal()
            let t = 1 + c * x
            guard t > 0 else { continue }
            let v = t * t * t
            let u = 1 - uniform()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 || log(u) < 0.5 * x2 + d * (1 - v + log(v)) { return d * v }
        }
    }
}
