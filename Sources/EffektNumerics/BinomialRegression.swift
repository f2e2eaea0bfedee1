import Foundation

/// Options of a binomial (logit or probit) regression fit.
public struct BinomialOptions: Sendable {
    public var link: BinomialLink = .logit
    /// Prior weights (R's `weights`); all ones when nil.
    public var weights: [Double]?
    /// Offset added to the linear predictor (R's `offset`).
    public var offset: [Double]?
    /// Convergence when |dev − dev_old| / (|dev| + 0.1) < tolerance (R `glm.control(epsilon)`).
    public var tolerance: Double = 1e-8
    /// At most this many IRLS steps (R `glm.control(maxit)`).
    public var maxIterations: Int = 25
    /// When false (default), separation is an error; when true, a warning on the fit.
    public var allowSeparation: Bool = false
    public var workers: Int = Parallel.defaultWorkers

    public init(link: BinomialLink = .logit) { self.link = link }
}

/// Logistic and probit regression by iteratively reweighted least squares, following R's
/// `glm.fit`: the same starting values (μ₀ = (w·y + ½)/(w + 1)), the same working response and
/// weights, and the same convergence rule, so the iterates match R's. Each iteration is one fused,
/// blocked pass over X (η = Xβ + offset, μ, the deviance, and the normal equations XᵀWX, XᵀWz
/// accumulated with BLAS `dsyrk`/`dgemv` per 1024-row block) in fixed chunks reduced in order, so
/// results do not depend on the number of threads. The step solves the normal equations by
/// Cholesky. Columns that are linearly dependent on earlier ones (relative residual norm < 1e-7 on
/// the first iteration's XᵀWX) are reported as not estimable.
///
/// Separation is detected, not returned as huge coefficients: before fitting, every column is
/// checked for separating the response on its own (complete: the ranges of x among y = 0 and
/// y = 1 do not overlap; quasi-complete: they touch); after fitting, fitted probabilities within
/// 10ε of 0 or 1 (R's warning) point to separation by a combination of columns.
public enum BinomialRegression {
    static let chunkRows = 16_384
    static let blockRows = 1_024

