import EffektEstimators
import EffektNumerics
import EffektTestSupport
import Foundation
import Testing

/// Callaway & Sant'Anna ATT(g,t) and aggregations on mpdta against csdid 0.4.3 ≡ R did 2.5.1
/// (`mpdta_attgt.json`, 10 specifications, analytic SEs).
@Suite struct DiDGroupTimeATTTests {
    static let specKeys = [
        "nevertreated_unconditional", "notyettreated_unconditional",
        "nevertreated_dr_lpop", "nevertreated_ipw_lpop", "nevertreated_reg_lpop",
        "notyettreated_dr_lpop", "notyettreated_ipw_lpop", "notyettreated_reg_lpop",
        "nevertreated_unconditional_universal", "nevertreated_unconditional_anticipation1",
    ]

    static func specification(_ settings: [String: Any]) -> GroupTimeATTSpecification {
        let method: GroupTimeATTSpecification.Estimator = switch settings["est_method"] as! String {
        case "ipw": .inverseProbabilityWeighting
        case "reg": .outcomeRegression
        default: .doublyRobust
        }
        return GroupTimeATTSpecification(
            controlGroup: settings["control_group"] as! String == "nevertreated" ? .neverTreated : .notYetTreated,
            estimator: method,
            covariates: settings["xformla"] as! String == "~lpop" ? ["lpop"] : [],
            anticipation: settings["anticipation"] as! Int,
            basePeriod: settings["base_period"] as! String == "universal" ? .universal : .varying)
    }

    /// Worst relative differences over everything compared.
    struct Worst: CustomStringConvertible {
        var att = 0.0, se = 0.0, wald = 0.0, aggATT = 0.0, aggSE = 0.0
        var description: String { "att \(att), se \(se), W \(wald), aggregate att \(aggATT), aggregate se \(aggSE)" }
    }

    /// 1e-8 relative, or 1e-10 absolute near zero.
    static func attClose(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= max(1e-8 * abs(b), 1e-10) }

    @Test(arguments: specKeys)
    func matchesCsdid(_ key: String) throws {
        let fixture = try Fixtures.object("did/mpdta_attgt.json")
        let ref = try fixture.object("specs").object(key)
        let spec = Self.specification(try ref.object("settings"))
        let prepared = try CallawaySantAnna(panel: try DiDData.mpdta(), specification: spec)
        let result = try prepared.estimate()
        var worst = Worst()

        let cells = try ref.objects("att_gt")
        #expect(result.cells.count == cells.count, "\(key): number of cells")
        for (cell, r) in zip(result.cells, cells) {
            #expect(cell.group == (r["group"] as! Int) && cell.time == (r["time"] as! Int), "\(key): cell order")
            let a = try #require(cell.att, "\(key) ATT(\(cell.group),\(cell.time)) not estimated")
            let ra = try r.double("att")
            #expect(Self.attClose(a, ra), "\(key) ATT(\(cell.group),\(cell.time)) = \(a) vs \(ra)")
            worst.att = max(worst.att, abs(ra) > 1e-10 ? relativeError(a, ra) : 0)
            if let rs = r["se"] as? NSNumber {
                let s = try #require(cell.standardError, "\(key) se(\(cell.group),\(cell.time)) missing")
                #expect(relativeError(s, rs.doubleValue) < 1e-6, "\(key) se(\(cell.group),\(cell.time)) = \(s) vs \(rs)")
                worst.se = max(worst.se, relativeError(s, rs.doubleValue))
            } else {
                #expect(cell.standardError == nil, "\(key): se of ATT(\(cell.group),\(cell.time)) should be undefined")
                #expect(cell.basePeriod == nil && a == 0)
            }
        }

        let wald = try ref.object("pretest_wald")
        let test = try #require(result.pretest)
        #expect(relativeError(test.statistic, try wald.double("W")) < 1e-8, "\(key): W \(test.statistic)")
        worst.wald = relativeError(test.statistic, try wald.double("W"))
        #expect(abs((test.pValue * 1e5).rounded() / 1e5 - (try wald.double("pvalue"))) < 1e-12, "\(key): Wald p \(test.pValue)")

        let aggte = try ref.object("aggte")
        for (name, type) in [("simple", AggregationType.simple), ("dynamic", .dynamic), ("group", .group), ("calendar", .calendar)] {
            let r = try aggte.object(name)
            let agg = try result.aggregate(type)
            let oa = try r.double("overall_att"), os = try r.double("overall_se")
            #expect(Self.attClose(agg.overallATT, oa), "\(key) \(name): overall att \(agg.overallATT) vs \(oa)")
            let se = try #require(agg.overallStandardError)
            #expect(relativeError(se, os) < 1e-6, "\(key) \(name): overall se \(se) vs \(os)")
            worst.aggATT = max(worst.aggATT, relativeError(agg.overallATT, oa))
            worst.aggSE = max(worst.aggSE, relativeError(se, os))
            guard type != .simple else { continue }
            let label = ["dynamic": "e", "group": "group", "calendar": "time"][name]!
            let by = try r.objects("by")
            #expect(agg.entries.map(\.value) == by.map { $0[label] as! Int }, "\(key) \(name): entries")
            for (entry, b) in zip(agg.entries, by) {
                let ba = try b.double("att")
                #expect(Self.attClose(entry.att, ba), "\(key) \(name) \(entry.value): att \(entry.att) vs \(ba)")
                if abs(ba) > 1e-10 { worst.aggATT = max(worst.aggATT, relativeError(entry.att, ba)) }
                if let bs = b["se"] as? NSNumber {
                    let s = try #require(entry.standardError, "\(key) \(name) \(entry.value): se missing")
                    #expect(relativeError(s, bs.doubleValue) < 1e-6, "\(key) \(name) \(entry.value): se \(s) vs \(bs)")
                    worst.aggSE = max(worst.aggSE, relativeError(s, bs.doubleValue))
                } else {
                    #expect(entry.standardError == nil, "\(key) \(name) \(entry.value): se should be undefined")
                }
            }
        }
        let fixtureWarnings = ref["warnings"] as! [String]
        for w in fixtureWarnings { #expect(result.warnings.contains(w), "\(key): warning '\(w)' expected") }
        print("C&S \(key) worst rel: \(worst)")
    }
}
