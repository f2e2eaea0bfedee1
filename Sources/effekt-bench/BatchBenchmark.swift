import EffektData
import EffektEvaluation
import Foundation

/// `effekt batch` on a simulated register of 100,000 persons × 60 months: 200 models
/// (8 insatser × 5 subgroup variables × 5 design variants, kronor at 12 months) with one job
/// and with two, and what sharing propensity fits and designs saves (one insats's 25 models
/// with sharing off and on). Reading the register is timed apart. Sizes:
/// `EFFEKT_BENCH_PERSONS`, `EFFEKT_BENCH_MONTHS`.
func batchBenchmark() throws -> BenchReport {
    var report = BenchReport(title: "Batch: 200 models (effekt batch)")
    let persons = environmentInt("EFFEKT_BENCH_PERSONS") ?? 100_000
    let months = environmentInt("EFFEKT_BENCH_MONTHS") ?? 60
    FileHandle.standardError.write(Data("  simulating \(persons) × \(months) …\n".utf8))
    let simulated = try SimulatedRegister(persons: persons, months: months, seed: 1)
    defer { simulated.remove() }
    let (register, _) = try simulated.load()

    let insatser = Array(register.catalogue.map(\.code).prefix(8))
    var spec = BatchSpec(data: "spec.json")
    spec.insatser = insatser
    spec.subgroups = SubgroupVariable.allCases.map { .variable($0) }
    spec.horizons = [12]
    var narrow = DesignVariant(name: "narrow"); narrow.caliper = 0.1
    var ratio = DesignVariant(name: "ratio2"); ratio.ratio = 2
    var exclusive = DesignVariant(name: "exclusive"); exclusive.excludeOtherInsatser = true
    var short = DesignVariant(name: "short-formula"); short.formula = "treat ~ age + sex + born_abroad + kr_12m + months_24m"
    spec.variants = [DesignVariant(name: "standard"), narrow, ratio, exclusive, short]
    let specURL = simulated.directory.appendingPathComponent("batch.json")
    try Data(#"{"data": "spec.json"}"#.utf8).write(to: specURL)
    let inputs = try BatchInputs(specURL: specURL, spec: spec)

    report.note(machineNote() + " \(persons) persons × \(months) months (simulated, seed 1, not timed). Grid: "
        + "\(insatser.joined(separator: ", ")) × subgroups (sex, born_abroad, hinder_group, district, age) × variants "
        + "(standard; caliper 0.1; ratio 2; other insatser excluded; a short formula) × kr × 12 months. Per insats the five "
        + "variants need 3 propensity fits and 5 designs; the 25 models of an insats share them. Each model's JSON is "
        + "written as it finishes, then results.csv and the manifest (SHA-256 of every input file), as `effekt batch` does.")

    func run(_ spec: BatchSpec, jobs: Int, share: Bool) throws -> (Double, String, Int) {
        let out = simulated.directory.appendingPathComponent("out-\(jobs)-\(share)-\(spec.insatser.count)")
        let batch = try BatchRun(spec: spec, inputs: inputs, folder: BatchFolder(out), resume: false)
        let (summary, seconds) = try timed {
            try batch.run(register: register, jobs: jobs, effektVersion: "bench", shareDesigns: share)
        }
        return (seconds, try String(contentsOf: batch.folder.resultsURL, encoding: .utf8), summary.run)
    }
    FileHandle.standardError.write(Data("  batch with 1 job …\n".utf8))
    let (one, csvOne, models) = try run(spec, jobs: 1, share: true)
    FileHandle.standardError.write(Data("  batch with 2 jobs …\n".utf8))
    let (two, csvTwo, _) = try run(spec, jobs: 2, share: true)
    report.figure("\(models) models, --jobs 1", formatSeconds(one) + String(format: " (%.2f models/s)", Double(models) / one))
    report.figure("\(models) models, --jobs 2", formatSeconds(two) + String(format: " (%.2f models/s; speed-up %.2f×)", Double(models) / two, one / two))
    report.figure("results.csv identical for --jobs 1 and 2", csvOne == csvTwo ? "yes" : "NO")

    var single = spec
    single.insatser = [insatser[0]]
    FileHandle.standardError.write(Data("  one insats without sharing …\n".utf8))
    let (unshared, csvUnshared, subset) = try run(single, jobs: 2, share: false)
    let (shared, csvShared, _) = try run(single, jobs: 2, share: true)
    report.figure("\(subset) models of \(insatser[0]), --jobs 2, nothing shared", formatSeconds(unshared))
    report.figure("\(subset) models of \(insatser[0]), --jobs 2, fits and designs shared", formatSeconds(shared)
        + String(format: " (speed-up %.1f×; same results.csv: %@)", unshared / shared, csvUnshared == csvShared ? "yes" : "NO"))
    return report
}
