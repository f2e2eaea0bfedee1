@testable import EffektEstimators
import EffektNumerics
import EffektTestSupport
import Foundation
import Testing

/// The improved locally efficient DR estimator (DRDID `drdid_imp_panel`), which has no stored
/// reference: checked by its defining properties and against the other estimators.
@Suite struct DiDImprovedDRTests {
    @Test func tiltingCalibratesComparisonCovariatesToTheTreated() throws {
        // IPT's first-order condition: Σ_treated x = Σ_comparison exp(xᵀγ) x.
        let panel = try DiDData.mpdta()
        let cs = try CallawaySantAnna(panel: panel, specification: .init(estimator: .improvedDoublyRobust, covariates: ["lpop"]))
        let x = try #require(cs.covariates)
        let treated = cs.unitGroups.map { $0 == 2006 }
        let keep = cs.unitGroups.indices.filter { cs.unitGroups[$0] == 2006 || cs.unitGroups[$0] == 0 }
        let sub = x.selectingRows(keep)
        let d = keep.map { treated[$0] }
        let ps = try CellPropensity.inverseProbabilityTilting(x: sub, treated: d)
        #expect(ps.warnings.isEmpty)
        for a in 0..<sub.columns {
            var lhs = 0.0, rhs = 0.0
            for i in 0..<sub.rows {
                if d[i] { lhs += sub[i, a] } else { rhs += ps.fitted[i] / (1 - ps.fitted[i]) * sub[i, a] }
            }
            #expect(abs(lhs - rhs) < 1e-9 * max(1, abs(lhs)), "column \(a): \(lhs) vs \(rhs)")
        }
        // The logit does not calibrate exactly (its score equations weight differently).
        let logit = try CellPropensity.logit(x: sub, treated: d)
        var gap = 0.0
        for i in 0..<sub.rows where !d[i] { gap += logit.fitted[i] / (1 - logit.fitted[i]) * sub[i, 1] }
        var target = 0.0
        for i in 0..<sub.rows where d[i] { target += sub[i, 1] }
        #expect(abs(gap - target) > 1e-6)
    }

    @Test func agreesWithTheOtherDoublyRobustEstimatorOnMpdta() throws {
        let panel = try DiDData.mpdta()
        let imp = try CallawaySantAnna(panel: panel, specification: .init(estimator: .improvedDoublyRobust, covariates: ["lpop"])).estimate()
        let dr = try CallawaySantAnna(panel: panel, specification: .init(estimator: .doublyRobust, covariates: ["lpop"])).estimate()
        var differs = false
        for (a, b) in zip(imp.cells, dr.cells) {
            let ea = try #require(a.att), eb = try #require(b.att)
            let sa = try #require(a.standardError), sb = try #require(b.standardError)
            #expect(abs(ea - eb) < 0.25 * sb, "ATT(\(a.group),\(a.time)): \(ea) vs \(eb)")
            #expect(abs(sa / sb - 1) < 0.05, "SE(\(a.group),\(a.time)): \(sa) vs \(sb)")
            if ea != eb { differs = true }
            // Locally efficient: the influence function has mean zero.
            let j = imp.cells.firstIndex(of: a)!
            let mean = (0..<imp.unitCount).reduce(0.0) { $0 + imp.influenceFunctions[$1, j] } / Double(imp.unitCount)
            #expect(abs(mean) < 1e-12)
        }
        #expect(differs)
        #expect(imp.pretest != nil)
        let agg = try imp.aggregate(.dynamic)
        #expect(agg.overallStandardError != nil && agg.entries.count == 7)
    }

    @Test func withoutCovariatesEveryEstimatorIsTheDifferenceOfMeans() throws {
        let panel = try DiDData.mpdta()
        let reference = try CallawaySantAnna(panel: panel, specification: .init(estimator: .unconditional)).estimate()
        for method in [GroupTimeATTSpecification.Estimator.improvedDoublyRobust, .doublyRobust, .inverseProbabilityWeighting, .outcomeRegression] {
            let r = try CallawaySantAnna(panel: panel, specification: .init(estimator: method)).estimate()
            #expect(r.cells.map(\.att) == reference.cells.map(\.att), "\(method)")
            #expect(r.cells.map(\.standardError) == reference.cells.map(\.standardError), "\(method)")
        }
        // The unconditional estimator ignores covariates (and says so).
        let ignoring = try CallawaySantAnna(panel: panel, specification: .init(estimator: .unconditional, covariates: ["lpop"]))
        #expect(ignoring.warnings.contains { $0.contains("ignores the covariates lpop") })
        #expect(try ignoring.estimate().cells.map(\.att) == reference.cells.map(\.att))
    }
}
