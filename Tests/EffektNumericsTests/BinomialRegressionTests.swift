import EffektNumerics
import EffektTestSupport
import Foundation
import Testing

/// Logit and probit against R `glm(family = binomial)` on LaLonde (fixtures made by
/// Tests/Fixtures/numerics/make_numerics_fixtures.R).
@Suite struct BinomialRegressionTests {
    let fixture: [String: Any]
    let design: FixtureDesign
    let y: [Double]

    init() throws {
        fixture = try Fixtures.object("numerics/glm_lalonde.json")
        design = try FixtureDesign(fixture.object("design"))
        y = try fixture.doubles("y")
    }

    func check(_ fit: BinomialFit, against r: [String: Any], tolerance: Double, robust: Bool) throws {
        let coef = try r.object("coef"), se = try r.object("se")
        let rows = try fit.coefficients()
        for row in rows {
            #expect(relativeError(row.estimate!, namedValue(coef, row.name)!) < tolerance, "coefficient \(row.name)")
            #expect(relativeError(row.standardError!, namedValue(se, row.name)!) < tolerance, "SE \(row.name)")
        }
        #expect(relativeError(fit.deviance, try r.double("deviance")) < 1e-10)
        #expect(relativeError(fit.nullDeviance, try r.double("null_deviance")) < 1e-10)
        #expect(relativeError(fit.aic, try r.double("aic")) < 1e-10)
        #expect(relativeError(fit.logLikelihood, try r.double("loglik")) < 1e-10)
        #expect(fit.converged)
        let fitted = try r.doubles("fitted_first5"), eta = try r.doubles("linear_predictor_first5")
        for i in 0..<5 {
            #expect(relativeError(fit.fitted[i], fitted[i]) < tolerance)
            #expect(relativeError(fit.linearPredictor[i], eta[i]) < tolerance)
        }
        if robust {
            for (key, type) in [("se_hc0", CovarianceType.hc0), ("se_hc1", .hc1)] {
                let expected = try r.object(key)
                for row in try fit.coefficients(type) {
                    #expect(relativeError(row.standardError!, namedValue(expected, row.name)!) < tolerance, "\(key) \(row.name)")
                }
            }
        }
    }

    @Test func logitMatchesRDefaultControl() throws {
        let r = try fixture.object("logit")
        let fit = try BinomialRegression.fit(x: design.matrix, names: design.names, y: y)
        #expect(fit.iterations == Int(try r.double("iter")))
        try check(fit, against: r, tolerance: 1e-7, robust: true)
    }

    @Test func logitMatchesFullyConvergedMLE() throws {
        var options = BinomialOptions()
        options.tolerance = 1e-14
        options.maxIterations = 100
        let fit = try BinomialRegression.fit(x: design.matrix, names: design.names, y: y, options: options)
        try check(fit, against: fixture.object("logit_tight"), tolerance: 1e-9, robust: true)
    }

    @Test(arguments: [("probit", 1e-8), ("probit_tight", 1e-14)])
    func probitMatchesR(key: String, epsilon: Double) throws {
        var options = BinomialOptions(link: .probit)
        options.tolerance = epsilon
        options.maxIterations = 100
        let r = try fixture.object(key)
        let fit = try BinomialRegression.fit(x: design.matrix, names: design.names, y: y, options: options)
        #expect(fit.iterations == Int(try r.double("iter")))
        try check(fit, against: r, tolerance: 1e-7, robust: true)
    }

    @Test func weightsAndOffsetMatchR() throws {
        let r = try fixture.object("logit_weighted_offset")
        var options = BinomialOptions()
        options.weights = try r.doubles("weights")
        options.offset = try r.doubles("offset")
        let fit = try BinomialRegression.fit(x: design.matrix, names: design.names, y: y, options: options)
        #expect(fit.iterations == Int(try r.double("iter")))
        try check(fit, against: r, tolerance: 1e-7, robust: false)
    }

    @Test func resultsDoNotDependOnWorkerCount() throws {
        var one = BinomialOptions(), two = BinomialOptions()
        one.workers = 1
        two.workers = 2
        let a = try BinomialRegression.fit(x: design.matrix, names: design.names, y: y, options: one)
        let b = try BinomialRegression.fit(x: design.matrix, names: design.names, y: y, options: two)
        #expect(a.beta == b.beta)
        #expect(a.unscaledCovariance == b.unscaledCovariance)
    }

    @Test func responseMustBeBinary() throws {
        var bad = y
        bad[3] = 2
        #expect(throws: NumericsError.self) { try BinomialRegression.fit(x: design.matrix, names: design.names, y: bad, responseName: "treat") }
        do {
            _ = try BinomialRegression.fit(x: design.matrix, names: design.names, y: bad, responseName: "treat")
        } catch {
            #expect("\(error)".contains("'treat' must be 0 or 1"))
            #expect("\(error)".contains("row 4"))
        }
    }
}
