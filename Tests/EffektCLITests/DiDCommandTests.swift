import EffektTestSupport
import Foundation
import Testing

/// `effekt did twfe|attgt` run as a user would, against the csdid and pyfixest fixtures
/// (`Tests/Fixtures/did/`, see its README).
@Suite struct DiDCommandTests {
    static let mpdta = ["--data", "Datasets/mpdta.csv", "--unit", "countyreal", "--time", "year", "--outcome", "lemp"]
    static let unbalanced = ["--data", "Tests/Fixtures/did/unbalanced_panel.csv", "--unit", "unit", "--time", "period", "--outcome", "y"]

    /// Runs `effekt arguments…`, expects exit status 0 and returns the parsed JSON document.
    static func document(_ arguments: [String]) throws -> [String: Any] {
        let run = try Effekt.run(arguments)
        #expect(run.status == 0, "effekt \(arguments.joined(separator: " ")): \(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
                            "not one JSON object: \(run.stdout.prefix(200))")
    }

    /// 1e-8 relative, or 1e-10 absolute for estimates near zero.
    static func close(_ a: Double?, _ b: Double, relative: Double = 1e-8) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= max(relative * abs(b), 1e-10)
    }

    // MARK: - Help and usage

    @Test func helpShowsBothSubcommandsWithAnExample() throws {
        for arguments in [["did", "--help"], ["did", "twfe", "--help"], ["did", "attgt", "-h"]] {
            let run = try Effekt.run(arguments)
            #expect(run.status == 0)
            #expect(run.stdout.contains("USAGE: effekt did") && run.stdout.contains("EXAMPLE:"))
            #expect(run.stdout.contains("effekt did twfe") && run.stdout.contains("effekt did attgt"))
            #expect(run.stdout.contains("--method M") && run.stdout.contains("--event-time"))
        }
        #expect(try Effekt.run(["--help"]).stdout.contains("  did "))
    }

    @Test func usageMistakesExitWithTwo() throws {
        let method = try Effekt.run(["did", "attgt"] + Self.mpdta + ["--group", "first.treat", "--method", "foo"])
        #expect(method.status == 2 && method.stderr.contains("'--method' must be dr, ipw, reg, none or drimp, got \"foo\""), "\(method.stderr)")
        let noData = try Effekt.run(["did", "attgt", "--unit", "countyreal", "--time", "year", "--outcome", "lemp", "--group", "first.treat"])
        #expect(noData.status == 2 && noData.stderr.contains("missing required option '--data'"), "\(noData.stderr)")
        let noSubcommand = try Effekt.run(["did"] + Self.mpdta)
        #expect(noSubcommand.status == 2 && noSubcommand.stderr.contains("twfe or attgt"))
        let typo = try Effekt.run(["did", "atgt"] + Self.mpdta)
        #expect(typo.status == 2 && typo.stderr.contains("did you mean 'did attgt'?"))
        let foreign = try Effekt.run(["did", "twfe"] + Self.mpdta + ["--group", "first.treat", "--control", "notyet"])
        #expect(foreign.status == 2 && foreign.stderr.contains("'--control' belongs to 'effekt did attgt'"))
        let window = try Effekt.run(["did", "twfe"] + Self.mpdta + ["--event-time", "--group", "first.treat", "--window", "5,-5"])
        #expect(window.status == 2 && window.stderr.contains("--window"))
        let noGroup = try Effekt.run(["did", "twfe"] + Self.mpdta + ["--event-time"])
        #expect(noGroup.status == 2 && noGroup.stderr.contains("needs --group"))
        let seed = try Effekt.run(["did", "attgt"] + Self.mpdta + ["--group", "first.treat", "--seed", "3"])
        #expect(seed.status == 2 && seed.stderr.contains("--bootstrap"))
    }

    @Test func dataProblemsExitWithOneNamingTheColumn() throws {
        let covariate = try Effekt.run(["did", "attgt"] + Self.mpdta + ["--group", "first.treat", "--covariates", "lpops"])
        #expect(covariate.status == 1 && covariate.stderr.contains("no column named \"lpops\""), "\(covariate.stderr)")
        #expect(covariate.stderr.contains("did you mean \"lpop\"?"))
        let outcome = try Effekt.run(["did", "twfe", "--data", "Datasets/mpdta.csv", "--unit", "countyreal", "--time", "year",
                                      "--outcome", "employment", "--group", "first.treat"])
        #expect(outcome.status == 1 && outcome.stderr.contains("\"employment\"") && outcome.stderr.contains("--outcome"), "\(outcome.stderr)")
        // A covariate that varies within units is refused by ATT(g,t), naming it.
        let varying = try Effekt.run(["did", "attgt"] + Self.unbalanced + ["--group", "cohort", "--covariates", "x"])
        #expect(varying.status == 1 && varying.stderr.contains("covariate 'x' varies over time"), "\(varying.stderr)")
    }

    @Test func nonNumericAndMissingValuesAreNamedWithTheirLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-did-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("text.csv")
        try "id,t,y,g\n1,1,a,0\n1,2,b,0\n".write(to: text, atomically: true, encoding: .utf8)
        let run = try Effekt.run(["did", "twfe", "--data", text.path, "--unit", "id", "--time", "t", "--outcome", "y", "--group", "g"])
        #expect(run.status == 1 && run.stderr.contains("column \"y\" (--outcome) is not numeric"), "\(run.stderr)")
        let missing = dir.appendingPathComponent("missing.csv")
        try "id,t,y,g\n1,1,1.5,0\n1,2,,0\n2,1,2.5,2\n2,2,3,2\n".write(to: missing, atomically: true, encoding: .utf8)
        let gap = try Effekt.run(["did", "twfe", "--data", missing.path, "--unit", "id", "--time", "t", "--outcome", "y", "--group", "g"])
        #expect(gap.status == 1 && gap.stderr.contains("missing.csv:3:3: \"y\" (--outcome) is missing here"), "\(gap.stderr)")
    }

    // MARK: - attgt against csdid (≡ R did) on mpdta

    static let attgtCases: [(key: String, arguments: [String])] = [
        ("nevertreated_dr_lpop", ["--method", "dr", "--covariates", "lpop", "--control", "never"]),
        ("notyettreated_unconditional", ["--control", "notyet", "--method", "none"]),
        ("nevertreated_unconditional", ["--method", "none"]),
        ("notyettreated_ipw_lpop", ["--control", "notyet", "--method", "ipw", "--covariates", "lpop"]),
        ("nevertreated_reg_lpop", ["--method", "reg", "--covariates", "lpop"]),
        ("nevertreated_unconditional_universal", ["--method", "none", "--base-period", "universal"]),
        ("nevertreated_unconditional_anticipation1", ["--method", "none", "--anticipation", "1"]),
    ]

    @Test(arguments: attgtCases)
    func attgtMatchesCsdid(_ key: String, _ arguments: [String]) throws {
        let doc = try Self.document(["did", "attgt"] + Self.mpdta + ["--group", "first.treat", "--json"] + arguments)
        let ref = try Fixtures.object("did/mpdta_attgt.json").object("specs").object(key)

        // Every cell, in csdid's order.
        let cells = try doc.objects("attgt"), refCells = try ref.objects("att_gt")
        #expect(cells.count == refCells.count, "\(key): number of cells")
        for (cell, r) in zip(cells, refCells) {
            let label = "\(key) ATT(\(r["group"]!),\(r["time"]!))"
            #expect(cell["group"] as? Int == r["group"] as? Int && cell["time"] as? Int == r["time"] as? Int, "\(label): order")
            #expect(Self.close(exactDouble(cell["att"]), try r.double("att")), "\(label): att \(cell["att"]!)")
            if let rs = exactDouble(r["se"]) {
                #expect(Self.close(exactDouble(cell["se"]), rs, relative: 1e-6), "\(label): se \(cell["se"]!) vs \(rs)")
            } else {
                #expect(cell["se"] is NSNull, "\(label): se should be null")
            }
        }

        // The four aggregations: overall values and every entry.
        let agg = try ref.object("aggte")
        let simple = try doc.object("simple")
        #expect(Self.close(exactDouble(simple["att"]), try agg.object("simple").double("overall_att")), "\(key) simple att")
        #expect(Self.close(exactDouble(simple["se"]), try agg.object("simple").double("overall_se"), relative: 1e-6), "\(key) simple se")
        for (type, field) in [("dynamic", "e"), ("group", "group"), ("calendar", "time")] {
            let refType = try agg.object(type)
            let overall = try doc.object("overall").object(type)
            #expect(Self.close(exactDouble(overall["att"]), try refType.double("overall_att")), "\(key) \(type) overall att")
            #expect(Self.close(exactDouble(overall["se"]), try refType.double("overall_se"), relative: 1e-6), "\(key) \(type) overall se")
            let entries = try doc.objects(type), refEntries = try refType.objects("by")
            #expect(entries.map { $0[field] as? Int } == refEntries.map { $0[field] as? Int }, "\(key) \(type): entries")
            for (e, r) in zip(entries, refEntries) {
                #expect(Self.close(exactDouble(e["att"]), try r.double("att")), "\(key) \(type) \(field) \(r[field]!): att")
                if let rs = exactDouble(r["se"]) {
                    #expect(Self.close(exactDouble(e["se"]), rs, relative: 1e-6), "\(key) \(type) \(field) \(r[field]!): se")
                } else {
                    #expect(e["se"] is NSNull, "\(key) \(type) \(field) \(r[field]!): se should be null")
                }
            }
        }

        // The pre-test (csdid rounds its p-value to 5 digits).
        let pretest = try doc.object("pretest"), refWald = try ref.object("pretest_wald")
        #expect(Self.close(exactDouble(pretest["W"]), try refWald.double("W")), "\(key) W")
        #expect(abs(exactDouble(pretest["p"])! - (try refWald.double("pvalue"))) <= 5e-6, "\(key) Wald p")
        #expect((pretest["df"] as? Int ?? 0) > 0)
        let warnings = try #require(doc["warnings"] as? [String])
        if key.hasSuffix("anticipation1") { #expect(!warnings.isEmpty, "the dropped cohort 2004 should be reported") }
    }

    @Test func attgtTextLeadsWithTheEventStudyAndWarnsAboutTWFE() throws {
        let run = try Effekt.run(["did", "attgt"] + Self.mpdta + ["--group", "first.treat", "--covariates", "lpop"])
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdout
        let event = try #require(out.range(of: "Event study"))
        let cells = try #require(out.range(of: "ATT(g,t)\n"))
        #expect(event.lowerBound < cells.lowerBound)
        #expect(out.contains("the single TWFE coefficient is not the ATT"))
        #expect(out.contains("-0.0418"))   // simple ATT, csdid -0.041751…
        #expect(out.contains("Pre-test of parallel trends"))
    }

    @Test func attgtBootstrapIsReproducibleWithItsSeed() throws {
        let arguments = ["did", "attgt"] + Self.mpdta + ["--group", "first.treat", "--bootstrap", "99", "--seed", "7", "--json"]
        let a = try Effekt.run(arguments), b = try Effekt.run(arguments)
        #expect(a.status == 0 && a.stdout == b.stdout, "\(a.stderr)")
        let doc = try Self.document(arguments)
        let boot = try doc.object("bootstrap")
        #expect(boot["draws"] as? Int == 99 && exactDouble(boot["uniform_critical_value"]) != nil)
        let analytic = try Self.document(["did", "attgt"] + Self.mpdta + ["--group", "first.treat", "--json"])
        #expect(exactDouble(try doc.object("simple")["att"]) == exactDouble(try analytic.object("simple")["att"]))
        #expect(exactDouble(try doc.object("simple")["se"]) != exactDouble(try analytic.object("simple")["se"]))
    }

    // MARK: - twfe against pyfixest

    static func compareTerm(_ entry: [String: Any], _ ref: [String: Any], _ label: String) throws {
        #expect(Self.close(exactDouble(entry["coefficient"]), try ref.double("coef")), "\(label): coefficient \(entry["coefficient"]!)")
        #expect(Self.close(exactDouble(entry["se"]), try ref.double("se")), "\(label): se \(entry["se"]!)")
        #expect(Self.close(exactDouble(entry["t"]), try ref.double("t")), "\(label): t")
        let p = try #require(exactDouble(entry["p"])), rp = try ref.double("p")
        #expect(relativeError(p, rp) < 1e-7 || abs(p - rp) < 1e-13, "\(label): p \(p) vs \(rp)")
    }

    /// mpdta with the treated-and-post indicator D = 1{first.treat > 0 and year ≥ first.treat}
    /// added (mpdta's own `treat` is "ever treated").
    static func mpdtaWithIndicator(in dir: URL) throws -> URL {
        let lines = try String(contentsOf: Fixtures.datasetURL("mpdta.csv"), encoding: .utf8).split(separator: "\n")
        var out = lines[0] + ",D\n"
        for line in lines.dropFirst() {
            let f = line.split(separator: ",")
            let year = Int(f[0])!, first = Int(f[4])!
            out += line + (first > 0 && year >= first ? ",1\n" : ",0\n")
        }
        let url = dir.appendingPathComponent("mpdta_D.csv")
        try out.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func twfeMatchesPyfixestOnMpdta() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-did-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = try Self.mpdtaWithIndicator(in: dir)
        let ref = try Fixtures.object("did/twfe.json").object("mpdta").object("twfe")
        let refD = try ref.object("coefficients").object("D")
        let columns = ["--data", data.path, "--unit", "countyreal", "--time", "year", "--outcome", "lemp"]
        let doc = try Self.document(["did", "twfe"] + columns + ["--treat", "D", "--cluster", "countyreal", "--json"])
        try Self.compareTerm(doc, refD, "mpdta D")
        #expect(doc["n"] as? Int == ref["n"] as? Int && doc["clusters"] as? Int == ref["n_clusters"] as? Int)
        // The same D built from the group column, clustered by unit by default.
        let fromGroup = try Self.document(["did", "twfe"] + Self.mpdta + ["--group", "first.treat", "--json"])
        try Self.compareTerm(fromGroup, refD, "mpdta D from --group")
    }

    @Test func twfeRefusesTheEverTreatedColumnAndSaysWhy() throws {
        let run = try Effekt.run(["did", "twfe"] + Self.mpdta + ["--treat", "treat", "--json"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("'treat' does not vary within any countyreal"), "\(run.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(doc["coefficient"] is NSNull && doc["note"] is String)
    }

    @Test func twfeEventStudyMatchesPyfixestOnMpdta() throws {
        let doc = try Self.document(["did", "twfe"] + Self.mpdta + ["--event-time", "--group", "first.treat", "--json"])
        let ref = try Fixtures.object("did/twfe.json").object("mpdta").object("event_study")
        try Self.compareEventStudy(doc, ref, label: "mpdta")
        #expect(doc["reference"] as? Int == -1)
    }

    @Test func twfeMatchesPyfixestOnTheUnbalancedPanel() throws {
        let ref = try Fixtures.object("did/twfe.json").object("unbalanced")
        let plain = try Self.document(["did", "twfe"] + Self.unbalanced + ["--treat", "D", "--json"])
        try Self.compareTerm(plain, try ref.object("twfe").object("coefficients").object("D"), "unbalanced D")
        let withX = try Self.document(["did", "twfe"] + Self.unbalanced + ["--treat", "D", "--covariates", "x", "--json"])
        let refX = try ref.object("twfe_x").object("coefficients")
        try Self.compareTerm(withX, try refX.object("D"), "unbalanced D (with x)")
        let x = try #require(try withX.objects("terms").first { $0["name"] as? String == "x" })
        try Self.compareTerm(x, try refX.object("x"), "unbalanced x")
        let es = try Self.document(["did", "twfe"] + Self.unbalanced + ["--event-time", "--group", "cohort", "--covariates", "x", "--json"])
        try Self.compareEventStudy(es, try ref.object("event_study_x"), label: "unbalanced")
    }

    static func compareEventStudy(_ doc: [String: Any], _ ref: [String: Any], label: String) throws {
        let coefficients = try ref.object("coefficients")
        let events = try doc.objects("event")
        let refNames = coefficients.keys.filter { $0.hasPrefix("ev_") }
        #expect(events.count == refNames.count, "\(label): number of event times")
        for entry in events {
            let e = try #require(entry["e"] as? Int)
            let name = e < 0 ? "ev_m\(-e)" : "ev_\(e)"
            try compareTerm(entry, try coefficients.object(name), "\(label) e = \(e)")
        }
        let pretrend = try doc.object("pretrend")
        let wald = try ref.object("pretrend_wald"), chi2 = try wald.object("chi2"), f = try wald.object("F")
        #expect(close(exactDouble(pretrend["chi2"]), try chi2.double("stat")), "\(label): chi2")
        #expect(pretrend["df"] as? Int == chi2["df"] as? Int)
        #expect(close(exactDouble(pretrend["p"]), try chi2.double("p")), "\(label): chi2 p")
        #expect(close(exactDouble(pretrend["f"]), try f.double("stat")), "\(label): F")
        #expect(pretrend["f_df1"] as? Int == f["df1"] as? Int && pretrend["f_df2"] as? Int == f["df2"] as? Int)
        #expect(close(exactDouble(pretrend["f_p"]), try f.double("p")), "\(label): F p")
    }

    @Test func twfeTextShowsTheCoefficientTable() throws {
        let run = try Effekt.run(["did", "twfe"] + Self.mpdta + ["--group", "first.treat"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("lemp ~ D | countyreal + year"))
        let row = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("D ") && !$0.hasPrefix("D =") })
        #expect(row.contains("-0.0365") && row.contains("0.0133") && row.contains("0.0061"))
        #expect(run.stdout.contains("effekt did attgt"))   // the staggered-adoption pointer
    }

    @Test func twfeEventWindowWithBinnedEndpoints() throws {
        let doc = try Self.document(["did", "twfe"] + Self.mpdta + ["--event-time", "--group", "first.treat",
                                                                    "--window", "-2,2", "--bin-endpoints", "--json"])
        let events = try doc.objects("event")
        #expect(events.map { $0["e"] as? Int } == [-2, 0, 1, 2])
        #expect(events.map { $0["name"] as? String } == ["ev_le_m2", "ev_0", "ev_1", "ev_ge_2"])
    }
}
