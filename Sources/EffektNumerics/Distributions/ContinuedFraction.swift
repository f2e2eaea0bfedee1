/// Evaluates a continued fraction b₀ + a₁/(b₁ + a₂/(b₂ + ⋯)) by the modified Lentz method
/// (Lentz 1976, Thompson & Barnett 1986; Numerical Recipes, 3rd ed., §5.2), stopping when a
/// convergent changes the value by less than ~1 ulp.
///
/// `term(n)` returns (aₙ, bₙ) for n ≥ 1. Used for the incomplete gamma (Legendre's fraction)
/// and incomplete beta (the fraction of A&S 26.5.8) functions.
enum ContinuedFraction {
    static func evaluate(b0: Double, maxTerms: Int = 1_000_000, term: (Int) -> (a: Double, b: Double)) -> Double {
        let tiny = 1e-300
        var f = b0 == 0 ? tiny : b0
        var c = f
        var d = 0.0
        for n in 1...maxTerms {
            let (a, b) = term(n)
            d = b + a * d
            if d == 0 { d = tiny }
            c = b + a / c
            if c == 0 { c = tiny }
            d = 1 / d
            let delta = c * d
            f *= delta
            if abs(delta - 1) <= 4 * Double.ulpOfOne { break }
        }
        return f
    }
}
