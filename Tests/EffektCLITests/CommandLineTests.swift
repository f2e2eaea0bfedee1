import EffektTestSupport
import Foundation
import Testing

/// The CLI as a user meets it: help, usage errors and exit codes.
@Suite struct CommandLineTests {
    @Test func topLevelHelpListsEveryCommand() throws {
        let run = try Effekt.run(["--help"])
        #expect(run.status == 0)
        for command in ["validate", "match"] { #expect(run.stdout.contains("  \(command) "), "\(command) missing from --help") }
        #expect(try Effekt.run(["--version"]).stdout.hasPrefix("effekt "))
    }

    @Test(arguments: ["validate", "match"])
    func everyCommandHasHelpWithAnExample(command: String) throws {
        let run = try Effekt.run([command, "--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE: effekt \(command)") && run.stdout.contains("EXAMPLE:"))
    }

    @Test func usageMistakesExitWithTwoAndAHint() throws {
        let unknown = try Effekt.run(["match", "--dta", "x.csv"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean '--data'?"))
        let command = try Effekt.run(["mach"])
        #expect(command.status == 2 && command.stderr.contains("did you mean 'match'?"))
        let missing = try Effekt.run(["validate"])
        #expect(missing.status == 2 && missing.stderr.contains("missing required option '--spec'"))
    }

    @Test func matchReproducesMatchItsCaliperMatchingOnLaLonde() throws {
        let run = try Effekt.run(["match", "--data", "Datasets/lalonde.csv", "--formula",
                                  "treat ~ age + educ + race + married + nodegree + re74 + re75",
                                  "--caliper", "0.1", "--outcome", "re78", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let pairs = try #require(doc["matches"] as? [[Int]])
        let reference = try Fixtures.object("matching/lalonde_matchit.json").object("cases").object("caliper").objects("pairs")
        let expected = Set(reference.flatMap { set in (set["controls"] as! [Int]).map { [set["treated"] as! Int, $0] } })
        #expect(Set(pairs) == expected)
        let att = try #require(doc["att"] as? [String: Any])
        let referenceATT = try Fixtures.object("matching/lalonde_matchit.json").object("cases").object("caliper").object("att")
        #expect(relativeError(exactDouble(att["estimate"])!, try referenceATT.double("coef")) < 1e-9)
        #expect(relativeError(exactDouble(att["se"])!, try referenceATT.double("se")) < 1e-9)
    }

    @Test func matchWritesItsFigures() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-figures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Effekt.run(["match", "--data", "Datasets/lalonde.csv", "--formula", "treat ~ age + educ + race + re74",
                                  "--figures", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        for name in ["love-plot.svg", "overlap.svg"] {
            let svg = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(svg.hasPrefix("<svg") || svg.contains("<svg "), "\(name)")
            #expect(!svg.contains("NaN"))
        }
    }

    @Test func modelProblemsExitWithOne() throws {
        let run = try Effekt.run(["match", "--data", "Datasets/lalonde.csv", "--formula", "treat ~ age + edu"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("unknown variable 'edu'"))
    }
}
