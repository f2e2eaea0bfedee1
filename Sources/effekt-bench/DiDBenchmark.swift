import EffektEstimators
import EffektNumerics
import Foundation

/// Difference-in-differences at register scale, on simulated panels with staggered treatment:
/// TWFE with CR1 by person on 7.2 M person-months (balanced) and on 10 M person-months
/// (staggered entry, so the within transformation must iterate), an event study, and
/// Callaway & Sant'Anna ATT(g,t) (doubly robust with one covariate) for 100,000 units,
/// 36 periods and 12 cohorts, with analytic SEs and with 999 multiplier-bootstrap draws.
func didBenchmark() throws -> BenchReport {
    var report = BenchReport(title: "Difference-in-differences: TWFE and Callaway & Sant'Anna")
    var load = [Double](repeating: 0, count: 3)
    _ = getloadavg(&load, 3)
    report.note("Simulated panels (seeded): y = α_i + γ_t + τ·D + ε with about 30 % never treated and staggered cohorts. "
        + "Timings: wall clock (and CPU time of all threads) on \(ProcessInfo.processInfo.activeProcessorCount) cores, release build; "
        + String(format: "load average at start %.1f (other work on the machine inflates wall clock). ", load[0])
        + "\"prepare\" builds the validated `PanelData` (sorted input: no sort); \"fit\" is the estimator.")

    try twfeBench(persons: 100_000, months: 72, entrySpread: 0, report: &report, target: "≤ 1 s", eventStudy: true)
    report.figure("peak memory after TWFE on 7.2 M rows", formatBytes(peakResidentBytes()), target: "≤ 1 GiB")
    try twfeBench(persons: 100_000, months: 100, entrySpread: 20, report: &report, target: "", eventStudy: false)
    report.figure("peak memory after TWFE on 10 M rows", formatBytes(peakResidentBytes()), target: "≤ 1 GiB")
    try attgtBench(report: &report)
    report.figure("peak memory after ATT(g,t)", formatBytes(peakResidentBytes()), target: "≤ 1 GiB")
    return report
}

/// `persons` × `months` rows; person i enters in month 1 + (i mod (entrySpread + 1)).
private func twfeBench(persons: Int, months: Int, entrySpread: Int, report: inout BenchReport, target: String,
                       eventStudy: Bool) throws {
    let rows = persons * months
    let label = String(format: "%.1f M rows, %d clusters%@", Double(rows) / 1e6, persons,
                       entrySpread > 0 ? ", staggered entry (unbalanced calendar)" : ", balanced")
    var stream = RandomStream(seed: 2025, stream: 1)
    let cohorts = [0, 0, 0] + stride(from: 13, through: 13 + 11 * 4, by: 4).map { $0 }
    var unit = [Int](repeating: 0, count: rows), time = unit, group = unit
    var y = [Double](repeating: 0, count: rows)
    for i in 0..<persons {
        let alpha = stream.normal()
        let g = cohorts[stream.integer(below: cohorts.count)]
        let entry = 1 + (entrySpread > 0 ? i % (entrySpread + 1) : 0)
        for m in 0..<months {
            let r = i * months + m, t = entry + m
            unit[r] = i + 1
            time[r] = t
            group[r] = g
            let treated = g > 0 && t >= g
            y[r] = alpha + 0.01 * Double(t) + (treated ? 0.5 + 0.01 * Double(t - g) : 0) + stream.normal()
        }
    }
    let (panel, prepare) = try timedCPU {
        try PanelData(unit: unit, time: time, outcome: y, group: group)
    }
    unit = []; time = []; group = []; y = []
    let (fit, seconds) = try timedCPU { try TWFE.fit(panel) }
    report.figure("TWFE + CR1, \(label): prepare", prepare.text)
    report.figure("TWFE + CR1, \(label): fit (\(fit.demeaningSweeps) sweeps)", seconds.text, target: target)
    let d = fit["D"]!
    report.note(String(format: "TWFE on %@: D = %.4f (SE %.4f), n = %d, G = %d, K = %d.", label, d.estimate!, d.standardError!,
                       fit.observations, fit.clusters, fit.smallSample.parameters))
    if eventStudy {
        let spec = TWFESpecification(treatment: .eventTime(EventTimeDesign(window: -12...24, binEndpoints: true)))
        let (es, esSeconds) = try timedCPU { try TWFE.fit(panel, spec) }
        report.figure("TWFE event study −12…24 (binned ends, \(es.estimatedTerms.count) dummies), \(label)", esSeconds.text)
    }
}

