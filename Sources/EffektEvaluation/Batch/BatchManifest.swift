import EffektData
import EffektReports
import Foundation

/// The inputs of a batch, identified by content: the batch spec and every data file it reads
/// (the dataset spec and the four register files), each with its SHA-256.
public struct BatchInputs: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        /// The path as the specs give it (never made absolute, so manifests carry no machine paths).
        public let path: String
        public let sha256: String
    }

    public let spec: File
    public let data: [File]

    /// Hashes the batch spec at `specURL` and the files its dataset spec names.
    public init(specURL: URL, spec: BatchSpec) throws {
        let datasetURL = spec.datasetURL(specURL: specURL)
        guard FileManager.default.fileExists(atPath: datasetURL.path) else {
            throw DataError(file: specURL.lastPathComponent, message: "data: \"\(spec.data)\" does not exist",
                            hint: "the path is relative to the batch spec's folder")
        }
        let dataset = try DatasetSpec.load(datasetURL)
        func hash(_ url: URL, _ path: String) throws -> File {
            do { return File(path: path, sha256: try SHA256.hex(file: url)) } catch {
                throw DataError(file: url.path, message: "cannot read this file", hint: "check the paths in the batch spec and the dataset spec")
            }
        }
        self.spec = try hash(specURL, specURL.lastPathComponent)
        let folder = datasetURL.deletingLastPathComponent()
        var data = [try hash(datasetURL, spec.data)]
        for file in [dataset.files.persons, dataset.files.payments, dataset.files.episodes, dataset.files.catalogue] {
            data.append(try hash(file.url(relativeTo: folder), file.path))
        }
        self.data = data
    }

    init(spec: File, data: [File]) {
        self.spec = spec
        self.data = data
    }
}

/// `manifest.json` of a batch folder: what produced the results (effekt version, inputs by hash,
/// seed, shard) and when (one entry per run, so a resumed batch shows each part).
public struct BatchManifest: Sendable, Equatable {
    public struct Run: Sendable, Equatable {
        public var started: String
        public var finished: String?
        public var jobs: Int
        public var modelsRun: Int
        public var resumed: Bool
    }

    public var effektVersion: String
    public var inputs: BatchInputs
    public var seed: UInt64
    public var modelsInGrid: Int
    public var shard: BatchShard
    public var modelsInShard: Int
    public var runs: [Run]

    /// UTC, to the second.
    public static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Whether `other` describes a run of the same batch: same inputs, seed and shard.
    public func isSameBatch(as other: BatchManifest) -> Bool {
        inputs == other.inputs && seed == other.seed && shard == other.shard && modelsInGrid == other.modelsInGrid
    }

    var json: JSONValue {
        func file(_ f: BatchInputs.File) -> JSONValue { ["path": .string(f.path), "sha256": .string(f.sha256)] }
        return [
            "effekt_version": .string(effektVersion),
            "spec": file(inputs.spec),
            "data": .array(inputs.data.map(file)),
            "seed": .integer(Int(truncatingIfNeeded: seed)),
            "models_in_grid": .integer(modelsInGrid),
            "shard": .string(shard.description),
            "models_in_shard": .integer(modelsInShard),
            "runs": .array(runs.map { run in
                ["started": .string(run.started), "finished": run.finished.map { .string($0) } ?? .null,
                 "jobs": .integer(run.jobs), "models_run": .integer(run.modelsRun), "resumed": .bool(run.resumed)]
            }),
        ]
    }

    init(effektVersion: String, inputs: BatchInputs, seed: UInt64, modelsInGrid: Int, shard: BatchShard, modelsInShard: Int, runs: [Run]) {
        self.effektVersion = effektVersion
        self.inputs = inputs
        self.seed = seed
        self.modelsInGrid = modelsInGrid
        self.shard = shard
        self.modelsInShard = modelsInShard
        self.runs = runs
    }

    init(json data: Data, file: String) throws {
        func bad(_ what: String) -> BatchError { BatchError("\(file): \(what) (is this a batch folder written by effekt batch?)") }
        guard let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw bad("not a manifest") }
        func file(_ value: Any?) throws -> BatchInputs.File {
            guard let f = value as? [String: Any], let path = f["path"] as? String, let hash = f["sha256"] as? String else { throw bad("a file entry is broken") }
            return BatchInputs.File(path: path, sha256: hash)
        }
        guard let version = o["effekt_version"] as? String, let seed = (o["seed"] as? NSNumber)?.int64Value,
              let grid = (o["models_in_grid"] as? NSNumber)?.intValue, let shardText = o["shard"] as? String,
              let inShard = (o["models_in_shard"] as? NSNumber)?.intValue, let dataFiles = o["data"] as? [Any],
              let runs = o["runs"] as? [[String: Any]] else { throw bad("a key is missing") }
        let parts = shardText.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, let shard = try? BatchShard(index: parts[0], count: parts[1]) else { throw bad("the shard is not i/n") }
        self.init(effektVersion: version, inputs: BatchInputs(spec: try file(o["spec"]), data: try dataFiles.map(file)),
                  seed: UInt64(bitPattern: seed), modelsInGrid: grid, shard: shard, modelsInShard: inShard,
                  runs: runs.map { r in
                      Run(started: r["started"] as? String ?? "", finished: r["finished"] as? String,
                          jobs: (r["jobs"] as? NSNumber)?.intValue ?? 0, modelsRun: (r["models_run"] as? NSNumber)?.intValue ?? 0,
                          resumed: (r["resumed"] as? NSNumber)?.boolValue ?? false)
                  })
    }
}
