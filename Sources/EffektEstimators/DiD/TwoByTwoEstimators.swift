import EffektNumerics
import Foundation

/// The part of a 2×2 difference-in-differences comparison (DRDID's panel estimators) that does
/// not depend on the two periods: who is treated, the covariates (n × p, first column the
/// intercept; nil for none), and what is fitted on them alone — the propensity score, the
/// trimmed IPW weights and the comparison units' regression cross-products. Covariates are
/// time-invariant, so every ATT(g,t) with the same cohort and the same comparison units shares
/// one design, fitted once.
struct TwoByTwoDesign: Sendable {
    let treated: [Bool]
    let treatedCount: Int
    let covariates: Matrix?
    let propensity: CellPropensity.Fit?
    /// IPW weights of treated and comparison units (ipw, dr).
    let weights: (treated: [Double], comparison: [Double])?
    /// Regression weights of the comparison units (drimp: ps/(1 − ps); nil: 1).
    let regressionWeights: [Double]?
    /// Cholesky factor of Σ_comparison w x xᵀ and n times its inverse (DRDID's `XpX⁻¹`).
    let comparisonFactor: Cholesky?
    let comparisonInverse: Matrix?
    let warnings: [String]

    var count: Int { treated.count }

    init(method: GroupTimeATTSpecification.Estimator, treated: [Bool], covariates: Matrix?, trimLevel: Double) throws {
        self.treated = treated
        let n = treated.count
        let n1 = treated.reduce(0) { $0 + ($1 ? 1 : 0) }
        treatedCount = n1
        guard n1 > 0 else { throw EstimationError("no treated units") }
        guard n1 < n else { throw EstimationError("no comparison units") }
        var warnings: [String] = []
        guard let x = covariates, x.columns > 1, method != .unconditional else {
            if method != .unconditional && method != .outcomeRegression && Double(n1) / Double(n) >= 0.999 {
                // R did's overlap check for an intercept-only score: the treated share.
                throw EstimationError("overlap condition violated: treated units are \(n1) of \(n)")
            }
            self.covariates = nil
            propensity = nil; weights = nil; regressionWeights = nil; comparisonFactor = nil; comparisonInverse = nil
            self.warnings = []
            return
        }
        self.covariates = x
        var ps: CellPropensity.Fit?
        switch method {
        case .inverseProbabilityWeighting, .doublyRobust:
            ps = try CellPropensity.logit(x: x, treated: treated)
        case .improvedDoublyRobust:
            ps = try CellPropensity.inverseProbabilityTilting(x: x, treated: treated)
        case .unconditional, .outcomeRegression:
            ps = nil
        }
        propensity = ps
        warnings += ps?.warnings ?? []
        if let ps, method != .improvedDoublyRobust {
            weights = TwoByTwoEstimator.weights(ps.fitted, treated, trimLevel: trimLevel)
        } else {
            weights = nil
        }
        if method == .improvedDoublyRobust, let ps {
            regressionWeights = ps.fitted.map { let p = min($0, 1 - 1e-16); return p / (1 - p) }
        } else {
            regressionWeights = nil
        }
        if method == .inverseProbabilityWeighting {
            comparisonFactor = nil
            comparisonInverse = nil
        } else {
            let (xtx, _) = TwoByTwoEstimator.crossProducts(x, weights: regressionWeights, response: nil) { !treated[$0] }
            guard let factor = try? Cholesky(xtx, what: "comparison design"), TwoByTwoEstimator.conditionIsFine(factor) else {
                throw EstimationError("not enough comparison units (or too little covariate variation among them) to run the outcome regression")
            }
            var inv = try factor.inverse()
            for i in 0..<inv.storage.count { inv.storage[i] *= Double(n) }
            comparisonFactor = factor
            comparisonInverse = inv
        }
        self.warnings = warnings
    }
}

/// ATT of a 2×2 cell and its influence function ψ (one entry per unit of the cell), scaled as
/// DRDID returns it: the ATT's variance is mean(ψ²)/n.
struct TwoByTwoEstimate {
    let att: Double
    let influence: [Double]
}

