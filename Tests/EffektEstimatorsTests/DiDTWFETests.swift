@testable import EffektEstimators
import EffektTestSupport
import Foundation
import Testing

/// TWFE against pyfixest 0.60 (`twfe.json`, CRV1 by unit, fixest-style small-sample correction).
@Suite struct DiDTWFETests {
    static func fixture() throws -> [String: Any] { try Fixtures.object("did/twfe.json") }

    /// Compares every coefficient, SE, t and p of a fixture model; returns the worst relative errors.
    func compare(_ result: TWFEResult, _ model: [String: Any], file: String) throws -> (coef: Double, se: Double) {
        let coefficients = try model.object("coefficients")
        #expect(result.observations == (model["n"] as! Int), "\(file): n")
        #expect(result.clusters == (model["n_clusters"] as! Int), "\(file): clusters")
        let ssc = try model.object("ssc")
        #expect(result.smallSample.parameters == (ssc["K_used"] as! Int), "\(file): K")
        #expect(relativeError(result.smallSample.factor, try ssc.double("factor")) < 1e-14, "\(file): factor")
        #expect(result.smallSample.tDegreesOfFreedom == (ssc["t_df"] as! Int))
        var worst = (coef: 0.0, se: 0.0)
        #expect(result.estimatedTerms.count == coefficients.count, "\(file): terms")
        for (name, value) in coefficients {
            let ref = value as! [String: Any]
            let term = try #require(result[name], "\(file): \(name) missing")
            let b = try #require(term.estimate), se = try #require(term.standardError)
            let rb = try ref.double("coef"), rs = try ref.double("se")
            let eb = relativeError(b, rb), es = relativeError(se, rs)
            worst = (max(worst.coef, eb), max(worst.se, es))
            #expect(eb < 1e-8, "\(file) \(name): coef \(b) vs \(rb)")
            #expect(es < 1e-8, "\(file) \(name): se \(se) vs \(rs)")
            #expect(relativeError(try #require(term.tStatistic), try ref.double("t")) < 1e-8)
            // pyfixest computes p as 2·(1 − cdf(|t|)), which is 0 or loses digits below ~1e-13.
            let pv = try #require(term.pValue), rp = try ref.double("p")
            #expect(relativeError(pv, rp) < 1e-7 || abs(pv - rp) < 1e-13, "\(file) \(name): p \(pv) vs \(rp)")
        }
        return worst
    }

    func comparePretrend(_ result: TWFEResult, _ model: [String: Any]) throws {
        let ref = try model.object("pretrend_wald")
        let test = try #require(result.pretrendTest)
        #expect(test.terms == (ref["coefficients"] as! [String]))
        let chi2 = try ref.object("chi2"), f = try ref.object("F")
        #expect(relativeError(test.statistic, try chi2.double("stat")) < 1e-8)
        #expect(test.degreesOfFreedom == (chi2["df"] as! Int))
        #expect(relativeError(test.pValue, try chi2.double("p")) < 1e-8)
        #expect(relativeError(try #require(test.fStatistic), try f.double("stat")) < 1e-8)
        #expect(test.denominatorDegreesOfFreedom == (f["df2"] as! Int))
        #expect(relativeError(try #require(test.fPValue), try f.double("p")) < 1e-8)
    }

    @Test func mpdtaTreatmentIndicator() throws {
        let r = try TWFE.fit(try DiDData.mpdta())
        let w = try compare(r, try Self.fixture().object("mpdta").object("twfe"), file: "mpdta twfe")
        print("TWFE mpdta worst rel: coef \(w.coef) se \(w.se)")
        #expect(r.smallSample.nestedFixedEffects == ["countyreal"])
        let ci = try #require(r["D"]?.confidenceInterval)
        #expect(ci.lowerBound < -0.0365 && ci.upperBound > -0.0365 && ci.upperBound < 0)
    }

    @Test func mpdtaEventStudyAndPretrendWald() throws {
        let r = try TWFE.fit(try DiDData.mpdta(), .init(treatment: .eventTime(EventTimeDesign())))
        let model = try Self.fixture().object("mpdta").object("event_study")
        let w = try compare(r, model, file: "mpdta event study")
        print("TWFE mpdta event study worst rel: coef \(w.coef) se \(w.se)")
        #expect(r.terms.map(\.name) == ["ev_m4", "ev_m3", "ev_m2", "ev_0", "ev_1", "ev_2", "ev_3"])
        try comparePretrend(r, model)
    }

    @Test func unbalancedPanelModels() throws {
        let panel = try DiDData.unbalanced()
        #expect(!panel.isBalanced)
        let u = try Self.fixture().object("unbalanced")
        let plain = try TWFE.fit(panel)
        let w1 = try compare(plain, try u.object("twfe"), file: "unbalanced twfe")
        #expect(plain.demeaningSweeps > 2)   // an unbalanced panel needs real iterations
        let withX = try TWFE.fit(panel, .init(covariates: ["x"]))
        let w2 = try compare(withX, try u.object("twfe_x"), file: "unbalanced twfe_x")
        let es = try TWFE.fit(panel, .init(treatment: .eventTime(EventTimeDesign()), covariates: ["x"]))
        let model = try u.object("event_study_x")
        let w3 = try compare(es, model, file: "unbalanced event study")
        try comparePretrend(es, model)
        print("TWFE unbalanced worst rel: coef \(max(w1.coef, w2.coef, w3.coef)) se \(max(w1.se, w2.se, w3.se))")
    }

    @Test func rowLevelSweepsAgreeWithCompressedSweeps() throws {
        // The alternating projections over the rows (used with many periods) give the same fit.
        let panel = try DiDData.unbalanced()
        let a = try TWFE.fit(panel, .init(covariates: ["x"]))
        let b = try TWFE.fit(panel, .init(covariates: ["x"]), compressedPeriodLimit: 0)
        for name in ["D", "x"] {
            #expect(relativeError(try #require(b[name]?.estimate), try #require(a[name]?.estimate)) < 1e-9)
            #expect(relativeError(try #require(b[name]?.standardError), try #require(a[name]?.standardError)) < 1e-9)
        }
    }
}
