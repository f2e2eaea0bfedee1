import Foundation

extension RandomStream {
    /// A binomial variate: the number of successes in `count` trials with success probability
    /// `probability`.
    ///
    /// Works with p' = min(p, 1 − p) and reflects. n p' < 10: inversion by sequential search
    /// from 0 with the recurrence P(k+1) = P(k) (n − k) p' / ((k + 1)(1 − p')) (Kachitvichyanukul
    /// & Schmeiser 1988, BINV). Otherwise Hörmann (1993), "The generation of binomial random
    /// variates" (BTRS), with his constants.
    ///
    /// - Precondition: count ≥ 0, 0 ≤ probability ≤ 1.
    public mutating func binomial(count n: Int, probability: Double) -> Int {
        precondition(n >= 0, "binomial: count = \(n) must be ≥ 0")
        precondition(probability >= 0 && probability <= 1, "binomial: probability = \(probability) is not in [0, 1]")
        let flipped = probability > 0.5
        let p = flipped ? 1 - probability : probability
        if n == 0 || p == 0 { return flipped ? n : 0 }
        let k = Double(n) * p < 10 ? binomialInversion(n, p) : binomialTransformedRejection(n, p)
        return flipped ? n - k : k
    }

    private mutating func binomialInversion(_ n: Int, _ p: Double) -> Int {
        let q = 1 - p
        let ratio = p / q
        let first = exp(Double(n) * log1p(-p))
        while true {
            var u = uniform()
            var probability = first
            var k = 0
            while u > probability && k < n {
                u -= probability
                probability *= ratio * Double(n - k) / Double(k + 1)
                k += 1
            }
            if u <= probability { return k }           // else rounding ran past n: redraw
        }
    }

    private mutating func binomialTransformedRejection(_ n: Int, _ p: Double) -> Int {
        let count = Double(n)
        let q = 1 - p
        let spq = (count * p * q).squareRoot()
        let b = 1.15 + 2.53 * spq
        let a = -0.0873 + 0.0248 * b + 0.01 * p
        let c = count * p + 0.5
        let vr = 0.92 - 4.2 / b
        let alpha = (2.83 + 5.1 / b) * spq
        let logOdds = log(p / q)
        let mode = ((count + 1) * p).rounded(.down)
        let h = SpecialFunctions.logGamma(mode + 1) + SpecialFunctions.logGamma(count - mode + 1)
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + c).rounded(.down)
            if k < 0 || k > count { continue }
            if us >= 0.07 && v <= vr { return Int(k) }
            let logAcceptance = log(v * alpha / (a / (us * us) + b))
            if logAcceptance <= h - SpecialFunctions.logGamma(k + 1) - SpecialFunctions.logGamma(count - k + 1)
                + (k - mode) * logOdds
            {
                return Int(k)
            }
        }
    }
}
