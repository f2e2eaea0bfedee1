import EffektReports
import Foundation

/// The output folder of a batch:
///
///     DIR/manifest.json      inputs by hash, version, seed, shard, runs
///     DIR/models/ID.json     one file per finished model, written whole (temp file + rename)
///     DIR/results.csv        one row per model × estimate, in grid order
///
/// A model counts as done exactly when its file exists, so a run killed at any moment loses at
/// most the models it was computing, and `results.csv` is always rebuilt from the model files:
/// the same files give the same bytes however many runs, jobs or machines produced them.
public struct BatchFolder: Sendable {
    public let url: URL

    public init(_ url: URL) { self.url = url }

    public var manifestURL: URL { url.appendingPathComponent("manifest.json") }
    public var modelsURL: URL { url.appendingPathComponent("models") }
    public var resultsURL: URL { url.appendingPathComponent("results.csv") }

    public func manifest() throws -> BatchManifest? {
        guard FileManager.default.fileExists(atPath: manifestURL.path) else { return nil }
        return try BatchManifest(json: try Data(contentsOf: manifestURL), file: manifestURL.relativePath)
    }

    public func write(_ manifest: BatchManifest) throws {
        try JSONWriter().write(manifest.json, to: manifestURL)
    }

    /// Removes what a batch wrote here (models, results.csv, manifest.json), nothing else.
    public func clear() throws {
        for url in [modelsURL, resultsURL, manifestURL] where FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.removeItem(at: url)
        }
    }

    /// Stores one finished model.
    public func store(_ result: BatchResult, json: JSONValue) throws {
        try JSONWriter().write(json, to: modelsURL.appendingPathComponent(result.id + ".json"))
    }

    /// Ids of the models stored so far. Leftovers of an interrupted write (hidden temporary
    /// files) are removed; a model file that cannot be read is removed too, so it is run again.
    public func finishedModels() throws -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: modelsURL.path)) ?? []
        var ids = Set<String>()
        for name in names {
            let file = modelsURL.appendingPathComponent(name)
            if name.hasPrefix(".") && name.hasSuffix(".tmp") { try FileManager.default.removeItem(at: file); continue }
            guard name.hasSuffix(".json") else { continue }
            if (try? BatchResult(json: Data(contentsOf: file), file: name)) != nil {
                ids.insert(String(name.dropLast(5)))
            } else {
                try FileManager.default.removeItem(at: file)
            }
        }
        return ids
    }

    /// The stored results of `models`, in grid order; an error names the first model not stored.
    public func results(of models: [BatchModel]) throws -> [BatchResult] {
        try models.map { model in
            let file = modelsURL.appendingPathComponent(model.id + ".json")
            guard let data = try? Data(contentsOf: file) else {
                throw BatchError("\(url.relativePath): model \(model.id) has no result; run the batch again with --resume")
            }
            return try BatchResult(json: data, file: file.relativePath)
        }
    }

    /// Every stored result, in grid order (what `effekt merge` combines).
    public func allResults() throws -> [BatchResult] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: modelsURL.path)) ?? []).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        return try names.map { name in
            let file = modelsURL.appendingPathComponent(name)
            return try BatchResult(json: try Data(contentsOf: file), file: file.relativePath)
        }.sorted { $0.index < $1.index }
    }

    /// `results.csv` from `results` (already in grid order).
    public func writeResults(_ results: [BatchResult]) throws {
        try CSVWriter.international.write(header: BatchResult.csvHeader, rows: results.flatMap(\.csvRows), to: resultsURL)
    }
}