/// The 2×2 panel estimators of Sant'Anna & Zhao (2020) as R's DRDID implements them (and R
/// `did` / Python `csdid` call them for each ATT(g,t)), given the changes ΔY of a design's units:
/// - `unconditional`: difference of the mean changes of treated and comparison units; what every
///   method below reduces to without covariates.
/// - `outcomeRegression` (`reg_did_panel`): OLS of ΔY on X among comparison units, imputed for the
///   treated.
/// - `inverseProbabilityWeighting` (`std_ipw_did_panel`): normalised (Hájek) IPW with a logit
///   propensity score fitted by maximum likelihood.
/// - `doublyRobust` (`drdid_panel`, Stata `dripw`): IPW of the OLS residuals of ΔY, with the
///   influence function including both estimation effects.
/// - `improvedDoublyRobust` (`drdid_imp_panel`, locally efficient and improved): propensity score
///   by inverse probability tilting (calibration of the comparison group's covariate means to
///   the treated's) and weighted OLS with weights ps/(1 − ps); its influence function has no
///   estimation effects.
/// IPW and DR clip the score at 1 − 10⁻⁶ and drop comparison units with ps ≥ `trimLevel`
/// (DRDID's default 0.995); a design whose logit gives some unit ps ≥ 0.999 violates overlap and
/// is not estimated (R `did`'s check). Errors are `EstimationError`s naming the problem; the
/// caller turns them into a non-estimable cell.
enum TwoByTwoEstimator {
    static func estimate(_ method: GroupTimeATTSpecification.Estimator, _ design: TwoByTwoDesign,
                         deltaY: [Double]) throws -> TwoByTwoEstimate {
        guard let x = design.covariates else { return unconditional(design, deltaY) }
        switch method {
        case .unconditional: return unconditional(design, deltaY)
        case .outcomeRegression: return outcomeRegression(design, x, deltaY)
        case .inverseProbabilityWeighting: return inverseProbabilityWeighting(design, x, deltaY)
        case .doublyRobust: return doublyRobust(design, x, deltaY)
        case .improvedDoublyRobust: return improvedDoublyRobust(design, x, deltaY)
        }
    }

    // MARK: - Estimators

    static func unconditional(_ design: TwoByTwoDesign, _ dy: [Double]) -> TwoByTwoEstimate {
        let n = design.count, d = design.treated
        var st = 0.0, sc = 0.0
        for i in 0..<n {
            if d[i] { st += dy[i] } else { sc += dy[i] }
        }
        let nt = Double(design.treatedCount), nc = Double(n) - nt
        let mt = st / nt, mc = sc / nc
        let pt = nt / Double(n), pc = nc / Double(n)
        let psi = [Double](unsafeUninitializedCapacity: n) { b, count in
            for i in 0..<n { b[i] = d[i] ? (dy[i] - mt) / pt : -(dy[i] - mc) / pc }
            count = n
        }
        return TwoByTwoEstimate(att: mt - mc, influence: psi)
    }

    /// Xβ with β the (weighted) OLS coefficients of ΔY on X among the comparison units.
    static func comparisonFit(_ design: TwoByTwoDesign, _ x: Matrix, _ dy: [Double]) -> [Double] {
        let n = design.count, p = x.columns, d = design.treated
        var xty = [Double](repeating: 0, count: p)
        x.storage.withUnsafeBufferPointer { xb in
            if let w = design.regressionWeights {
                for i in 0..<n where !d[i] { let f = w[i] * dy[i]; for a in 0..<p { xty[a] += f * xb[a * n + i] } }
            } else {
                for i in 0..<n where !d[i] { for a in 0..<p { xty[a] += dy[i] * xb[a * n + i] } }
            }
        }
        return x.multiplied(by: design.comparisonFactor!.solve(xty))
    }