    public static func fit(x: Matrix, names: [String], y: [Double], responseName: String = "y",
                           options: BinomialOptions = BinomialOptions()) throws -> BinomialFit {
        // X is scanned for finiteness together with the separation check below.
        try DesignValidation.check(x: x, names: names, response: y, responseName: responseName, scanningDesign: false)
        let n = x.rows
        // Absent weights and offsets stay nil (ones and zeros) rather than becoming arrays.
        let prior = try DesignValidation.validWeights(options.weights, rows: n)
        let offset = options.offset
        if let offset {
            guard offset.count == n else { throw NumericsError.dimensionMismatch("\(offset.count) offsets for \(n) rows") }
            if let i = offset.firstIndex(where: { !$0.isFinite }) {
                throw NumericsError.nonFinite(what: "offset", row: i, column: 0)
            }
        }
        let scan = Separation.univariate(x: x, names: names, y: y, weights: prior, workers: options.workers)
        if !scan.allFinite { try DesignValidation.requireFinite(x, names: names) }
        if let i = y.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw NumericsError.invalidResponse("'\(responseName)' must be 0 or 1 for a \(options.link.rawValue) model; row \(i + 1) has \(y[i])")
        }
        let used = prior?.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } ?? n
        guard used >= x.columns else { throw NumericsError.tooFewRows(rows: used, columns: x.columns) }
        var warnings: [String] = []
        if let found = scan.finding {
            if !options.allowSeparation { throw NumericsError.separation(found.message(response: responseName)) }
            warnings.append(found.message(response: responseName))
        }

        var state = IRLSState(n: n)
        // Iteration 0: η from the starting means; its XᵀWX decides which columns are estimable.
        let first = accumulate(x: x, y: y, prior: prior, offset: offset, link: options.link,
                               beta: nil, state: &state, pass: 0, workers: options.workers)
        let kept = Cholesky.independentColumns(gram: first.gram)
        let notes = (0..<x.columns).filter { !kept.contains($0) }.map {
            "'\(names[$0])' is linearly dependent on earlier columns and was dropped (not estimable)"
        }
        let xk = kept.count == x.columns ? x : x.selectingColumns(kept)
        var normal = kept.count == x.columns ? first : first.selecting(kept)
        var devOld = first.deviance
        var beta: [Double] = []
        var factor: Cholesky
        var converged = false
        var iterations = 0
        var deviance = devOld
        repeat {
            factor = try Cholesky(normal.gram, what: "the weighted cross-product XᵀWX")
            beta = factor.solve(normal.xtwz)
            iterations += 1
            normal = accumulate(x: xk, y: y, prior: prior, offset: offset, link: options.link,
                                beta: beta, state: &state, pass: iterations, workers: options.workers)
            deviance = normal.deviance
            guard deviance.isFinite else {
                throw NumericsError.domain("the deviance became non-finite at IRLS iteration \(iterations); check the design for extreme values")
            }
            if abs(deviance - devOld) / (abs(deviance) + 0.1) < options.tolerance { converged = true; break }
            devOld = deviance
        } while iterations < options.maxIterations
        if !converged {
            warnings.append("IRLS did not converge in \(options.maxIterations) iterations (relative deviance change still ≥ \(options.tolerance))")
        }

        let mu = state.mu
        var nearBoundary = 0
        for i in 0..<n where (prior?[i] ?? 1) > 0 && (mu[i] > 1 - 10 * .ulpOfOne || mu[i] < 10 * .ulpOfOne) { nearBoundary += 1 }
        if nearBoundary > 0 {
            let message = Separation.multivariateMessage(x: xk, names: kept.map { names[$0] }, beta: beta,
                                                         count: nearBoundary, response: responseName)
            if !options.allowSeparation { throw NumericsError.separation(message) }
            warnings.append(message)
        }

        let unscaled = try factor.inverse()
        let nullDeviance = try nullDeviance(x: x, y: y, prior: prior, offset: offset, options: options) ?? deviance
        let logLik = logLikelihood(y: y, prior: prior, mu: mu, workers: options.workers)
        let previousWeights = state.weights[(iterations - 1) % 2]
        return BinomialFit(
            names: names, keptColumns: kept, beta: beta, unscaledCovariance: unscaled, design: xk,
            linearPredictor: state.eta, fitted: mu, response: y,
            workingWeights: previousWeights,
            deviance: deviance, nullDeviance: nullDeviance, logLikelihood: logLik,
            iterations: iterations, converged: converged, link: options.link,
            observationCount: used, notes: notes, warnings: warnings)
    }

    /// Deviance of the model with only an intercept (when X has a column of ones) plus the offset,
    /// or of the offset alone; as R's `glm.fit` computes `null.deviance`. Nil when the model is
    /// itself the intercept-only model (its deviance is the null deviance).
    static func nullDeviance(x: Matrix, y: [Double], prior: [Double]?, offset: [Double]?, options: BinomialOptions) throws -> Double? {
        let hasIntercept = x.withView { v in
            (0..<v.columns).contains { j in UnsafeBufferPointer(start: v.base! + j * v.leadingDimension, count: v.rows).allSatisfy { $0 == 1 } }
        }
        if hasIntercept {
            if x.columns == 1 { return nil }
            if offset?.allSatisfy({ $0 == 0 }) ?? true {
                // Σ deviance(yᵢ, ȳ_w) with y ∈ {0, 1}: the weights of the 1s and of the 0s suffice.
                var ones = 0.0, zeros = 0.0
                for i in y.indices {
                    let w = prior?[i] ?? 1
                    if y[i] == 1 { ones += w } else { zeros += w }
                }
                let mean = ones / (ones + zeros)
                return (ones > 0 ? binomialDeviance(y: 1, mu: mean, weight: ones) : 0)
                    + (zeros > 0 ? binomialDeviance(y: 0, mu: mean, weight: zeros) : 0)
            }
            var nullOptions = options
            nullOptions.allowSeparation = true
            let ones = Matrix(rows: x.rows, columns: 1, repeating: 1)
            return try fit(x: ones, names: ["(Intercept)"], y: y, options: nullOptions).deviance
        }
        return y.indices.reduce(0) { $0 + binomialDeviance(y: y[$1], mu: options.link.mean(offset?[$1] ?? 0), weight: prior?[$1] ?? 1) }
    }

    /// log L as R's binomial()$aic: Σ log dbinom(round(w·y), round(w), μ) over rows with w > 0,
    /// summed in fixed chunks (in parallel) and then in chunk order.
    static func logLikelihood(y: [Double], prior: [Double]?, mu: [Double], workers: Int) -> Double {
        let ranges = Parallel.ranges(count: y.count, chunkSize: chunkRows)
        let parts = y.withUnsafeBufferPointer { yb in mu.withUnsafeBufferPointer { mb in (prior ?? []).withUnsafeBufferPointer { wb in
            let (ys, ms) = (SharedReadBuffer(yb), SharedReadBuffer(mb))
            let weights = prior == nil ? nil : SharedReadBuffer(wb)
            return Parallel.map(chunks: ranges.count, workers: workers) { c in
                var sum = 0.0
                for i in ranges[c] {
                    let w = weights?[i] ?? 1
                    guard w > 0 else { continue }
                    let trials = w.rounded(), successes = (w * ys[i]).rounded()
                    if trials > 1 { sum += lgamma(trials + 1) - lgamma(successes + 1) - lgamma(trials - successes + 1) }
                    if successes > 0 { sum += successes * log(ms[i]) }
                    if trials > successes { sum += (trials - successes) * log(1 - ms[i]) }
                }
                return sum
            }
        } } }
        return parts.reduce(0, +)
    }

    /// One fused pass: η, μ and working weights for every row (into `state`), the deviance at η,
    /// and the normal equations of the next step. Without β (iteration 0), η = g(μ₀) from R's
    /// starting means.
    static func accumulate(x: Matrix, y: [Double], prior: [Double]?, offset: [Double]?, link: BinomialLink,
                           beta: [Double]?, state: inout IRLSState, pass: Int, workers: Int) -> NormalEquations {
        let n = x.rows, p = x.columns
        let ranges = Parallel.ranges(count: n, chunkSize: chunkRows)
        let weightSlot = pass % 2
        let partials: [NormalEquations] = x.withView { xv in
            y.withUnsafeBufferPointer { yb in (prior ?? []).withUnsafeBufferPointer { wb in (offset ?? []).withUnsafeBufferPointer { ob in
            state.eta.withUnsafeMutableBufferPointer { eb in state.mu.withUnsafeMutableBufferPointer { mb in
            state.weights[weightSlot].withUnsafeMutableBufferPointer { wwb in
                let xs = SharedReadBuffer(UnsafeBufferPointer(start: xv.base, count: n * p))
                let ys = SharedReadBuffer(yb)
                let (ws, os) = (prior == nil ? nil : SharedReadBuffer(wb), offset == nil ? nil : SharedReadBuffer(ob))
                let (etaOut, muOut, weightOut) = (SharedBuffer(eb), SharedBuffer(mb), SharedBuffer(wwb))
                let coefficients = beta
                return Parallel.map(chunks: ranges.count, workers: workers) { c in
                    var acc = NormalEquations(columns: p)
                    var scaled = [Double](repeating: 0, count: blockRows * p)
                    var scaledZ = [Double](repeating: 0, count: blockRows)
                    var rootW = [Double](repeating: 0, count: blockRows)
                    let view = MatrixView(base: xs.base, rows: n, columns: p, leadingDimension: n)
                    for block in Parallel.ranges(count: ranges[c].count, chunkSize: blockRows) {
                        let lo = ranges[c].lowerBound + block.lowerBound
                        let m = block.count
                        if let coefficients {
                            coefficients.withUnsafeBufferPointer { bp in
                                BLAS.gemv(view.rows(lo..<(lo + m)), bp.baseAddress!, into: etaOut.base! + lo)
                            }
                        }
                        acc.deviance += rootW.withUnsafeMutableBufferPointer { rw in
                            scaledZ.withUnsafeMutableBufferPointer { zw in
                                workingRows(lo..<(lo + m), link: link, fromStart: coefficients == nil, y: ys.base!, prior: ws?.base,
                                            offset: os?.base, eta: etaOut.base!, mu: muOut.base!, weight: weightOut.base!,
                                            rootWeight: rw.baseAddress!, scaledResponse: zw.baseAddress!)
                            }
                        }
                        scaled.withUnsafeMutableBufferPointer { sb in
                            for j in 0..<p {
                                let src = xs.base! + j * n + lo
                                let dst = sb.baseAddress! + j * m
                                for r in 0..<m { dst[r] = rootW[r] * src[r] }
                            }
                            let block = MatrixView(base: UnsafePointer(sb.baseAddress), rows: m, columns: p, leadingDimension: max(m, 1))
                            acc.gram.withMutableView { BLAS.syrkTransposed(block, beta: 1, into: $0) }
                            scaledZ.withUnsafeBufferPointer { zb in
                                acc.xtwz.withUnsafeMutableBufferPointer { tb in
                                    BLAS.gemv(block, transpose: true, zb.baseAddress!, beta: 1, into: tb.baseAddress!)
                                }
                            }
                        }
                    }
                    return acc
                }
            } } } } } }
        }
        var total = NormalEquations(columns: p)
        for part in partials { total.add(part) }
        total.gram.symmetrizeUpper()
        return total
    }
}

