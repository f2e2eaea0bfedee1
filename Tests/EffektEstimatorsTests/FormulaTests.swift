import EffektData
import EffektEstimators
import EffektNumerics
import EffektTestSupport
import Foundation
import Testing

/// Model matrices against R's `model.matrix` on LaLonde
/// (Tests/Fixtures/formula/make_formula_fixtures.R).
@Suite struct FormulaTests {
    /// LaLonde as variables: race as text, everything else numeric.
    static func lalonde() throws -> VariableTable {
        let text = try String(contentsOf: Fixtures.datasetURL("lalonde.csv"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",").map { $0.replacingOccurrences(of: "\"", with: "") }
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.replacingOccurrences(of: "\"", with: "") } }
        var table = VariableTable(rowCount: rows.count)
        for (j, name) in header.enumerated() where name != "id" {
            if name == "race" { table.set(name, categories: rows.map { $0[j] }) } else { table.set(name, numeric: rows.map { Double($0[j])! }) }
        }
        return table
    }

    @Test func modelMatricesMatchR() throws {
        let data = try Self.lalonde()
        for case_ in try Fixtures.object("formula/lalonde_model_matrix.json").objects("cases") {
            let text = case_["formula"] as! String
            let mm = try ModelMatrix(Formula(parsing: text), data: data)
            let expected = try FixtureDesign(case_)
            #expect(mm.names == expected.names, "\(text)")
            guard mm.names == expected.names else { continue }
            #expect(mm.matrix.rows == expected.matrix.rows)
            for k in 0..<mm.matrix.storage.count {
                #expect(relativeError(mm.matrix.storage[k], expected.matrix.storage[k], floor: 1) < 1e-14, "\(text) entry \(k)")
            }
            #expect(mm.response == (data.variable(named: "treat").map { v -> [Double] in
                guard case let .numeric(values, _) = v else { return [] }
                return values
            }))
        }
    }

    @Test func parsingFollowsRsTermOrder() throws {
        let f = try Formula(parsing: "y ~ a:b + c + a*d - 1")
        #expect(f.response == "y")
        #expect(!f.hasIntercept)
        #expect(f.terms.map(\.label) == ["c", "a", "d", "a:b", "a:d"])
        #expect(f.description == "y ~ c + a + d + a:b + a:d - 1")
    }

    @Test func errorsNameTheProblem() throws {
        let data = try Self.lalonde()
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "no error" } catch { return "\(error)" }
        }
        let unknown = message { _ = try ModelMatrix(Formula(parsing: "treat ~ age + eduk"), data: data) }
        #expect(unknown.contains("unknown variable 'eduk'") && unknown.contains("'educ'"), "\(unknown)")
        let function = message { _ = try Formula(parsing: "treat ~ poly(age, 2)") }
        #expect(function.contains("unknown function 'poly'") && function.contains("character 9"), "\(function)")
        let syntax = message { _ = try Formula(parsing: "treat ~ age +") }
        #expect(syntax.contains("expected a variable"), "\(syntax)")
        let categorical = message { _ = try ModelMatrix(Formula(parsing: "treat ~ I(race^2)"), data: data) }
        #expect(categorical.contains("'race' is categorical"), "\(categorical)")
    }

    @Test func missingValuesAreReportedOrDroppedOnRequest() throws {
        var data = VariableTable(rowCount: 4)
        data.set("y", numeric: [0, 1, 0, 1])
        data.set("x", .numeric([1, 2, 3, 4], missing: [false, true, false, false]))
        data.set("g", categories: ["a", "b", nil, "a"])
        let formula = try Formula(parsing: "y ~ x + g")
        #expect(throws: EstimationError.self) { try ModelMatrix(formula, data: data) }
        var options = ModelMatrix.Options()
        options.dropMissing = true
        let mm = try ModelMatrix(formula, data: data, options: options)
        #expect(mm.rows == [0, 3])
        #expect(mm.notes.first?.contains("2 row(s)") == true)
    }

    /// Columns are written in row chunks: products, 0/1 flags and the first non-finite row come
    /// out as if built whole.
    @Test func largeDesignsAreBuiltInChunks() throws {
        let n = 40_003
        var data = VariableTable(rowCount: n)
        let x = (0..<n).map { Double($0 % 97) + 0.5 }
        let d = (0..<n).map { Double($0 % 2) }
        data.set("y", numeric: (0..<n).map { Double($0 % 3 == 0 ? 1 : 0) })
        data.set("x", numeric: x)
        data.set("d", numeric: d)
        data.set("g", categories: (0..<n).map { ["a", "b", "c"][$0 % 3] })
        let mm = try ModelMatrix(Formula(parsing: "y ~ x + d + g + I(log(x)) + x:g"), data: data)
        #expect(mm.names == ["(Intercept)", "x", "d", "gb", "gc", "I(log(x))", "x:gb", "x:gc"])
        #expect(mm.isBinary == [true, false, true, true, true, false, false, false])
        #expect(mm.matrix.column(5) == x.map { log($0) })
        let inC: [Double] = (0..<n).map { $0 % 3 == 2 ? 1 : 0 }
        #expect(mm.matrix.column(7) == zip(x, inC).map { $0 * $1 })
        var zero = x
        zero[35_000] = 0
        data.set("x", numeric: zero)
        let message: String
        do { _ = try ModelMatrix(Formula(parsing: "y ~ I(log(x))"), data: data); message = "no error" } catch { message = "\(error)" }
        #expect(message.contains("'I(log(x))'") && message.contains("row 35001"), "\(message)")
    }

    @Test func referenceLevelCanBeChosen() throws {
        var options = ModelMatrix.Options()
        options.referenceLevels = ["race": "white"]
        let mm = try ModelMatrix(Formula(parsing: "treat ~ race"), data: Self.lalonde(), options: options)
        #expect(mm.names == ["(Intercept)", "raceblack", "racehispan"])
    }
}

@Suite struct FixedLevelTests {
    @Test func newRowsGetTheColumnsOfTheFit() throws {
        let formula = try Formula(parsing: "y ~ g + x")
        var fitData = VariableTable(rowCount: 3)
        fitData.set("y", numeric: [0, 1, 0])
        fitData.set("x", numeric: [1, 2, 3])
        fitData.set("g", categories: ["b", "a", "c"])
        let fitted = try ModelMatrix(formula, data: fitData)
        #expect(fitted.levels["g"] == ["a", "b", "c"])
        var newData = VariableTable(rowCount: 2)
        newData.set("y", numeric: [0, 0])
        newData.set("x", numeric: [5, 6])
        newData.set("g", categories: ["c", "c"])
        var options = ModelMatrix.Options()
        options.fixedLevels = fitted.levels
        let scored = try ModelMatrix(formula, data: newData, options: options)
        #expect(scored.names == fitted.names)
        #expect(scored.matrix.column(2) == [1, 1])      // gc
        newData.set("g", categories: ["d", "c"])
        #expect(throws: EstimationError.self) { try ModelMatrix(formula, data: newData, options: options) }
    }
}
