import EffektNumerics
import Foundation

/// Logit IRLS on a simulated n = 1,000,000, p = 20 design: milliseconds per Newton iteration and
/// for the whole fit, beside one plain pass that reads X (the memory-bandwidth bound).
func logitIRLSBenchmark() throws -> BenchReport {
    var report = BenchReport(title: "Logit IRLS, n = 1,000,000, p = 20")
    let n = 1_000_000, p = 20
    var x = Matrix(rows: n, columns: p, repeating: 1)
    var rng = RandomStream(seed: 20261122)
    let trueBeta: [Double] = (0..<p).map { (j: Int) -> Double in
        j == 0 ? -1.0 : 0.15 * Double(j % 5 - 2)
    }
    var eta = [Double](repeating: trueBeta[0], count: n)
    for j in 1..<p {
        for i in 0..<n {
            let v = rng.normal()
            x[i, j] = v
            eta[i] += trueBeta[j] * v
        }
    }
    let y = eta.map { rng.uniform() < 1 / (1 + exp(-$0)) ? 1.0 : 0.0 }
    let names = ["(Intercept)"] + (1..<p).map { "x\($0)" }

    // The bandwidth bound: one pass summing every entry of X with four accumulators.
    let (checksum, plain) = timed { () -> Double in
        x.storage.withUnsafeBufferPointer { b in
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            var i = 0
            while i + 4 <= b.count { s0 += b[i]; s1 += b[i + 1]; s2 += b[i + 2]; s3 += b[i + 3]; i += 4 }
            return s0 + s1 + s2 + s3
        }
    }
    _ = try BinomialRegression.fit(x: x.selectingRows(Array(0..<10_000)), names: names, y: Array(y.prefix(10_000)))  // warm-up
    var best = Double.infinity
    var iterations = 0
    for _ in 0..<3 {
        let (fit, seconds) = try timed { try BinomialRegression.fit(x: x, names: names, y: y) }
        best = min(best, seconds)
        iterations = fit.iterations
    }
    // Marginal cost of an iteration: the converged fit against one stopped after its first
    // iteration (same fixed costs: checks, separation scan, null deviance, covariance).
    var oneIteration = BinomialOptions()
    oneIteration.maxIterations = 1
    var bestOne = Double.infinity
    for _ in 0..<3 {
        let (_, seconds) = try timed { try BinomialRegression.fit(x: x, names: names, y: y, options: oneIteration) }
        bestOne = min(bestOne, seconds)
    }
    let perIteration = (best - bestOne) / Double(max(iterations - 1, 1))
    report.note("Simulated design: intercept + 19 standard-normal columns, y ~ Bernoulli(logistic(Xβ)). "
        + "Best of 3 fits, \(Parallel.defaultWorkers) worker(s). One IRLS iteration is one fused blocked pass over X.")
    report.figure("plain pass over X (160 MB)", formatSeconds(plain))
    report.note("Checksum of the plain pass (keeps it from being optimised away): \(checksum)")
    report.figure("IRLS iterations to converge", "\(iterations) (+1 starting pass)")
    report.figure("time per iteration (marginal)", formatSeconds(perIteration), target: "≤ 50 ms")
    report.figure("fixed costs (checks, separation scan, first pass, null deviance)", formatSeconds(bestOne - perIteration))
    report.figure("whole fit", formatSeconds(best), target: "≤ 0.4 s")
    report.figure("per iteration / plain pass", String(format: "%.1f×", perIteration / plain), target: "≤ 3×")
    return report
}
