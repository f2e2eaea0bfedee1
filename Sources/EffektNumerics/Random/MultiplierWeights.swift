extension RandomStream {
    /// A Rademacher variate, ±1 with probability ½ each (one draw's top bit): the weights of the
    /// wild / multiplier bootstrap.
    public mutating func rademacher() -> Double {
        next() >> 63 == 0 ? -1 : 1
    }

    /// Mammen's (1993) two-point variate, the multiplier-bootstrap weights R's `did` package
    /// uses: (1 − √5)/2 with probability (√5 + 1)/(2√5), else (1 + √5)/2. Mean 0, variance 1,
    /// third moment 1.
    public mutating func mammen() -> Double {
        uniform() < MammenWeights.lowProbability ? MammenWeights.low : MammenWeights.high
    }
}

/// The two points of Mammen's distribution and the probability of the lower one.
enum MammenWeights {
    static let low = (1 - 5.0.squareRoot()) / 2
    static let high = (1 + 5.0.squareRoot()) / 2
    static let lowProbability = (5.0.squareRoot() + 1) / (2 * 5.0.squareRoot())
}
