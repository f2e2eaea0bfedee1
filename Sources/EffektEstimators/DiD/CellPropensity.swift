import EffektNumerics
import Foundation

/// Propensity scores for the 2×2 estimators.
enum CellPropensity {
    struct Fit: Sendable {
        let beta: [Double]
        /// Fitted probabilities.
        let fitted: [Double]
        /// (Xᵀ diag(ps(1 − ps)) X)⁻¹ at the logit's fitted scores clipped at 1 − 10⁻⁶ (DRDID's
        /// `Hessian.ps / n`).
        let informationInverse: Matrix
        var warnings: [String] = []
    }

    /// log-likelihood of a logit at η and the fitted probabilities, one exp and one log1p per unit.
    static func evaluate(_ eta: [Double], _ d: [Bool], into mu: inout [Double]) -> Double {
        var l = 0.0
        mu.withUnsafeMutableBufferPointer { m in
            for i in 0..<eta.count {
                let z = eta[i]
                let e = exp(-abs(z))                  // in (0, 1]
                let soft = log1p(e)                   // log(1 + e^{−|z|})
                // log σ(z) = −(max(−z, 0) + soft), log(1 − σ(z)) = −(max(z, 0) + soft)
                l -= d[i] ? max(-z, 0) + soft : max(z, 0) + soft
                m[i] = z >= 0 ? 1 / (1 + e) : e / (1 + e)
            }
        }
        return l
    }

    /// Logistic regression by Newton–Raphson (the maximum-likelihood fit R's `glm` reaches),
    /// iterated to full convergence (largest step ≤ 10⁻¹¹ relative), with step halving when the
    /// log-likelihood does not improve. Refuses a fit in which some unit gets ps ≥ 0.999 (R
    /// `did`'s overlap check).
    static func logit(x: Matrix, treated d: [Bool]) throws -> Fit {
        let n = x.rows, p = x.columns
        let share = Double(d.reduce(0) { $0 + ($1 ? 1 : 0) }) / Double(n)
        var beta = [Double](repeating: 0, count: p)
        beta[0] = log(share / (1 - share))
        var mu = [Double](repeating: 0, count: n)
        var loglik = evaluate(x.multiplied(by: beta), d, into: &mu)
        var converged = false
        var warnings: [String] = []
        var trial = mu
        for _ in 0..<100 {
            var grad = [Double](repeating: 0, count: p)
            var infoStorage = [Double](repeating: 0, count: p * p)
            x.storage.withUnsafeBufferPointer { xb in grad.withUnsafeMutableBufferPointer { gb in
                infoStorage.withUnsafeMutableBufferPointer { ib in
                    for i in 0..<n {
                        let m = mu[i]
                        let w = m * (1 - m), r = (d[i] ? 1 : 0) - m
                        for a in 0..<p {
                            let xa = xb[a * n + i]
                            gb[a] += xa * r
                            let wx = w * xa
                            for b in a..<p { ib[a + b * p] += wx * xb[b * n + i] }
                        }
                    }
                }
            } }
            var info = Matrix(rows: p, columns: p, columnMajor: infoStorage)
            info.symmetrizeUpper()
            guard let factor = try? Cholesky(info, what: "logit information") else {
                throw EstimationError("the propensity-score design is singular (a covariate has no variation in the cell)")
            }
            let step = factor.solve(grad)
            var scale = 1.0
            var candidate = beta
            var accepted = false
            for _ in 0..<40 {
                for a in 0..<p { candidate[a] = beta[a] + scale * step[a] }
                let l = evaluate(x.multiplied(by: candidate), d, into: &trial)
                if l.isFinite && l >= loglik - 1e-12 * abs(loglik) {
                    loglik = l
                    swap(&mu, &trial)
                    accepted = true
                    break
                }
                scale /= 2
            }
            // No improvement even for tiny steps: the maximum is reached to machine precision.
            if !accepted { converged = true; break }
            let size = zip(step, beta).map { abs($0.0 * scale) / max(1, abs($0.1)) }.max() ?? 0
            beta = candidate
            if size <= 1e-11 { converged = true; break }
        }
        if !converged { warnings.append("the propensity-score logit did not converge") }
        let fitted = mu
        if let top = fitted.max(), top >= 0.999 {
            throw EstimationError("overlap condition violated: the largest propensity score is \(top) (≥ 0.999)")
        }
        let clipped = fitted.map { min($0, 1 - 1e-6) }
        let (info, _) = TwoByTwoEstimator.crossProducts(x, weights: clipped.map { $0 * (1 - $0) }, response: nil) { _ in true }
        guard let factor = try? Cholesky(info, what: "logit information"), TwoByTwoEstimator.conditionIsFine(factor) else {
            throw EstimationError("the propensity-score design matrix is singular")
        }
        return Fit(beta: beta, fitted: fitted, informationInverse: try factor.inverse(), warnings: warnings)
    }

