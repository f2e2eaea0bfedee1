import EffektNumerics
import Testing

/// Bad input gets a clear error naming what is wrong, never a trap or NaN results.
@Suite struct BadInputTests {
    let names = ["(Intercept)", "age"]
    let x = Matrix(columns: [[1, 1, 1, 1, 1], [20, 31, 45, 52, 38]])
    let y: [Double] = [0, 1, 0, 1, 1]

    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch { return "\(error)" }
    }

    @Test func nonFiniteValueNamesTheColumnAndRow() {
        var bad = x
        bad[2, 1] = .nan
        let text = message { _ = try LinearModel.fit(x: bad, names: names, y: y) }
        #expect(text.contains("'age'") && text.contains("row 3"), "\(text)")
        let glm = message { _ = try BinomialRegression.fit(x: bad, names: names, y: y) }
        #expect(glm.contains("'age'"), "\(glm)")
        let response = message { _ = try LinearModel.fit(x: x, names: names, y: [0, 1, .infinity, 1, 1], responseName: "kr") }
        #expect(response.contains("'kr'") && response.contains("row 3"), "\(response)")
    }

    @Test func zeroRows() {
        let empty = Matrix(rows: 0, columns: 2)
        let text = message { _ = try LinearModel.fit(x: empty, names: names, y: []) }
        #expect(text.contains("no rows"), "\(text)")
    }

    @Test func moreColumnsThanRows() {
        let wide = Matrix(columns: [[1, 1], [1, 2], [3, 1]])
        let text = message { _ = try LinearModel.fit(x: wide, names: ["a", "b", "c"], y: [1, 2]) }
        #expect(text.contains("only 2 usable rows for 3 coefficients"), "\(text)")
        let glm = message { _ = try BinomialRegression.fit(x: wide, names: ["a", "b", "c"], y: [1, 0]) }
        #expect(glm.contains("only 2 usable rows"), "\(glm)")
    }

    @Test func invalidWeights() {
        let zero = message { _ = try LinearModel.fit(x: x, names: names, y: y, weights: [0, 0, 0, 0, 0]) }
        #expect(zero.contains("all weights are zero"), "\(zero)")
        let negative = message { _ = try LinearModel.fit(x: x, names: names, y: y, weights: [1, -1, 1, 1, 1]) }
        #expect(negative.contains("row 2") && negative.contains("non-negative"), "\(negative)")
        var options = BinomialOptions()
        options.weights = [1, 1, .nan, 1, 1]
        let glm = message { _ = try BinomialRegression.fit(x: x, names: names, y: y, options: options) }
        #expect(glm.contains("row 3"), "\(glm)")
    }

    @Test func singularGramIsReportedNotInverted() {
        let notPD = Matrix(rowMajor: [[1, 2], [2, 4]])
        #expect(throws: NumericsError.notPositiveDefinite(what: "matrix")) { try Cholesky(notPD) }
    }
}
