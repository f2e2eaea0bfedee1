import EffektData
import EffektEvaluation
import Foundation

/// `effekt batch`: many models from one spec file, in parallel, resumable and shardable.
struct BatchCommand: Command {
    static let name = "batch"
    static let summary = "run a grid of models (insatser × variants × subgroups × outcomes × horizons) from one spec"
    static let arguments = "SPEC.json"
    static let discussion = """
    SPEC.json names the dataset spec ("data") and the grid; every grid key is optional:
      {"data": "register/spec.json", "seed": 1, "min_cell": 5,
       "grid": {"insatser": ["SE", "CV"], "outcomes": ["kr", "receipt", "self_sufficient"],
                "subgroups": ["all", "sex", "age", "born_abroad", "hinder_group", "district"],
                "horizons": [6, 12, 24],
                "variants": [{"name": "standard"}, {"name": "snav", "caliper": 0.1, "ratio": 2},
                             {"name": "utan-andra", "exclude_other_insatser": true}]}}
    Variant keys: caliper (SD of the linear predictor, null = none; default 0.2), ratio (1),
    formula (the dataset spec's or the default), exclude_other_insatser (false),
    eligibility_months (1), exact_district (false).

    Writes DIR/models/MODEL.json as each model finishes, then DIR/results.csv (one row per
    model × estimate, in grid order) and DIR/manifest.json (effekt version, SHA-256 of the
    spec and every data file, seed, shard, runs). The register is read once; each propensity
    fit and each matched design is computed once for all models that use it. Same spec and data → the same results.csv,
    byte for byte, whatever --jobs is.

    Killed (even with kill -9)? Run the same command with --resume: only missing models run.
    --shard i/n runs a fixed part of the grid (whole propensity-fit groups), for a Slurm job
    array or GNU parallel; combine the parts with `effekt merge`.
    """
    static let options: [OptionSpec] = [
        .value("--out", "DIR", "output folder (created if missing)"),
        .value("--jobs", "N", "models run at the same time", default: "all cores"),
        .value("--shard", "i/n", "run only part i of n of the grid", default: "1/1"),
        .flag("--resume", "finish a batch started earlier in DIR (only missing models run)"),
        .flag("--overwrite", "start afresh in a DIR that holds an earlier batch (its models, results.csv and manifest are replaced)"),
        .flag("--table", "also print the results as a table"),
        .flag("--no-shared-designs", "compute every model's design on its own (only to measure what sharing saves)"),
        .flag("--json", "print the summary as JSON"),
    ]
    static let example = "effekt batch Notebooks-md/05-batch.json --out batch-out --jobs 2"

    let spec: URL
    let out: URL
    /// As given, for messages (no absolute paths in output).
    let outText: String
    let jobs: Int
    let shard: BatchShard
    let resume: Bool
    let overwrite: Bool
    let table: Bool
    let shareDesigns: Bool
    let json: Bool
    let diagnostics: Diagnostics

    init(_ o: ParsedOptions) throws {
        guard o.positional.count == 1 else {
            throw UsageError.invalidValue("SPEC.json", command: Self.name,
                                          reason: o.positional.isEmpty ? "give the batch spec file, e.g. effekt batch batch.json --out DIR" : "give one spec file, got \(o.positional.count)")
        }
        spec = try InputFile.url(o.positional[0], option: "SPEC.json")
        outText = try o.required("--out")
        out = URL(fileURLWithPath: outText)
        jobs = try o.int("--jobs") ?? ProcessInfo.processInfo.activeProcessorCount
        guard jobs >= 1 else { throw UsageError.invalidValue("--jobs", command: Self.name, reason: "must be at least 1") }
        if let text = o.string("--shard") {
            let parts = text.split(separator: "/").map { Int($0) }
            guard parts.count == 2, let i = parts[0], let n = parts[1], let shard = try? BatchShard(index: i, count: n) else {
                throw UsageError.invalidValue("--shard", command: Self.name, reason: "expects i/n with 1 ≤ i ≤ n, e.g. 3/10, got \"\(text)\"")
            }
            self.shard = shard
        } else {
            shard = .whole
        }
        resume = o.flag("--resume")
        overwrite = o.flag("--overwrite")
        guard !(resume && overwrite) else {
            throw UsageError.invalidValue("--overwrite", command: Self.name, reason: "cannot go with --resume: either finish the earlier batch or replace it")
        }
        table = o.flag("--table")
        shareDesigns = !o.flag("--no-shared-designs")
        json = o.flag("--json")
        diagnostics = o.diagnostics
    }

    func run() throws -> Int32 {
        // Everything is checked before any work: the spec, every data file, the folder.
        let batchSpec = try BatchSpec.load(spec)
        let inputs = try BatchInputs(specURL: spec, spec: batchSpec)
        let batch = try BatchRun(spec: batchSpec, inputs: inputs, folder: BatchFolder(out), shard: shard, resume: resume, overwrite: overwrite)
        let datasetURL = batchSpec.datasetURL(specURL: spec)
        let dataset = try DatasetSpec.load(datasetURL)
        diagnostics.progress("reading the register")
        guard let register = try RegisterLoading.load(dataset, specURL: datasetURL, threads: jobs, command: Self.name) else { return 1 }
        diagnostics.detail("register: \(register.panel.persons) persons × \(register.panel.months) months")
        let meter = diagnostics.quiet ? nil : ProgressMeter(unit: "models")
        let summary = try batch.run(register: register, jobs: jobs, effektVersion: version, shareDesigns: shareDesigns) { done, total in
            meter?.update(done: done, total: total)
        }
        diagnostics.detail("done")
        let results = (outText as NSString).appendingPathComponent("results.csv")
        if table {
            print(BatchOutput.table(summary.results), terminator: "")
        }
        if json {
            print(try JSONText.render([
                "models": summary.modelsInShard, "already_done": summary.alreadyDone, "run": summary.run,
                "failed": summary.failed, "too_few_participants": summary.tooFewParticipants,
                "shard": shard.description, "results": results,
            ] as [String: Any]))
        } else if !diagnostics.quiet {
            var line = "\(summary.modelsInShard) models" + (shard.count > 1 ? " (shard \(shard))" : "") + ": \(summary.run) run"
            if summary.alreadyDone > 0 { line += ", \(summary.alreadyDone) already done" }
            if summary.failed > 0 { line += ", \(summary.failed) failed (see status and note in results.csv)" }
            if summary.tooFewParticipants > 0 { line += ", \(summary.tooFewParticipants) with too few participants" }
            print(line)
            print("Results: \(results)")
        }
        return 0
    }
}
