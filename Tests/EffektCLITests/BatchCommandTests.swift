import EffektTestSupport
import Foundation
import Testing

/// `effekt batch` and `effekt merge` as an analyst uses them: the same results.csv, byte for
/// byte, after a kill -9 and --resume, with one or two jobs, and from merged shards.
@Suite struct BatchCommandTests {
    /// A grid of 16 models on the shipped simulated register, written into a fresh folder.
    static func makeSpec() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let data = Fixtures.datasetURL("simulated-register/spec.json").path
        try """
        {"data": "\(data)", "seed": 3,
         "grid": {"insatser": ["SJOBB", "VAGL"], "subgroups": ["all", "sex"], "horizons": [6, 12],
                  "variants": [{"name": "standard"}, {"name": "narrow", "caliper": 0.05}]}}
        """.write(to: folder.appendingPathComponent("batch.json"), atomically: true, encoding: .utf8)
        return folder
    }

    /// results.csv of one uninterrupted run with two jobs, the reference for every other run.
    static let reference: Result<String, any Error> = Result {
        let folder = try makeSpec()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try Effekt.run(["batch", "batch.json", "--out", "whole", "--jobs", "2"], in: folder)
        guard whole.status == 0, whole.stdout.contains("16 models: 16 run") else { throw FixtureError.shape("batch", whole.stderr + whole.stdout) }
        return try results(folder, "whole")
    }

    static func results(_ folder: URL, _ out: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(out).appendingPathComponent("results.csv"), encoding: .utf8)
    }

    @Test func killedAndResumedGivesTheSameResultsAsOneRun() throws {
        let folder = try Self.makeSpec()
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = try Self.reference.get()
        #expect(expected.split(separator: "\n").count == 1 + 2 * 2 * 2 * 1 + 2 * 2 * 2 * 2)

        // Start again in another folder and kill -9 it once some, not all, models are stored.
        let process = Process()
        process.executableURL = Effekt.binary
        process.arguments = ["batch", "batch.json", "--out", "killed", "--jobs", "1", "--quiet"]
        process.currentDirectoryURL = folder
        try process.run()
        let models = folder.appendingPathComponent("killed/models")
        var stored = 0
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            stored = ((try? FileManager.default.contentsOfDirectory(atPath: models.path)) ?? []).filter { $0.hasSuffix(".json") }.count
            if stored >= 3 { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the batch finished before it could be killed")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("killed/results.csv").path))

        let again = try Effekt.run(["batch", "batch.json", "--out", "killed"], in: folder)
        #expect(again.status == 1)
        #expect(again.stderr.contains("--resume"))
        let resumed = try Effekt.run(["batch", "batch.json", "--out", "killed", "--resume", "--jobs", "2"], in: folder)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("already done"))
        #expect(try Self.results(folder, "killed") == expected)
        let manifest = try String(contentsOf: folder.appendingPathComponent("killed/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"resumed\": true") && manifest.contains("\"sha256\""))
    }

    /// Shards run with one job each; merged they give the two-job run's bytes.
    @Test func shardsWithOneJobMergeToTheSameBytes() throws {
        let folder = try Self.makeSpec()
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = try Self.reference.get()
        for i in 1...3 {
            let shard = try Effekt.run(["batch", "batch.json", "--out", "s\(i)", "--shard", "\(i)/3", "--jobs", "1", "--quiet"], in: folder)
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let incomplete = try Effekt.run(["merge", "s1", "s3", "--out", "partial"], in: folder)
        #expect(incomplete.status == 1 && incomplete.stderr.contains("shard 2/3 is missing"), "\(incomplete.stderr)")
        let merged = try Effekt.run(["merge", "s1", "s2", "s3", "--out", "merged"], in: folder)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try Self.results(folder, "merged") == expected)
        let twice = try Effekt.run(["merge", "s1", "s2", "s3", "--out", "merged"], in: folder)
        #expect(twice.status == 1 && twice.stderr.contains("merged already holds a batch"), "\(twice.stderr)")
        let replaced = try Effekt.run(["merge", "s3", "s2", "s1", "--out", "merged", "--overwrite", "--json"], in: folder)
        #expect(replaced.status == 0 && replaced.stdout.contains("\"models\" : 16"), "\(replaced.stdout)")
        #expect(try Self.results(folder, "merged") == expected)
        let parts = try (1...3).map { try Self.results(folder, "s\($0)").split(separator: "\n").count - 1 }
        #expect(parts.allSatisfy { $0 > 0 } && parts.reduce(0, +) == expected.split(separator: "\n").count - 1)

        // Privacy: no person identifier in any output file.
        let persons = try String(contentsOf: Fixtures.datasetURL("simulated-register/persons.csv"), encoding: .utf8)
        let ids = Set(persons.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ";").first.map(String.init) })
        let out = folder.appendingPathComponent("merged")
        let files = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".json") || $0.hasSuffix(".csv") }
        #expect(files.count == 16 + 2)
        for file in files {
            let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            #expect(Set(text.matches(of: /\d+/).map { String($0.output) }).isDisjoint(with: ids), "\(file)")
        }
    }

    @Test func mistakesAreNamed() throws {
        let folder = try Self.makeSpec()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"data": "nowhere/spec.json"}"#.write(to: folder.appendingPathComponent("missing.json"), atomically: true, encoding: .utf8)
        let missing = try Effekt.run(["batch", "missing.json", "--out", "x"], in: folder)
        #expect(missing.status == 1 && missing.stderr.contains("missing.json: data: \"nowhere/spec.json\" does not exist"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x").path), "nothing is written before the inputs are checked")
        try #"{"data": "x", "grid": {"insatser": "SE"}}"#.write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        let bad = try Effekt.run(["batch", "bad.json", "--out", "x"], in: folder)
        #expect(bad.status == 1 && bad.stderr.contains("bad.json: grid.insatser: expected a list"), "\(bad.stderr)")
        let shard = try Effekt.run(["batch", "batch.json", "--out", "x", "--shard", "4/3"], in: folder)
        #expect(shard.status == 2 && shard.stderr.contains("--shard"))
        let both = try Effekt.run(["batch", "batch.json", "--out", "x", "--resume", "--overwrite"], in: folder)
        #expect(both.status == 2 && both.stderr.contains("--overwrite"))
        let noSpec = try Effekt.run(["batch", "--out", "x"], in: folder)
        #expect(noSpec.status == 2 && noSpec.stderr.contains("batch spec"))
    }
}
