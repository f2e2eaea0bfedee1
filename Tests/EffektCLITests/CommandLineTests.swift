import EffektTestSupport
import Foundation
import Testing

/// The CLI as a user meets it: help, usage errors and exit codes.
@Suite struct CommandLineTests {
    /// The commands `effekt --help` lists, one line each ("  name  summary").
    static func listedCommands() throws -> [String] {
        let help = try Effekt.run(["--help"]).stdout
        let section = help.components(separatedBy: "COMMANDS:\n").last?.components(separatedBy: "\n\n").first ?? ""
        return section.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test func topLevelHelpListsEveryCommand() throws {
        let run = try Effekt.run(["--help"])
        #expect(run.status == 0)
        let listed = try Self.listedCommands()
        for command in ["simulate", "validate", "match", "evaluate", "did", "notebook"] {
            #expect(listed.contains(command), "\(command) missing from --help")
        }
        for text in ["--quiet", "--verbose", "Exit status: 0 ok, 1 a data or model problem", "2 a usage mistake"] {
            #expect(run.stdout.contains(text), "\(text) missing from --help")
        }
        #expect(try Effekt.run(["--version"]).stdout.hasPrefix("effekt "))
    }

    /// Every command `effekt --help` lists has help with its options (the shared --quiet,
    /// --verbose and --help among them), defaults where it has any, and an example.
    @Test func everyCommandHasHelpWithOptionsAndAnExample() throws {
        let commands = try Self.listedCommands()
        #expect(commands.count >= 6)
        for command in commands {
            let run = try Effekt.run([command, "--help"])
            #expect(run.status == 0, "\(command)")
            let help = run.stdout
            #expect(help.contains("USAGE: effekt \(command)") && help.contains("OPTIONS:") && help.contains("EXAMPLE:\n  effekt \(command)"),
                    "\(command): \(help)")
            for option in ["--quiet", "--verbose", "--help"] {
                #expect(help.components(separatedBy: "\n  \(option) ").count == 2, "\(command): \(option) listed once")
            }
            if command != "notebook" { #expect(help.contains("--json"), "\(command): no --json") }
        }
        for command in ["simulate", "evaluate", "match", "did"] {
            #expect(try Effekt.run([command, "--help"]).stdout.contains("(default: "), "\(command): no defaults shown")
        }
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

    /// The difference before matching is the plain difference in means of the outcome (checked
    /// against the CSV read here), with a robust SE; in the randomised NSW sample it is the
    /// experimental benchmark of $1,794.
    @Test func matchReportsTheDifferenceBeforeMatching() throws {
        for (file, formula, benchmark) in [
            ("Datasets/lalonde.csv", "treat ~ age + educ + race + married + nodegree + re74 + re75", nil as Double?),
            ("Datasets/nsw_dw_experimental.csv", "treat ~ age + educ + black + hisp + marr + nodegree + re74 + re75", 1794.34),
        ] {
            let rows = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = rows[0].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            let (t, y) = (header.firstIndex(of: "treat")!, header.firstIndex(of: "re78")!)
            func mean(_ group: String) -> Double {
                let values = rows.dropFirst().filter { $0[t] == group }.map { Double($0[y])! }
                return values.reduce(0, +) / Double(values.count)
            }
            let run = try Effekt.run(["match", "--data", file, "--formula", formula, "--outcome", "re78", "--json"])
            #expect(run.status == 0, "\(run.stderr)")
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let unadjusted = try doc.object("unadjusted")
            let estimate = try unadjusted.double("estimate")
            #expect(abs(estimate - (mean("1") - mean("0"))) < 1e-8, "\(file): \(estimate)")
            #expect(unadjusted["n"] as? Int == rows.count - 1)
            if let benchmark { #expect(abs(estimate - benchmark) < 0.005) }
            let text = try Effekt.run(["match", "--data", file, "--formula", formula, "--outcome", "re78"]).stdout
            #expect(text.contains(String(format: "Before matching, difference in means of re78: %.2f (SE ", estimate)), "\(text)")
            #expect(text.contains("robust SE (HC1), \(rows.count - 1) rows\nAfter matching, ATT on re78: "))
        }
    }

    @Test func matchWritesItsFigures() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-figures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Effekt.run(["match", "--data", "Datasets/lalonde.csv", "--formula", "treat ~ age + educ + race + re74",
                                  "--figures", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("\nFigures: \(folder.path)/love-plot.svg, \(folder.path)/overlap.svg\n"), "\(run.stdout)")
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
