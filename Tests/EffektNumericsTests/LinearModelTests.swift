import EffektNumerics
import EffektTestSupport
import Foundation
import Testing

/// OLS/WLS and their covariance estimators against R `lm` and `sandwich` (fixtures made by
/// Tests/Fixtures/numerics/make_numerics_fixtures.R).
@Suite struct LinearModelTests {
    static func expectClose(_ rows: [Coefficient], _ expected: [String: Any], tolerance: Double, what: String,
                            _ value: (Coefficient) -> Double?) {
        for row in rows {
            let reference = namedValue(expected, row.name)
            if let reference {
                #expect(value(row) != nil, "\(what) \(row.name) should be estimable")
                if let mine = value(row) { #expect(relativeError(mine, reference) < tolerance, "\(what) \(row.name): \(mine) vs R \(reference)") }
            } else {
                #expect(value(row) == nil, "\(what) \(row.name) should be NA as in R")
            }
        }
    }

    @Test(arguments: ["ols", "wls", "wls_zero_weights"])
    func collinearColumnsAreDroppedAsInR(key: String) throws {
        let fixture = try Fixtures.object("numerics/lm_collinear.json")
        let design = try FixtureDesign(fixture.object("design"))
        let r = try fixture.object(key)
        let weights = key == "ols" ? nil : try r.doubles("weights")
        let fit = try LinearModel.fit(x: design.matrix, names: design.names, y: fixture.doubles("y"), weights: weights)
        #expect(fit.aliased == (try r.strings("aliased")))
        #expect(fit.notes.count == fit.aliased.count)
        #expect(fit.dfResidual == Int(try r.double("df_residual")))
        #expect(fit.keptColumns.count == Int(try r.double("rank")))
        #expect(relativeError(fit.sigma, try r.double("sigma")) < 1e-9)
        let rows = try fit.coefficients()
        Self.expectClose(rows, try r.object("coef"), tolerance: 1e-9, what: "coef") { $0.estimate }
        Self.expectClose(rows, try r.object("se"), tolerance: 1e-9, what: "se") { $0.standardError }
    }

    @Test func clusterRobustStandardErrorsMatchSandwich() throws {
        let f = try Fixtures.object("numerics/ols_petersen.json")
        let design = try FixtureDesign(f.object("design"))
        let clusters = try f.object("cluster")
        let firm = ClusterIndex(name: "firm", labels: try clusters.doubles("firm").map(Int.init))
        let year = ClusterIndex(name: "year", labels: try clusters.doubles("year").map(Int.init))
        #expect(firm.count == 500 && year.count == 10)
        let fit = try LinearModel.fit(x: design.matrix, names: design.names, y: f.doubles("y"))
        let cases: [(String, CovarianceType)] = [
            ("se_iid", .modelBased), ("se_hc0", .hc0), ("se_hc1", .hc1),
            ("se_cl_firm_hc1", .cluster(firm, .cr1)), ("se_cl_firm_hc0", .cluster(firm, .groupsOnly)),
            ("se_cl_year_hc1", .cluster(year, .cr1)), ("se_cl_twoway_hc1", .twoWayCluster(firm, year)),
        ]
        for (key, type) in cases {
            Self.expectClose(try fit.coefficients(type), try f.object(key), tolerance: 1e-8, what: key) { $0.standardError }
        }
        Self.expectClose(try fit.coefficients(), try f.object("coef"), tolerance: 1e-10, what: "coef") { $0.estimate }
        // The full covariance, off-diagonal included.
        guard let v = f["vcov_cl_firm_hc1"] as? [[NSNumber]] else { Issue.record("no vcov_cl_firm_hc1"); return }
        let mine = try fit.covariance(.cluster(firm))
        for i in 0..<2 { for j in 0..<2 { #expect(relativeError(mine[i, j], exactDouble(v[i][j])!) < 1e-8) } }
    }

    @Test func weightedClusterRobust() throws {
        let f = try Fixtures.object("numerics/ols_petersen.json")
        let design = try FixtureDesign(f.object("design"))
        let firm = ClusterIndex(name: "firm", labels: try f.object("cluster").doubles("firm").map(Int.init))
        let r = try f.object("wls")
        let fit = try LinearModel.fit(x: design.matrix, names: design.names, y: f.doubles("y"), weights: r.doubles("weights"))
        #expect(relativeError(fit.sigma, try r.double("sigma")) < 1e-10)
        Self.expectClose(try fit.coefficients(), try r.object("coef"), tolerance: 1e-10, what: "coef") { $0.estimate }
        Self.expectClose(try fit.coefficients(), try r.object("se_iid"), tolerance: 1e-9, what: "se_iid") { $0.standardError }
        Self.expectClose(try fit.coefficients(.cluster(firm)), try r.object("se_cl_firm_hc1"), tolerance: 1e-8, what: "se_cl") { $0.standardError }
    }

    @Test func smallSampleFactorUsesTheNumberOfCoefficients() throws {
        let f = try Fixtures.object("numerics/ols_petersen.json")
        let r = try f.object("quadratic_year_fe")
        let design = try FixtureDesign(r.object("design"))
        let firm = ClusterIndex(name: "firm", labels: try f.object("cluster").doubles("firm").map(Int.init))
        let fit = try LinearModel.fit(x: design.matrix, names: design.names, y: f.doubles("y"))
        #expect(fit.keptColumns.count == Int(try r.double("k")))
        Self.expectClose(try fit.coefficients(), try r.object("coef"), tolerance: 1e-9, what: "coef") { $0.estimate }
        Self.expectClose(try fit.coefficients(.cluster(firm)), try r.object("se_cl_firm_hc1"), tolerance: 1e-8, what: "se_cl") { $0.standardError }
    }

    @Test func aSingleClusterIsAClearError() throws {
        let x = Matrix(columns: [[1, 1, 1, 1], [1, 2, 3, 4]])
        let fit = try LinearModel.fit(x: x, names: ["(Intercept)", "x"], y: [1, 3, 2, 5])
        let one = ClusterIndex(name: "stadsdel", labels: [7, 7, 7, 7])
        #expect(throws: NumericsError.self) { try fit.covariance(.cluster(one)) }
        do { _ = try fit.covariance(.cluster(one)) } catch { #expect("\(error)".contains("'stadsdel' has 1 cluster")) }
    }
}
