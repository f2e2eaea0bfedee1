import Foundation

/// Inverts a tail probability T(x) of a positive random variable X: finds x > 0 with
/// T(x) = target, where T is the lower tail P(X ≤ x) or the upper tail P(X > x).
///
/// Newton's method on log T as a function of u = log x, with the update applied
/// multiplicatively (x ← x·e^{Δu}) so the result is not limited by the ulp of log x. When log X
/// has a log-concave density (Student t's |T|, chi-square, F), log T(e^u) is concave and the
/// iteration converges monotonically after its first step; a bracket kept from the signs of the
/// residuals, with geometric bisection (or, while one side is open, doubling of |log x|),
/// guards against steps that leave it or are not finite. Stops when |Δu| < 1e-14, which is
/// below the noise of the tail probability itself.
enum TailInversion {
    /// - Parameters:
    ///   - target: the tail probability, in (0, 1).
    ///   - lowerTail: whether T is the lower (increasing) or the upper (decreasing) tail.
    ///   - start: a positive starting value.
    ///   - evaluate: returns T(x) and x·f(x), f the density.
    static func solve(target: Double, lowerTail: Bool, start: Double,
                      evaluate: (Double) -> (tail: Double, xDensity: Double)) -> Double
    {
        var x = start
        var low = 0.0
        var high = Double.infinity
        for _ in 0..<200 {
            let (tail, xDensity) = evaluate(x)
            // log(T/target) rather than log T − log target, whose terms can be ~700 with an ulp of 1e-13.
            let ratio = tail / target
            let residual = ratio.isNormal ? log(ratio) : log(tail) - log(target)
            if residual == 0 { return x }
            let rootAbove = (residual < 0) == lowerTail
            if rootAbove { low = x } else { high = x }
            let slope = (lowerTail ? xDensity : -xDensity) / tail
            let step = -residual / slope
            var next = x * exp(step)
            if abs(step) < 1e-14 { return next }
            if !(next > low && next < high) {
                if low > 0 && high.isFinite {
                    next = (low * high).squareRoot()
                    if !next.isNormal { next = low / 2 + high / 2 }
                } else {
                    let factor = exp(min(max(2, abs(log(x))), 64))
                    next = rootAbove ? x * factor : x / factor
                }
            }
            if next == x { return x }
            x = next
        }
        return x
    }
}