private func attgtBench(report: inout BenchReport) throws {
    let n = 100_000, periods = 36
    let cohorts = [0, 0, 0, 0] + Array(stride(from: 8, through: 30, by: 2))   // 12 cohorts, 1/4 never treated
    var stream = RandomStream(seed: 2025, stream: 2)
    var unit = [Int](repeating: 0, count: n * periods), time = unit, group = unit
    var y = [Double](repeating: 0, count: n * periods), x = y
    for i in 0..<n {
        let xi = stream.normal()
        let g = cohorts[stream.integer(below: cohorts.count)]
        let alpha = stream.normal() + 0.3 * xi
        for t in 1...periods {
            let r = i * periods + t - 1
            unit[r] = i + 1; time[r] = t; group[r] = g; x[r] = xi
            y[r] = alpha + 0.02 * Double(t) * (1 + 0.2 * xi) + (g > 0 && t >= g ? 0.3 : 0) + stream.normal()
        }
    }
    let panel = try PanelData(unit: unit, time: time, outcome: y, group: group, covariates: [("x", x)])
    unit = []; time = []; group = []; y = []; x = []
    let label = "100,000 units, 36 periods, 12 cohorts, dr with 1 covariate"
    let analyticSpec = GroupTimeATTSpecification(estimator: .doublyRobust, covariates: ["x"])
    // Only numbers are kept from each run, so one influence-function matrix is alive at a time.
    let (analytic, seconds) = try timedCPU { () -> (cells: Int, att: Double, se: Double?) in
        let r = try CallawaySantAnna(panel: panel, specification: analyticSpec).estimate()
        let d = try r.aggregate(.dynamic)
        return (r.cells.count, d.overallATT, d.overallStandardError)
    }
    report.figure("ATT(g,t), \(label), analytic SEs (\(analytic.cells) cells + dynamic aggregation)", seconds.text, target: "≤ 3 s")
    var bootSpec = analyticSpec
    bootSpec.bootstrap = MultiplierBootstrapOptions(draws: 999, seed: 7)
    let (boot, bootSeconds) = try timedCPU { () -> (se: Double?, crit: Double?) in
        let r = try CallawaySantAnna(panel: panel, specification: bootSpec).estimate()
        let d = try r.aggregate(.dynamic)
        return (d.overallStandardError, r.uniformCriticalValue)
    }
    report.figure("ATT(g,t), \(label), 999 bootstrap draws + uniform bands (cells + dynamic aggregation)", bootSeconds.text)
    report.note(String(format: "ATT(g,t): dynamic overall %.4f (analytic SE %.4f, bootstrap SE %.4f); uniform critical value of the 420 cells %.3f.",
                       analytic.att, analytic.se ?? .nan, boot.se ?? .nan, boot.crit ?? .nan))
}

/// Wall-clock and CPU seconds (all threads) of `body`.
private func timedCPU<T>(_ body: () throws -> T) rethrows -> (T, (wall: Double, cpu: Double, text: String)) {
    func cpu() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
    let c0 = cpu()
    let (value, wall) = try timed(body)
    let used = cpu() - c0
    return (value, (wall, used, "\(formatSeconds(wall)) (CPU \(formatSeconds(used)))"))
}
