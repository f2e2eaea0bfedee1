import EffektReports
import Foundation

/// `effekt merge`: combines the folders of the shards of one batch into one folder whose
/// `results.csv` is the one a single machine would have written.
public enum BatchMerge {
    /// Checks that `shards` are every shard of one batch, each complete, then copies their model
    /// files into `out` and writes `results.csv` and a manifest listing every shard's runs.
    /// Returns the number of models.
    /// With `overwrite`, an earlier batch in `out` is replaced.
    public static func merge(_ shards: [BatchFolder], into out: BatchFolder, effektVersion: String, overwrite: Bool = false) throws -> Int {
        guard !shards.isEmpty else { throw BatchError("give the shard folders to merge") }
        let manifests = try shards.map { folder -> BatchManifest in
            guard let manifest = try folder.manifest() else { throw BatchError("\(folder.url.relativePath) has no manifest.json; is it a batch folder?") }
            return manifest
        }
        let first = manifests[0]
        for (folder, manifest) in zip(shards, manifests) where manifest.inputs != first.inputs || manifest.seed != first.seed {
            throw BatchError("\(folder.url.relativePath) is a run of another batch (spec, data or seed differ from \(shards[0].url.relativePath))")
        }
        let n = first.shard.count
        for (folder, manifest) in zip(shards, manifests) where manifest.shard.count != n {
            throw BatchError("\(folder.url.relativePath) is shard \(manifest.shard), the others are parts of \(n)")
        }
        let indices = manifests.map(\.shard.index)
        if let twice = Set(indices).first(where: { i in indices.filter { $0 == i }.count > 1 }) {
            throw BatchError("shard \(twice)/\(n) is given twice")
        }
        if let missing = (1...n).first(where: { !indices.contains($0) }) {
            throw BatchError("shard \(missing)/\(n) is missing; give all \(n) shard folders")
        }
        if shards.contains(where: { $0.url.standardizedFileURL == out.url.standardizedFileURL }) {
            throw BatchError("\(out.url.relativePath) is one of the shard folders; merge into another folder")
        }
        if overwrite { try out.clear() }
        if try out.manifest() != nil {
            throw BatchError("\(out.url.relativePath) already holds a batch; merge into a new folder, or add --overwrite")
        }
        var results: [BatchResult] = []
        for (folder, manifest) in zip(shards, manifests) {
            let stored = try folder.allResults()
            guard stored.count == manifest.modelsInShard, manifest.runs.last?.finished != nil else {
                throw BatchError("\(folder.url.relativePath) (shard \(manifest.shard)) is not finished: \(stored.count) of \(manifest.modelsInShard) models; run it again with --resume")
            }
            for result in stored {
                let name = result.id + ".json"
                try AtomicFile.write(try Data(contentsOf: folder.modelsURL.appendingPathComponent(name)), to: out.modelsURL.appendingPathComponent(name))
            }
            results += stored
        }
        results.sort { $0.index < $1.index }
        guard results.map(\.index) == Array(0..<first.modelsInGrid) else {
            throw BatchError("the shards hold \(results.count) models but the batch has \(first.modelsInGrid); were they run with the same spec?")
        }
        try out.writeResults(results)
        var manifest = first
        manifest.effektVersion = effektVersion
        manifest.shard = .whole
        manifest.modelsInShard = first.modelsInGrid
        manifest.runs = manifests.flatMap(\.runs)
        try out.write(manifest)
        return results.count
    }
}
