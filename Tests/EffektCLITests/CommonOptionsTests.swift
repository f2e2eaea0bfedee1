import EffektTestSupport
import Foundation
import Testing

/// What every command shares: --quiet and --verbose, --json where results are printed, and
/// outputs without timings or absolute paths (so notebooks and logs are the same everywhere).
@Suite struct CommonOptionsTests {
    static let lalonde = ["match", "--data", "Datasets/lalonde.csv", "--formula", "treat ~ age + educ + re74", "--outcome", "re78"]

    /// A fresh temporary folder.
    static func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-options-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func verboseAddsStagesOnStderrAndQuietSilencesThem() throws {
        let plain = try Effekt.run(Self.lalonde)
        let verbose = try Effekt.run(Self.lalonde + ["--verbose"])
        #expect(plain.status == 0 && verbose.status == 0)
        #expect(verbose.stdout == plain.stdout, "--verbose changes only stderr")
        #expect(plain.stderr.isEmpty)
        #expect(verbose.stderr.contains("] read 614 rows of lalonde.csv") && verbose.stderr.contains("] effekt match: done, exit status 0"),
                "\(verbose.stderr)")
        let both = try Effekt.run(Self.lalonde + ["--quiet", "--verbose"])
        #expect(both.status == 2 && both.stderr.contains("--quiet' and --verbose cannot be combined"), "\(both.stderr)")
        // Errors still show with --quiet.
        let error = try Effekt.run(["match", "--data", "nowhere.csv", "--formula", "treat ~ age", "--quiet"])
        #expect(error.status == 1 && error.stderr == "effekt match: nowhere.csv: no such file (check the path given to --data)\n", "\(error.stderr)")
    }

    @Test func simulateAndEvaluatePrintPathsAsGivenAndNoTimings() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let simulate = try Effekt.run(["simulate", "--persons", "2000", "--months", "50", "--seed", "3", "--out", "reg"], in: folder)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        #expect(simulate.stdout.hasPrefix("Wrote reg/: persons.csv, payments.csv, episodes.csv, insatser.csv, spec.json, truth.json\n  2000 persons, 50 months, "),
                "\(simulate.stdout)")
        #expect(!simulate.stdout.contains(folder.path) && !simulate.stdout.contains(" s\n"), "\(simulate.stdout)")
        // The same seed gives the same summary.
        let again = try Effekt.run(["simulate", "--persons", "2000", "--months", "50", "--seed", "3", "--out", "reg2/"], in: folder)
        #expect(again.stdout.replacingOccurrences(of: "reg2/", with: "reg/") == simulate.stdout)
        #expect(try Effekt.run(["simulate", "--persons", "200", "--months", "12", "--out", "q", "--quiet"], in: folder).stdout.isEmpty)

        let evaluate = ["evaluate", "--spec", "reg/spec.json", "--out", "rep", "--insats", "SE,SJOBB", "--no-subgroups", "--no-placebo"]
        let lines = try Effekt.run(evaluate, in: folder)
        #expect(lines.status == 0, "\(lines.stderr)")
        #expect(lines.stdout.hasSuffix("Resultat: rep/effects.json, rep/effects.csv\nRapport: rep/rapport.html\n"), "\(lines.stdout)")
        #expect(lines.stdout.hasPrefix("SE      ") && lines.stdout.contains("\nSJOBB   "), "\(lines.stdout)")
        #expect(!lines.stdout.contains(folder.path))
        #expect(try Effekt.run(evaluate + ["--quiet"], in: folder).stdout.isEmpty)

        let summary = try Effekt.run(evaluate + ["--summary"], in: folder)
        #expect(summary.status == 0 && summary.stdout.hasPrefix("## Sammanfattning\n\nData: Simulerat register"), "\(summary.stdout)")
        #expect(!summary.stdout.contains("\n## "), "only the summary section")
        #expect(summary.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("|") || $0.count <= 100 }, "paragraphs are wrapped")
        #expect(try Effekt.run(evaluate + ["--summary", "--json"], in: folder).status == 2)
    }

    @Test func jsonWhereResultsArePrinted() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let simulate = try Effekt.run(["simulate", "--persons", "2000", "--months", "50", "--seed", "3", "--out", "reg", "--json"], in: folder)
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let sim = try #require(try JSONSerialization.jsonObject(with: Data(simulate.stdout.utf8)) as? [String: Any])
        #expect(sim["out"] as? String == "reg" && sim["persons"] as? Int == 2000 && sim["months"] as? Int == 50)
        #expect((try sim.objects("insatser")).map { $0["code"] as? String }.first == "SE")
        #expect(try sim.object("statistics")["payment_rows"] as? Int ?? 0 > 0)

        let evaluate = try Effekt.run(["evaluate", "--spec", "reg/spec.json", "--out", "rep", "--insats", "SE,SJOBB",
                                       "--no-subgroups", "--no-placebo", "--json"], in: folder)
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let written = try String(contentsOf: folder.appendingPathComponent("rep/effects.json"), encoding: .utf8)
        #expect(evaluate.stdout == written, "--json prints effects.json")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Any])
        #expect(try doc.objects("insatser").map { $0["code"] as? String } == ["SE", "SJOBB"])

        let validate = try Effekt.run(["validate", "--spec", "reg/spec.json", "--json"], in: folder)
        #expect(validate.status == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(validate.stdout.utf8)) is [String: Any])
    }

    @Test func didDrawsTheEventStudy() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mpdta = ["--data", "Datasets/mpdta.csv", "--unit", "countyreal", "--time", "year", "--outcome", "lemp", "--group", "first.treat"]
        let attgt = try Effekt.run(["did", "attgt"] + mpdta + ["--figures", folder.path])
        #expect(attgt.status == 0, "\(attgt.stderr)")
        #expect(attgt.stdout.hasSuffix("\nFigure: \(folder.path)/event-study.svg\n"))
        let svg = try String(contentsOf: folder.appendingPathComponent("event-study.svg"), encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("ATT by event time") && !svg.contains("NaN"))
        let json = try Effekt.run(["did", "twfe"] + mpdta + ["--event-time", "--figures", folder.appendingPathComponent("twfe").path, "--json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(doc["figures"] as? [String] == [folder.appendingPathComponent("twfe/event-study.svg").path])
        let single = try Effekt.run(["did", "twfe"] + mpdta + ["--figures", folder.path])
        #expect(single.status == 2 && single.stderr.contains("'--figures' needs --event-time"), "\(single.stderr)")
    }
}
