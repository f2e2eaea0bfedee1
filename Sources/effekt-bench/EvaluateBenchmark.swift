import EffektData
import EffektEstimators
import EffektEvaluation
import EffektNumerics
import Foundation

/// The whole `effekt evaluate` job on simulated registers, CSV reading included:
/// (a) 100,000 persons × 60 months, every insats (target ≤ 20 s);
/// (b) 1,000,000 persons × 36 months, one insats (SE) (target ≤ 10 s and ≤ 2 GiB); on 36 months
///     the evaluation fits its settings to the short panel (`EvaluationSettings.fitted(toMonths:)`).
/// (c) with `EFFEKT_BENCH_HUGE=1` only (it takes minutes): 1,000,000 persons × 120 months, every
///     insats (aim ≤ 5 min and ≤ 8 GiB).
/// Simulation is not timed. Sizes: `EFFEKT_BENCH_PERSONS`, `EFFEKT_BENCH_MONTHS` (a) and
/// `EFFEKT_BENCH_LARGE_PERSONS`, `EFFEKT_BENCH_LARGE_MONTHS` (b); `EFFEKT_BENCH_LARGE=0` skips (b).
func evaluateBenchmark() throws -> BenchReport {
    var report = BenchReport(title: "Full evaluation (read CSV, validate, panel, per-insats evaluation)")
    report.note(machineNote() + " Simulation (seed 1) is not timed. Default settings as `effekt evaluate`: "
        + "risk-set matching on the pooled logit linear predictor (caliper 0.2 SD, 1:1), three outcomes, pre-trend test, "
        + "placebo, Rosenbaum bounds, subgroups, costs. Peak memory per case is Linux's VmHWM reset after the simulation "
        + "(so it covers reading + evaluation only). Stage \"matchning\" covers the main and the placebo design (risk sets, "
        + "propensity fits, matching, balance); \"diagnostik\" the placebo's event study, Rosenbaum bounds and overlap shares. "
        + "(a) and (c) evaluate one insats at a time (per-stage clock meaningful; the work inside an insats still uses all cores); "
        + "(b) runs its one insats's main and placebo designs side by side, as `effekt evaluate` does.")

    let persons = environmentInt("EFFEKT_BENCH_PERSONS") ?? 100_000
    let months = environmentInt("EFFEKT_BENCH_MONTHS") ?? 60
    try evaluateCase(label: "(a)", title: "\(persons) persons × \(months) months, all insatser", persons: persons, months: months,
                     insatser: [], workers: 1, totalTarget: "≤ 20 s", memoryTarget: "", report: &report)

    if ProcessInfo.processInfo.environment["EFFEKT_BENCH_LARGE"] != "0" {
        let largePersons = environmentInt("EFFEKT_BENCH_LARGE_PERSONS") ?? 1_000_000
        let largeMonths = environmentInt("EFFEKT_BENCH_LARGE_MONTHS") ?? 36
        try evaluateCase(label: "(b)", title: "\(largePersons) persons × \(largeMonths) months, one insats (SE)", persons: largePersons,
                         months: largeMonths, insatser: ["SE"], workers: Parallel.defaultWorkers, totalTarget: "≤ 10 s",
                         memoryTarget: "≤ 2 GiB", report: &report)
    }
    if ProcessInfo.processInfo.environment["EFFEKT_BENCH_HUGE"] == "1" {
        try evaluateCase(label: "(c)", title: "1000000 persons × 120 months, all insatser", persons: 1_000_000, months: 120,
                         insatser: [], workers: 1, totalTarget: "≤ 5 min (aim)", memoryTarget: "≤ 8 GiB (aim)", report: &report)
    }
    return report
}

