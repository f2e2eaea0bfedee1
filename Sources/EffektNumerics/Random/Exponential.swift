import Foundation

extension RandomStream {
    /// A standard exponential variate (rate 1) by inversion, −log(1 − U) with U in [0, 1), so
    /// the logarithm's argument is never 0.
    public mutating func exponential() -> Double {
        -log1p(-uniform())
    }
}