    static func outcomeRegression(_ design: TwoByTwoDesign, _ x: Matrix, _ dy: [Double]) -> TwoByTwoEstimate {
        let n = design.count, p = x.columns, d = design.treated
        let out = comparisonFit(design, x, dy)
        var etaT = 0.0, etaC = 0.0
        var m1 = [Double](repeating: 0, count: p)
        x.storage.withUnsafeBufferPointer { xb in
            for i in 0..<n where d[i] {
                etaT += dy[i]
                etaC += out[i]
                for a in 0..<p { m1[a] += xb[a * n + i] }
            }
        }
        let nt = Double(design.treatedCount)
        etaT /= nt
        etaC /= nt
        let meanD = nt / Double(n)
        for a in 0..<p { m1[a] /= Double(n) }
        // inf.cont.2 = asy.lin.rep.ols · M1, asy.lin.rep.ols = (1 − D)(ΔY − out)·x (XᵀX_c/n)⁻¹.
        let xa1 = x.multiplied(by: design.comparisonInverse!.multiplied(by: m1))
        let psi = [Double](unsafeUninitializedCapacity: n) { b, count in
            for i in 0..<n {
                b[i] = d[i] ? ((dy[i] - etaT) - (out[i] - etaC)) / meanD : -((dy[i] - out[i]) * xa1[i]) / meanD
            }
            count = n
        }
        return TwoByTwoEstimate(att: etaT - etaC, influence: psi)
    }

    static func inverseProbabilityWeighting(_ design: TwoByTwoDesign, _ x: Matrix, _ dy: [Double]) -> TwoByTwoEstimate {
        let n = design.count, p = x.columns, d = design.treated
        let ps = design.propensity!
        let (wt, wc) = design.weights!
        var mwt = 0.0, mwc = 0.0, etaT = 0.0, etaC = 0.0
        for i in 0..<n {
            mwt += wt[i]; mwc += wc[i]
            etaT += wt[i] * dy[i]; etaC += wc[i] * dy[i]
        }
        etaT /= mwt; etaC /= mwc
        mwt /= Double(n); mwc /= Double(n)
        var m2 = [Double](repeating: 0, count: p)
        x.storage.withUnsafeBufferPointer { xb in
            for i in 0..<n where wc[i] != 0 {
                let f = wc[i] * (dy[i] - etaC)
                for a in 0..<p { m2[a] += f * xb[a * n + i] }
            }
        }
        // asy.lin.rep.ps · M2 = (D − ps) x · (XᵀWX)⁻¹ n · M2, with M2 = Σ(...)/n: the n's cancel.
        let xa2 = x.multiplied(by: ps.informationInverse.multiplied(by: m2))
        let psi = [Double](unsafeUninitializedCapacity: n) { b, count in
            for i in 0..<n {
                let infTreat = (wt[i] * dy[i] - wt[i] * etaT) / mwt
                let infCont = (wc[i] * dy[i] - wc[i] * etaC + ((d[i] ? 1 : 0) - ps.fitted[i]) * xa2[i]) / mwc
                b[i] = infTreat - infCont
            }
            count = n
        }
        return TwoByTwoEstimate(att: etaT - etaC, influence: psi)
    }

    static func doublyRobust(_ design: TwoByTwoDesign, _ x: Matrix, _ dy: [Double]) -> TwoByTwoEstimate {
        let n = design.count, p = x.columns, d = design.treated
        let ps = design.propensity!
        let (wt, wc) = design.weights!
        let out = comparisonFit(design, x, dy)
        var mwt = 0.0, mwc = 0.0, etaT = 0.0, etaC = 0.0
        for i in 0..<n {
            let r = dy[i] - out[i]
            mwt += wt[i]; mwc += wc[i]
            etaT += wt[i] * r; etaC += wc[i] * r
        }
        etaT /= mwt; etaC /= mwc
        mwt /= Double(n); mwc /= Double(n)
        var m1 = [Double](repeating: 0, count: p), m2 = m1, m3 = m1
        x.storage.withUnsafeBufferPointer { xb in
            for i in 0..<n {
                if wt[i] != 0 { for a in 0..<p { m1[a] += wt[i] * xb[a * n + i] } }
                if wc[i] != 0 {
                    let f = wc[i] * (dy[i] - out[i] - etaC)
                    for a in 0..<p { m2[a] += f * xb[a * n + i]; m3[a] += wc[i] * xb[a * n + i] }
                }
            }
        }
        for a in 0..<p { m1[a] /= Double(n); m3[a] /= Double(n) }
        let inv = design.comparisonInverse!
        let xa1 = x.multiplied(by: inv.multiplied(by: m1))
        let xa2 = x.multiplied(by: ps.informationInverse.multiplied(by: m2))
        let xa3 = x.multiplied(by: inv.multiplied(by: m3))
        let psi = [Double](unsafeUninitializedCapacity: n) { b, count in
            for i in 0..<n {
                let r = dy[i] - out[i]
                let ols = d[i] ? 0 : r          // (1 − D)(ΔY − out): the OLS score factor
                let infTreat = (wt[i] * r - wt[i] * etaT - ols * xa1[i]) / mwt
                let infCont = (wc[i] * r - wc[i] * etaC + ((d[i] ? 1 : 0) - ps.fitted[i]) * xa2[i] - ols * xa3[i]) / mwc
                b[i] = infTreat - infCont
            }
            count = n
        }
        return TwoByTwoEstimate(att: etaT - etaC, influence: psi)
    }

