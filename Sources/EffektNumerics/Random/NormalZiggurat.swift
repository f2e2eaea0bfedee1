import Foundation

extension RandomStream {
    /// A standard normal variate by the ziggurat method (Marsaglia & Tsang 2000, "The ziggurat
    /// method for generating random variables", J. Stat. Softw. 5(8)) with 256 layers.
    ///
    /// One 64-bit draw gives the layer (low 8 bits), the sign (bit 8) and a 53-bit uniform (top
    /// bits), disjoint bits so that layer and position are independent (the defect Doornik 2005
    /// found in the original). About 99% of draws are accepted by one comparison; the rest go to
    /// the wedge test or, from the base layer, to Marsaglia's (1964) exact tail sampler. No
    /// allocation; the tables are built once (see `Ziggurat`).
    public mutating func normal() -> Double {
        while true {
            let bits = next()
            let layer = Int(truncatingIfNeeded: bits & 0xFF)
            let negative = bits & 0x100 != 0
            let candidate = Double(bits >> 11) * 0x1p-53 * Ziggurat.x[layer]
            if candidate < Ziggurat.x[layer + 1] { return negative ? -candidate : candidate }
            let value: Double
            if layer == 0 {
                value = normalTail(beyond: Ziggurat.r)
            } else {
                let y = Ziggurat.f[layer] + uniform() * (Ziggurat.f[layer + 1] - Ziggurat.f[layer])
                guard y < exp(-0.5 * candidate * candidate) else { continue }
                value = candidate
            }
            return negative ? -value : value
        }
    }

    /// A normal variate with the given mean and standard deviation (sd ≥ 0).
    public mutating func normal(mean: Double, sd: Double) -> Double {
        precondition(sd >= 0, "normal: sd = \(sd) must be ≥ 0")
        return mean + sd * normal()
    }

    /// |Z| conditioned on |Z| > r (Marsaglia 1964): a = −log(U₁)/r, b = −log(U₂) until 2b > a²;
    /// returns r + a.
    private mutating func normalTail(beyond r: Double) -> Double {
        while true {
            let a = -log1p(-uniform()) / r
            let b = -log1p(-uniform())
            if 2 * b > a * a { return r + a }
        }
    }
}

/// The 256-layer ziggurat for the normal density f(x) = exp(−x²/2) (unnormalized), built once.
///
/// With r = 3.6541528853610088 (Marsaglia & Tsang 2000, for 256 layers) each layer has area
/// v = r f(r) + ∫_r^∞ f = r f(r) + √(2π) (1 − Φ(r)) ≈ 0.00492867. Layer edges, decreasing:
/// x₀ = v/f(r) (the base layer's virtual width, whose overhang stands for the tail), x₁ = r,
/// x_{i+1} = f⁻¹(f(xᵢ) + v/xᵢ) = √(−2 log(f(xᵢ) + v/xᵢ)), and x₂₅₆ = 0; fᵢ = f(xᵢ), f₂₅₆ = 1.
/// Layer i is the rectangle [0, xᵢ] × [fᵢ, f_{i+1}]; points left of x_{i+1} lie under the curve.
enum Ziggurat {
    static let r = 3.6541528853610088

    /// x₀ … x₂₅₆.
    static let x: InlineArray<257, Double> = {
        let fr = exp(-0.5 * r * r)
        let v = r * fr + (2 * Double.pi).squareRoot() * Normal.survival(r)
        var x = InlineArray<257, Double>(repeating: 0)
        x[0] = v / fr
        x[1] = r
        for i in 1..<255 {
            x[i + 1] = (-2 * log(exp(-0.5 * x[i] * x[i]) + v / x[i])).squareRoot()
        }
        return x
    }()

    /// f(x₀) … f(x₂₅₆).
    static let f: InlineArray<257, Double> = {
        var f = InlineArray<257, Double>(repeating: 0)
        for i in 0..<257 { f[i] = exp(-0.5 * x[i] * x[i]) }
        return f
    }()
}