    /// Inverse probability tilting (Graham, Pinto & Egel 2012; DRDID's `pscore.cal`): γ minimises
    /// −mean(D·xᵀγ − (1 − D)·exp(xᵀγ)), whose first-order condition makes the exp(xᵀγ)-weighted
    /// covariate sums of the comparison units equal the treated's; ps = logistic(xᵀγ). Solved by
    /// Newton's method with backtracking from the logit estimate (the loss is convex, so the
    /// solution is the one R's trust-region search finds). Falls back to the logit score, with a
    /// warning, if it does not converge (as DRDID does).
    static func inverseProbabilityTilting(x: Matrix, treated d: [Bool]) throws -> Fit {
        let n = x.rows, p = x.columns
        let start = try logit(x: x, treated: d)
        var gamma = start.beta
        func loss(_ g: [Double]) -> Double {
            let e = x.multiplied(by: g)
            var v = 0.0
            for i in 0..<n { v -= d[i] ? e[i] : -exp(e[i]) }
            return v / Double(n)
        }
        var current = loss(gamma)
        var converged = false
        for _ in 0..<200 {
            let e = x.multiplied(by: gamma)
            let tilt = (0..<n).map { d[$0] ? 0 : exp(e[$0]) }
            var grad = [Double](repeating: 0, count: p)
            x.storage.withUnsafeBufferPointer { xb in
                for i in 0..<n {
                    let r = d[i] ? 1 : -tilt[i]
                    for a in 0..<p { grad[a] -= r * xb[a * n + i] }
                }
            }
            let gmax = grad.map { abs($0) / Double(n) }.max() ?? 0
            if gmax < 1e-13 { converged = true; break }
            let (hess, _) = TwoByTwoEstimator.crossProducts(x, weights: tilt, response: nil) { !d[$0] }
            guard let factor = try? Cholesky(hess, what: "tilting Hessian") else { break }
            let step = factor.solve(grad)
            var scale = 1.0
            var moved = false
            for _ in 0..<50 {
                let candidate = zip(gamma, step).map { $0 - scale * $1 }
                let l = loss(candidate)
                if l.isFinite && l <= current {
                    let size = zip(step, gamma).map { abs(scale * $0.0) / max(1, abs($0.1)) }.max() ?? 0
                    gamma = candidate
                    current = l
                    moved = true
                    if size <= 1e-12 { converged = true }
                    break
                }
                scale /= 2
            }
            // No descent even for tiny steps: the minimum is reached to machine precision.
            if !moved { converged = true }
            if converged { break }
        }
        var warnings = start.warnings
        let fitted: [Double]
        if converged, gamma.allSatisfy(\.isFinite) {
            fitted = x.multiplied(by: gamma).map { 1 / (1 + exp(-$0)) }
        } else {
            warnings.append("inverse probability tilting did not converge; used the logit propensity score")
            gamma = start.beta
            fitted = start.fitted
        }
        return Fit(beta: gamma, fitted: fitted, informationInverse: start.informationInverse, warnings: warnings)
    }
}