extension BinomialRegression {
    /// For rows `range`: η (from R's starting means μ₀ = (w·y + ½)/(w + 1), or the Xβ already in
    /// `eta` plus the offset), μ, the working weight w = prior·μ'²/(μ(1−μ)), √w and √w·z with
    /// z = η − offset + (y − μ)/μ'; returns the deviance at η. Pointers address whole columns, the
    /// scratch ones the block; nil prior weights are ones, a nil offset zeros.
    @inline(__always)
    static func workingRows(_ range: Range<Int>, link: BinomialLink, fromStart: Bool,
                            y: UnsafePointer<Double>, prior: UnsafePointer<Double>?, offset: UnsafePointer<Double>?,
                            eta: UnsafeMutablePointer<Double>, mu: UnsafeMutablePointer<Double>, weight: UnsafeMutablePointer<Double>,
                            rootWeight: UnsafeMutablePointer<Double>, scaledResponse: UnsafeMutablePointer<Double>) -> Double {
        var deviance = 0.0
        let lo = range.lowerBound
        for i in range {
            let p = prior?[i] ?? 1, o = offset?[i] ?? 0
            let e: Double, devianceMean: Double, m: Double, d: Double
            if fromStart {
                devianceMean = (p * y[i] + 0.5) / (p + 1)
                e = link.link(devianceMean)
                (m, d) = link.meanAndDerivative(e)
            } else {
                e = eta[i] + o
                (m, d) = link.meanAndDerivative(e)
                devianceMean = m
            }
            let w = p * d * d / (m * (1 - m))
            deviance += binomialDeviance(y: y[i], mu: devianceMean, weight: p)
            let root = w.squareRoot()
            rootWeight[i - lo] = root
            scaledResponse[i - lo] = root * ((e - o) + (y[i] - m) / d)
            eta[i] = e
            mu[i] = m
            weight[i] = w
        }
        return deviance
    }
}

