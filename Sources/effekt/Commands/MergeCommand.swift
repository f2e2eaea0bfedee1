import EffektEvaluation
import Foundation

/// `effekt merge`: one results folder from the shard folders of a batch.
struct MergeCommand: Command {
    static let name = "merge"
    static let summary = "combine the shard folders of a batch (effekt batch --shard i/n) into one"
    static let arguments = "DIR…"
    static let discussion = """
    Checks that the folders are all n shards of one batch (same spec, data and seed, each
    finished), copies their model files into DIR and writes DIR/results.csv — the same file,
    byte for byte, as a run of the whole batch on one machine — and DIR/manifest.json with
    every shard's runs.
    """
    static let options: [OptionSpec] = [
        .value("--out", "DIR", "the merged folder (must not hold a batch)"),
        .flag("--overwrite", "replace an earlier batch in DIR"),
        .flag("--json", "print the summary as JSON"),
    ]
    static let example = "effekt merge out/shard-1 out/shard-2 out/shard-3 --out out/all"

    let shards: [URL]
    let out: URL
    /// As given, for messages (no absolute paths in output).
    let outText: String
    let overwrite: Bool
    let json: Bool
    let diagnostics: Diagnostics

    init(_ o: ParsedOptions) throws {
        guard !o.positional.isEmpty else {
            throw UsageError.invalidValue("DIR", command: Self.name, reason: "give the shard folders, e.g. effekt merge out/1 out/2 --out out/all")
        }
        shards = o.positional.map { URL(fileURLWithPath: $0) }
        outText = try o.required("--out")
        out = URL(fileURLWithPath: outText)
        overwrite = o.flag("--overwrite")
        json = o.flag("--json")
        diagnostics = o.diagnostics
    }

    func run() throws -> Int32 {
        let count = try BatchMerge.merge(shards.map(BatchFolder.init), into: BatchFolder(out), effektVersion: version, overwrite: overwrite)
        let results = (outText as NSString).appendingPathComponent("results.csv")
        if json {
            print(try JSONText.render(["models": count, "shards": shards.count, "results": results] as [String: Any]))
        } else if !diagnostics.quiet {
            print("\(count) models from \(shards.count) shard folder(s)")
            print("Results: \(results)")
        }
        return 0
    }
}
