import EffektData
import Foundation
import Synchronization

/// One invocation of a batch on a folder: checks before any work that the folder is new or holds
/// the same batch (with `resume`), runs the models not yet stored, then writes `results.csv`
/// and the manifest. Killed at any point, it can be run again with `resume` and finishes only
/// what is missing; the final `results.csv` is the same, byte for byte, as an uninterrupted run's.
public struct BatchRun: Sendable {
    public let spec: BatchSpec
    public let inputs: BatchInputs
    public let folder: BatchFolder
    public let shard: BatchShard
    public let resume: Bool
    let previous: BatchManifest?

    public struct Summary: Sendable, Equatable {
        public var modelsInShard: Int
        /// Found finished in the folder (resumed).
        public var alreadyDone: Int
        public var run: Int
        public var failed: Int
        public var tooFewParticipants: Int
        /// Every result of the shard, in grid order (as in results.csv).
        public var results: [BatchResult]
    }

    /// `overwrite`: start afresh in a folder that holds an earlier batch (its files are removed).
    public init(spec: BatchSpec, inputs: BatchInputs, folder: BatchFolder, shard: BatchShard = .whole, resume: Bool,
                overwrite: Bool = false) throws {
        if overwrite && !resume { try folder.clear() }
        let previous = try folder.manifest()
        if let previous {
            guard resume else {
                throw BatchError("\(folder.url.relativePath) already holds a batch run (manifest.json); add --resume to finish it, --overwrite to start afresh, or choose another --out")
            }
            if previous.inputs.spec != inputs.spec {
                throw BatchError("\(folder.url.relativePath) holds a run of another batch spec (\(previous.inputs.spec.path), hash differs); choose another --out")
            }
            if previous.inputs.data != inputs.data {
                let changed = inputs.data.first { !previous.inputs.data.contains($0) }?.path ?? "the list of data files"
                throw BatchError("the data changed since this batch started (\(changed)); results from different data cannot be mixed — choose another --out")
            }
            if previous.shard != shard {
                throw BatchError("\(folder.url.relativePath) holds shard \(previous.shard); run it with --shard \(previous.shard) or choose another --out")
            }
        } else if !((try? FileManager.default.contentsOfDirectory(atPath: folder.modelsURL.path)) ?? []).isEmpty {
            throw BatchError("\(folder.modelsURL.relativePath) holds files but the folder has no manifest.json; choose an empty --out")
        }
        self.spec = spec
        self.inputs = inputs
        self.folder = folder
        self.shard = shard
        self.resume = resume
        self.previous = previous
    }

    /// Runs the missing models of this shard; `progress(done, total)` after each model.
    public func run(register: Register, jobs: Int, effektVersion: String, shareDesigns: Bool = true,
                    progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws -> Summary {
        var runner = try BatchRunner(spec: spec, register: register, jobs: jobs)
        runner.shareDesigns = shareDesigns
        let grid = runner.models
        let models = shard.select(grid)
        if let previous, previous.modelsInGrid != grid.count {
            throw BatchError("\(folder.manifestURL.relativePath) lists \(previous.modelsInGrid) models but the grid now has \(grid.count); choose another --out")
        }
        let stored = previous == nil ? [] : try folder.finishedModels()
        let todo = models.filter { !stored.contains($0.id) }
        var manifest = previous ?? BatchManifest(effektVersion: effektVersion, inputs: inputs, seed: spec.seed, modelsInGrid: grid.count,
                                                 shard: shard, modelsInShard: models.count, runs: [])
        manifest.effektVersion = effektVersion
        manifest.runs.append(.init(started: BatchManifest.timestamp(), finished: nil, jobs: jobs, modelsRun: todo.count, resumed: previous != nil))
        try folder.write(manifest)

        let done = Atomic<Int>(models.count - todo.count)
        let formula = runner.defaultFormula
        progress(models.count - todo.count, models.count)
        try runner.run(todo) { model, result in
            try folder.store(result, json: result.json(variant: model.variant, formula: model.variant.formula ?? formula, seed: spec.seed))
            progress(done.add(1, ordering: .relaxed).newValue, models.count)
        }
        let results = try folder.results(of: models)
        try folder.writeResults(results)
        manifest.runs[manifest.runs.count - 1].finished = BatchManifest.timestamp()
        try folder.write(manifest)
        let ran = Set(todo.map(\.id))
        let fresh = results.filter { ran.contains($0.id) }
        return Summary(modelsInShard: models.count, alreadyDone: models.count - todo.count, run: todo.count,
                       failed: fresh.filter { $0.status == .failed }.count,
                       tooFewParticipants: fresh.filter { $0.status == .tooFewParticipants }.count, results: results)
    }
}
