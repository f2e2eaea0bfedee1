import EffektData
import EffektEstimators
import EffektNumerics
import Foundation

/// Propensity-score matching at register scale: 100,000 treated and 900,000 controls (seeded
/// simulation), a logit propensity model with 30 parameters (8 numeric covariates, age², and two
/// categorical variables with 10 and 12 levels), then 1:1 greedy nearest-neighbour matching
/// without replacement within a caliper of 0.2 SD of the linear predictor (largest score first).
/// Sizes: `EFFEKT_BENCH_MATCH_TREATED` and `EFFEKT_BENCH_MATCH_CONTROLS` override them.
func matchingBenchmark() throws -> BenchReport {
    let treatedCount = environmentInt("EFFEKT_BENCH_MATCH_TREATED") ?? 100_000
    let controlCount = environmentInt("EFFEKT_BENCH_MATCH_CONTROLS") ?? 900_000
    let n = treatedCount + controlCount
    var report = BenchReport(title: "Propensity score + 1:1 caliper matching, \(treatedCount) treated, \(controlCount) controls")
    report.note(machineNote())

    // Data: correlated numeric covariates, two factors, treatment by a logit model. Exactly
    // `treatedCount` are treated: those with the largest η + logistic noise (a logit model whose
    // intercept is the threshold).
    var rng = RandomStream(seed: 20_260_501, stream: 7)
    var table = VariableTable(rowCount: n)
    let numericNames = ["age", "income", "x3", "x4", "x5", "x6", "x7", "x8"]
    var columns = [[Double]](repeating: [Double](repeating: 0, count: n), count: numericNames.count)
    var district = [Int32](repeating: 0, count: n), group = [Int32](repeating: 0, count: n)
    var key = [Double](repeating: 0, count: n)
    let districtShift = (0..<10).map { 0.08 * Double($0) - 0.4 }
    let groupShift = (0..<12).map { 0.06 * Double($0 % 6) - 0.15 }
    for i in 0..<n {
        let common = rng.normal()
        let age = 18 + 47 * rng.uniform()
        let income = exp(9.5 + 0.6 * rng.normal() + 0.2 * common)
        var x = [age, income]
        for j in 0..<6 { x.append(0.5 * common + 0.866 * rng.normal() + (j == 0 ? age / 40 : 0)) }
        for j in 0..<x.count { columns[j][i] = x[j] }
        let d = rng.integer(below: 10), g = rng.integer(below: 12)
        district[i] = Int32(d); group[i] = Int32(g)
        let eta = -0.03 * (age - 40) + 0.0008 * (age - 40) * (age - 40) - 0.4 * log(income / 13_000)
            + 0.25 * x[2] - 0.2 * x[3] + 0.15 * x[4] + 0.1 * x[5] - 0.05 * x[6] + 0.02 * x[7]
            + districtShift[d] + groupShift[g]
        let u = rng.uniform()
        key[i] = eta + log((u + 1e-300) / (1 - u))
    }
    let threshold = key.sorted(by: >)[treatedCount - 1]
    let treat = key.map { $0 >= threshold ? 1.0 : 0.0 }
    key = []
    table.set("treat", numeric: treat)
    for (j, name) in numericNames.enumerated() { table.set(name, numeric: columns[j]) }
    columns = []
    table.set("district", .categorical(codes: district, levels: (1...10).map { "d\($0)" }))
    table.set("group", .categorical(codes: group, levels: (1...12).map { "g\($0)" }))
    district = []; group = []
    let formula = try Formula(parsing: "treat ~ age + I(age^2) + income + x3 + x4 + x5 + x6 + x7 + x8 + district + group")

    // Warm-up on a small slice (page faults of the code, first-use costs), untimed.
    var small = VariableTable(rowCount: 20_000)
    for name in table.variableNames {
        switch table.variable(named: name)! {
        case let .numeric(v, _): small.set(name, numeric: Array(v.prefix(20_000)))
        case let .categorical(c, levels): small.set(name, .categorical(codes: Array(c.prefix(20_000)), levels: levels))
        }
    }
    _ = try PropensityScore(formula, data: small)

    // The two steps apart, their design and fit released before the end-to-end call (so peak
    // memory holds one design matrix, as a caller's would).
    let (parameters, iterations, designSeconds, fitSeconds) = try { () throws -> (Int, Int, Timing, Timing) in
        let (mm, designSeconds) = try measured { try ModelMatrix(formula, data: table) }
        let (fit, fitSeconds) = try measured { try BinomialRegression.fit(x: mm.matrix, names: mm.names, y: mm.response!, responseName: "treat") }
        return (mm.matrix.columns, fit.iterations, designSeconds, fitSeconds)
    }()
    // End to end as a caller does it (design matrix + fit in one call).
    let (ps, psSeconds) = try measured { try PropensityScore(formula, data: table) }
    precondition(ps.fit.beta.count == parameters)

    let (problem, problemSeconds) = try measured {
        try MatchingProblem(treatment: ps.treatment, distance: .score(ps.linearPredictor))
    }
    let (matched, matchSeconds) = try measured { () -> MatchingResult in
        var generator = RandomStream(seed: 1)
        return try problem.match(using: NearestNeighborMatching(ratio: 1, replace: false, caliper: .standardDeviations(0.2)),
                                 generator: &generator)
    }
    let pairs = matched.matchedSets.count

    report.note("Data (seeded): age uniform 18–65, log-normal income, six correlated normals, district (10 levels), "
        + "group (12 levels); treatment by a logit model, exactly \(treatedCount) treated. Formula `\(formula)`: "
        + "\(parameters) parameters on \(n) rows (\(formatBytes(n * parameters * 8)) design matrix). "
        + "Fit: logit IRLS, \(iterations) iterations, \(Parallel.defaultWorkers) worker(s). Matching: 1:1 greedy nearest neighbour "
        + "without replacement, largest score first, caliper 0.2 SD of the linear predictor; \(pairs) of \(treatedCount) treated matched.")
    report.figure("design matrix (ModelMatrix)", designSeconds.text)
    report.figure("propensity fit (IRLS, \(iterations) iterations)", fitSeconds.text)
    report.figure("design matrix + fit", (designSeconds + fitSeconds).text, target: "≤ 1 s")
    report.figure("PropensityScore(formula, data:) end to end", psSeconds.text, target: "≤ 1 s")
    report.figure("MatchingProblem (input checks)", problemSeconds.text)
    report.figure("1:1 caliper matching (NearestNeighborMatching.match)", matchSeconds.text)
    report.figure("matching: checks + match", (problemSeconds + matchSeconds).text, target: "≤ 0.5 s")
    report.figure("treated matched", "\(pairs) of \(treatedCount)")
    report.figure("context: R glm + MatchIt 4.5 (same kind of machine)", "8.3 s + 714 s")
    report.figure("context: Python statsmodels + sorted greedy matcher", "15 s + 0.5 s")
    return report
}