    static func improvedDoublyRobust(_ design: TwoByTwoDesign, _ x: Matrix, _ dy: [Double]) -> TwoByTwoEstimate {
        let n = design.count, d = design.treated
        let ps = design.propensity!
        let out = comparisonFit(design, x, dy)
        var summand = [Double](repeating: 0, count: n)
        var total = 0.0
        for i in 0..<n {
            let r = dy[i] - out[i]
            summand[i] = d[i] ? r : (1 - 1 / (1 - min(ps.fitted[i], 1 - 1e-16))) * r
            total += summand[i]
        }
        let meanD = Double(design.treatedCount) / Double(n)
        let att = total / Double(n) / meanD
        let psi = [Double](unsafeUninitializedCapacity: n) { b, count in
            for i in 0..<n { b[i] = (summand[i] - (d[i] ? att : 0)) / meanD }
            count = n
        }
        return TwoByTwoEstimate(att: att, influence: psi)
    }

    // MARK: - Pieces

    /// DRDID's weights: treated w = 1; comparison w = ps/(1 − ps); both times the trimming
    /// indicator (comparison units with ps ≥ trimLevel get weight 0), ps clipped at 1 − 10⁻⁶.
    static func weights(_ ps: [Double], _ d: [Bool], trimLevel: Double) -> (treated: [Double], comparison: [Double]) {
        let n = ps.count
        var wt = [Double](repeating: 0, count: n), wc = wt
        for i in 0..<n {
            if d[i] {
                wt[i] = 1
            } else {
                let p = min(ps[i], 1 - 1e-6)
                wc[i] = p < trimLevel ? p / (1 - p) : 0
            }
        }
        return (wt, wc)
    }

    /// Σ wᵢ xᵢ xᵢᵀ and Σ wᵢ xᵢ yᵢ over the rows with `include(i)`, in one pass.
    static func crossProducts(_ x: Matrix, weights w: [Double]?, response y: [Double]?, include: (Int) -> Bool) -> (Matrix, [Double]) {
        let n = x.rows, p = x.columns
        var xtx = [Double](repeating: 0, count: p * p)
        var xty = [Double](repeating: 0, count: p)
        x.storage.withUnsafeBufferPointer { xb in xtx.withUnsafeMutableBufferPointer { g in xty.withUnsafeMutableBufferPointer { v in
            for i in 0..<n where include(i) {
                let wi = w?[i] ?? 1
                for a in 0..<p {
                    let xa = wi * xb[a * n + i]
                    if let y { v[a] += xa * y[i] }
                    for b in a..<p { g[a + b * p] += xa * xb[b * n + i] }
                }
            }
        } } }
        var m = Matrix(rows: p, columns: p, columnMajor: xtx)
        m.symmetrizeUpper()
        return (m, xty)
    }

    /// A rough reciprocal-condition check on a Cholesky factor (R's `rcond(.) < eps` refusal):
    /// (min Uᵢᵢ / max Uᵢᵢ)² must exceed machine epsilon.
    static func conditionIsFine(_ factor: Cholesky) -> Bool {
        let diag = factor.factor.diagonal
        guard let lo = diag.min(), let hi = diag.max(), hi > 0 else { return false }
        return (lo / hi) * (lo / hi) > Double.ulpOfOne
    }
}
