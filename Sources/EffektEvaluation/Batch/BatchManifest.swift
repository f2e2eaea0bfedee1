import EffektData
import EffektReports
import Foundation

/// The inputs of a batch, identified by content: the batch spec and every data file it reads
/// (the dataset spec and the four register files), each with its SHA-256.
public struct BatchInputs: Sendable, Equatable {
    public struct File: Sendable, Equatable, Decodable {
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

    /// Reads `manifest.json` back (JSONDecoder, like the model files).
    init(json data: Data, file: String) throws {
        let f: ManifestFile
        do { f = try JSONDecoder().decode(ManifestFile.self, from: data) } catch {
            throw BatchError("\(file): not a batch manifest (\(error)); is this a batch folder written by effekt batch?")
        }
        let parts = f.shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, let shard = try? BatchShard(index: parts[0], count: parts[1]) else {
            throw BatchError("\(file): the shard \"\(f.shard)\" is not i/n")
        }
        self.init(effektVersion: f.effekt_version, inputs: BatchInputs(spec: f.spec, data: f.data), seed: f.seed,
                  modelsInGrid: f.models_in_grid, shard: shard, modelsInShard: f.models_in_shard,
                  runs: f.runs.map { Run(started: $0.started, finished: $0.finished, jobs: $0.jobs, modelsRun: $0.models_run, resumed: $0.resumed) })
    }
}

/// `manifest.json` as written by `BatchManifest.json`; keys as in the file.
private struct ManifestFile: Decodable {
    struct RunEntry: Decodable {
        let started: String, finished: String?
        let jobs: Int, models_run: Int
        let resumed: Bool
    }

    let effekt_version: String
    let spec: BatchInputs.File
    let data: [BatchInputs.File]
    let seed: UInt64
    let models_in_grid: Int
    let shard: String
    let models_in_shard: Int
    let runs: [RunEntry]
}
