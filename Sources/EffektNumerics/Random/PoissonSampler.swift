import Foundation

extension RandomStream {
    /// A Poisson variate with the given mean.
    ///
    /// Mean < 10: inversion by sequential search from 0 (Devroye 1986, §X.3.3). Mean ≥ 10:
    /// Hörmann (1993), "The transformed rejection method for generating Poisson random
    /// variables" (PTRS), with his constants; about 1.1 pairs of uniforms per variate.
    ///
    /// - Precondition: mean ≥ 0 and finite.
    public mutating func poisson(mean: Double) -> Int {
        precondition(mean >= 0 && mean.isFinite, "poisson: mean = \(mean) must be ≥ 0 and finite")
        if mean == 0 { return 0 }
        if mean < 10 {
            while true {
                var u = uniform()
                var probability = exp(-mean)
                var k = 0
                while u > probability && probability > 0 {
                    u -= probability
                    k += 1
                    probability *= mean / Double(k)
                }
                if probability > 0 { return k }       // else rounding ran past the support: redraw
            }
        }
        let logMean = log(mean)
        let b = 0.931 + 2.53 * mean.squareRoot()
        let a = -0.059 + 0.02483 * b
        let logAlphaInverse = log(1.1239 + 1.1328 / (b - 3.4))
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + logAlphaInverse - log(a / (us * us) + b)
                <= -mean + k * logMean - SpecialFunctions.logGamma(k + 1)
            {
                return Int(k)
            }
        }
    }
}
