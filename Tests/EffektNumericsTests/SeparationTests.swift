import EffektNumerics
import EffektTestSupport
import Testing

/// Separated data sets built by Tests/Fixtures/numerics/make_numerics_fixtures.R, where R's glm
/// only warns ("fitted probabilities numerically 0 or 1 occurred") and returns huge coefficients.
@Suite struct SeparationTests {
    func load(_ key: String) throws -> (FixtureDesign, [Double], [String: Any]) {
        let f = try Fixtures.object("numerics/separation.json").object(key)
        return (try FixtureDesign(f.object("design")), try f.doubles("y"), f)
    }

    @Test(arguments: [("complete", "complete separation"), ("quasi_complete", "quasi-complete separation")])
    func separationNamesTheVariable(key: String, kind: String) throws {
        let (design, y, f) = try load(key)
        let variable = f["separating_variable"] as! String
        do {
            _ = try BinomialRegression.fit(x: design.matrix, names: design.names, y: y, responseName: "treat")
            Issue.record("a separated data set was fitted without complaint")
        } catch let error as NumericsError {
            guard case let .separation(message) = error else { Issue.record("wrong error: \(error)"); return }
            #expect(message.hasPrefix(kind), "\(message)")
            #expect(message.contains("'\(variable)'"), "\(message)")
        }
    }

    @Test func allowedSeparationIsAWarningOnTheFit() throws {
        let (design, y, _) = try load("quasi_complete")
        var options = BinomialOptions()
        options.allowSeparation = true
        let fit = try BinomialRegression.fit(x: design.matrix, names: design.names, y: y, options: options)
        #expect(fit.warnings.contains { $0.contains("'d_sep'") })
    }

    @Test func ordinaryDataAreNotFlagged() throws {
        let (design, y, f) = try load("not_separated")
        let fit = try BinomialRegression.fit(x: design.matrix, names: design.names, y: y)
        #expect(fit.warnings.isEmpty)
        let r = try f.object("r_glm")
        LinearModelTests.expectClose(try fit.coefficients(), try r.object("coef"), tolerance: 1e-7, what: "coef") { $0.estimate }
        LinearModelTests.expectClose(try fit.coefficients(), try r.object("se"), tolerance: 1e-7, what: "se") { $0.standardError }
    }

    /// The scan runs over fixed row chunks with four lanes at a time: a separating column and a
    /// non-finite entry are found across chunk borders and in the last, partial lanes.
    @Test func scanCoversEveryChunkAndTheLastLanes() throws {
        let n = 3 * 16_384 + 3
        var rng = RandomStream(seed: 11)
        let y = (0..<n).map { _ in rng.uniform() < 0.3 ? 1.0 : 0.0 }
        var x = Matrix(rows: n, columns: 3, repeating: 1)
        for i in 0..<n {
            x[i, 1] = rng.normal()
            x[i, 2] = y[i] == 1 ? 2 + rng.uniform() : rng.uniform()   // complete separation at 1…2
        }
        let names = ["(Intercept)", "noise", "dose"]
        do {
            _ = try BinomialRegression.fit(x: x, names: names, y: y)
            Issue.record("a separated data set was fitted without complaint")
        } catch let NumericsError.separation(message) {
            #expect(message.hasPrefix("complete separation") && message.contains("'dose'"), "\(message)")
        }
        var bad = x.selectingColumns([0, 1])
        bad[n - 1, 1] = .infinity
        do {
            _ = try BinomialRegression.fit(x: bad, names: ["(Intercept)", "noise"], y: y)
            Issue.record("an infinite entry was not reported")
        } catch let NumericsError.nonFinite(what, row, column) {
            #expect(what.contains("'noise'") && row == n - 1 && column == 1, "\(what) \(row) \(column)")
        }
    }
}