/// Per-row state of the IRLS iterations: η, μ, and the working weights of the last two passes
/// (R reports the weights of the step that produced the final coefficients).
struct IRLSState {
    var eta: [Double]
    var mu: [Double]
    var weights: [[Double]]

    init(n: Int) {
        eta = [Double](repeating: 0, count: n)
        mu = [Double](repeating: 0, count: n)
        weights = [[Double](repeating: 0, count: n), [Double](repeating: 0, count: n)]
    }
}

/// XᵀWX (upper triangle until reduced), XᵀWz and the deviance accumulated over rows.
struct NormalEquations: Sendable {
    var gram: Matrix
    var xtwz: [Double]
    var deviance: Double = 0

    init(columns p: Int) {
        gram = Matrix(rows: p, columns: p)
        xtwz = [Double](repeating: 0, count: p)
    }

    mutating func add(_ other: NormalEquations) {
        for i in 0..<gram.storage.count { gram.storage[i] += other.gram.storage[i] }
        for i in 0..<xtwz.count { xtwz[i] += other.xtwz[i] }
        deviance += other.deviance
    }

    /// The equations restricted to the given columns.
    func selecting(_ columns: [Int]) -> NormalEquations {
        var out = NormalEquations(columns: columns.count)
        out.gram = gram.selectingColumns(columns).selectingRows(columns)
        out.xtwz = columns.map { xtwz[$0] }
        out.deviance = deviance
        return out
    }
}