/// An environment variable as a positive whole number (underscores allowed: 1_000_000).
func environmentInt(_ name: String) -> Int? {
    guard let text = ProcessInfo.processInfo.environment[name] else { return nil }
    guard let value = Int(text.replacingOccurrences(of: "_", with: "")), value > 0 else {
        FileHandle.standardError.write(Data("effekt-bench: ignoring \(name)=\(text) (not a positive whole number)\n".utf8))
        return nil
    }
    return value
}

/// Cores and the load average when a benchmark starts (other work inflates wall clock).
func machineNote() -> String {
    var load = [Double](repeating: 0, count: 3)
    _ = getloadavg(&load, 3)
    return String(format: "Release build, %d cores, load average at start %.2f / %.2f / %.2f (1/5/15 min; other work on the machine inflates wall clock).",
                  ProcessInfo.processInfo.activeProcessorCount, load[0], load[1], load[2])
}

/// The process's peak resident memory since the last `resetPeakResident()` (Linux VmHWM), in bytes.
func peakResidentSinceReset() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
    let kib = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) }
    return kib.map { $0 * 1024 }
}

/// Resets Linux's peak-resident counter (VmHWM) to the current resident size; false when not allowed.
@discardableResult
func resetPeakResident() -> Bool {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? handle.close() }
    return (try? handle.write(contentsOf: Data("5".utf8))) != nil
}

/// CPU seconds (user + system, all threads) this process has used so far.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// Wall clock and CPU time of `body`: wall clock inflates on a loaded machine, CPU time much less.
struct Timing {
    var wall: Double
    var cpu: Double
    var text: String { "\(formatSeconds(wall)) (CPU \(formatSeconds(cpu)))" }
    static func + (a: Timing, b: Timing) -> Timing { Timing(wall: a.wall + b.wall, cpu: a.cpu + b.cpu) }
}

func measured<T>(_ body: () throws -> T) rethrows -> (T, Timing) {
    let c0 = processCPUSeconds()
    let (value, wall) = try timed(body)
    return (value, Timing(wall: wall, cpu: processCPUSeconds() - c0))
}