/// One case; `workers` as `EvaluationSettings.workers` (with 1, insatser and their designs run one at a time).
private func evaluateCase(label: String, title: String, persons: Int, months: Int, insatser: [String], workers: Int,
                          totalTarget: String, memoryTarget: String, report: inout BenchReport) throws {
    FileHandle.standardError.write(Data("  simulating \(label) \(title) …\n".utf8))
    let (simulated, simulateSeconds) = try timed { try SimulatedRegister(persons: persons, months: months, seed: 1) }
    defer { simulated.remove() }
    let canReset = resetPeakResident()
    let residentAtStart = peakResidentSinceReset() ?? 0

    // The tables are dropped once the register is built, as in `effekt evaluate`.
    let (register, spec, payments, readSeconds, buildSeconds) = try { () throws -> (Register, DatasetSpec, Int, Timing, Timing) in
        let ((tables, spec), readSeconds) = try measured { () -> (RegisterTables, DatasetSpec) in
            let spec = try DatasetSpec.load(simulated.specURL)
            return (try RegisterTables.read(spec: spec, base: simulated.directory), spec)
        }
        let ((built, validation), buildSeconds) = measured { Register.build(from: tables) }
        guard let register = built else { throw BenchError("the simulated register does not validate:\n\(validation.text)") }
        return (register, spec, tables.payments.rowCount, readSeconds, buildSeconds)
    }()
    var settings = EvaluationSettings()
    settings.insatser = insatser
    settings.workers = workers
    if let formula = spec.formula, !formula.isEmpty { settings.design.formula = formula }

    let clock = LockedStageClock()
    let (evaluation, evaluateSeconds) = try measured {
        try Evaluation(register: register, settings: settings) { _, _, code, stage in clock.enter(code: code, stage: stage) }
    }
    let stages = clock.finished()
    let peak = peakResidentSinceReset()

    let csvBytes = RegisterSimulator.fileNames.filter { $0.hasSuffix(".csv") }.reduce(0) { sum, name in
        sum + ((try? FileManager.default.attributesOfItem(atPath: simulated.directory.appendingPathComponent(name).path)[.size] as? Int) ?? 0)
    }
    let estimated = evaluation.insatser.filter { $0.status == .estimated }
    report.note("\(label) \(title): simulated in \(formatSeconds(simulateSeconds)) (untimed); \(formatBytes(csvBytes)) of CSV, "
        + "\(payments) payment rows, \(register.episodes.count) episodes, panel \(register.panel.persons) × \(register.panel.months) "
        + "(\(formatBytes(register.panel.storageBytes))); resident when timing started \(formatBytes(residentAtStart)). Per insats (participants / matched / seconds): "
        + evaluation.insatser.map { e in
            "\(e.code) \(e.participants)/\(e.matched)/" + String(format: "%.2f", stages.perInsats[e.code]?.wall ?? 0)
        }.joined(separator: ", ") + ". Estimated: \(estimated.count) of \(evaluation.insatser.count)."
        + (evaluation.notes.isEmpty ? "" : " Settings fitted to the panel: " + evaluation.notes.joined(separator: "; ")
            + " (horizons used: " + evaluation.settings.horizons.map(String.init).joined(separator: ", ") + ")."))
    report.figure("\(label) read CSV (spec + 4 files)", readSeconds.text
        + String(format: ", %.0f MB/s", Double(csvBytes) / 1e6 / max(readSeconds.wall, 1e-9)))
    report.figure("\(label) validate + build panel", buildSeconds.text)
    for (stage, seconds) in stages.perStage {
        report.figure("\(label) evaluation stage \"\(stage)\", summed over insatser", seconds.text)
    }
    report.figure("\(label) evaluation total", evaluateSeconds.text)
    report.figure("\(label) total: read + validate + panel + evaluation", (readSeconds + buildSeconds + evaluateSeconds).text,
                  target: totalTarget)
    if canReset, let peak {
        report.figure("\(label) peak resident memory (read + evaluation)", formatBytes(peak), target: memoryTarget)
    } else {
        report.figure("\(label) peak resident memory (whole process so far; VmHWM could not be reset)",
                      formatBytes(peakResidentBytes()), target: memoryTarget)
    }
}

/// Wall-clock time per (insats, stage) from the evaluation's progress callback: a stage lasts
/// until the next callback or `finish()`.
struct StageClock {
    private var current: (code: String, stage: String, wall: UInt64, cpu: Double)?
    private(set) var perStage: [(String, Timing)] = []
    private(set) var perInsats: [String: Timing] = [:]

    mutating func enter(code: String, stage: String) {
        close()
        current = (code, stage, DispatchTime.now().uptimeNanoseconds, processCPUSeconds())
    }

    mutating func finish() { close(); current = nil }

    private mutating func close() {
        guard let c = current else { return }
        let t = Timing(wall: Double(DispatchTime.now().uptimeNanoseconds - c.wall) / 1e9, cpu: processCPUSeconds() - c.cpu)
        if let i = perStage.firstIndex(where: { $0.0 == c.stage }) { perStage[i].1 = perStage[i].1 + t } else { perStage.append((c.stage, t)) }
        perInsats[c.code] = perInsats[c.code].map { $0 + t } ?? t
    }
}

/// A register simulated into a fresh folder under the temporary directory (deleted by `remove()`).
struct SimulatedRegister {
    let directory: URL
    let truth: SimulationTruth
    var specURL: URL { directory.appendingPathComponent("spec.json") }

    init(persons: Int, months: Int, seed: UInt64, workers: Int = Parallel.defaultWorkers) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("effekt-bench-\(getpid())-\(seed)-\(UInt64(Date().timeIntervalSince1970 * 1e6))", isDirectory: true)
        let settings = SimulationSettings(persons: persons, months: months, seed: seed, workers: workers)
        do {
            truth = try RegisterSimulator(settings).write(to: directory).truth
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Reads, validates and builds the register as `effekt evaluate` does.
    func load(threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> (Register, DatasetSpec) {
        let spec = try DatasetSpec.load(specURL)
        let tables = try RegisterTables.read(spec: spec, base: directory, threads: threads)
        let (register, validation) = Register.build(from: tables)
        guard let register else { throw BenchError("the simulated register does not validate:\n\(validation.text)") }
        return (register, spec)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The stage clock behind a lock, since progress callbacks are `@Sendable`.
final class LockedStageClock: @unchecked Sendable {
    private var clock = StageClock()
    private let lock = NSLock()

    func enter(code: String, stage: String) {
        lock.lock()
        clock.enter(code: code, stage: stage)
        lock.unlock()
    }

    func finished() -> StageClock {
        lock.lock()
        defer { lock.unlock() }
        clock.finish()
        return clock
    }
}
