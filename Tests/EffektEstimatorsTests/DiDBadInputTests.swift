@testable import EffektEstimators
import EffektNumerics
import EffektTestSupport
import Foundation
import Testing

/// Inputs an estimator cannot (fully) handle: a clear message, and whatever is estimable still
/// reported.
@Suite struct DiDBadInputTests {
    /// A small simulated panel: `units` × periods 1...`periods`, groups from `group(unit)`.
    static func panel(units: Int = 60, periods: Int = 6, cluster: ((Int) -> Int)? = nil,
                      group: (Int) -> Int = { $0 % 3 == 0 ? 0 : ($0 % 3 == 1 ? 3 : 5) },
                      covariate: ((Int, Int) -> Double)? = nil) throws -> PanelData {
        var unit: [Int] = [], time: [Int] = [], y: [Double] = [], g: [Int] = [], x: [Double] = [], c: [Int] = []
        var stream = RandomStream(seed: 99, stream: 0)
        for i in 1...units {
            let alpha = stream.normal()
            for t in 1...periods {
                unit.append(i); time.append(t); g.append(group(i))
                let xi = covariate?(i, t) ?? stream.normal()
                x.append(xi)
                c.append(cluster?(i) ?? i)
                let treated = group(i) > 0 && t >= group(i)
                y.append(alpha + 0.1 * Double(t) + 0.5 * xi + (treated ? 1 : 0) + stream.normal())
            }
        }
        return try PanelData(unit: unit, time: time, outcome: y, group: g, covariates: [("x", x)],
                             cluster: cluster == nil ? nil : c)
    }

    // MARK: TWFE

    @Test func singleClusterReportsEstimatesWithoutStandardErrors() throws {
        let r = try TWFE.fit(try Self.panel(cluster: { _ in 7 }), .init(covariates: ["x"], clustering: .panelVariable))
        #expect(r.clusters == 1)
        let d = try #require(r["D"])
        #expect(d.estimate != nil && d.standardError == nil && d.pValue == nil)
        #expect(d.note?.contains("only 1 cluster") == true)
        #expect(r.covariance == nil)
        #expect(r.notes.contains { $0.contains("cluster-robust standard errors need at least two clusters") })
        // The same fit with unit clusters has SEs.
        #expect(try TWFE.fit(try Self.panel(cluster: { _ in 7 }), .init(covariates: ["x"]))["D"]?.standardError != nil)
    }

    @Test func timeInvariantTreatmentIsAbsorbedByTheUnitEffects() throws {
        let r = try TWFE.fit(try DiDData.mpdta(), .init(treatment: .column("treat")))
        let term = try #require(r["treat"])
        #expect(term.estimate == nil)
        #expect(term.note?.contains("'treat' does not vary within any countyreal (time-invariant), so it is absorbed by the countyreal fixed effects") == true)
        #expect(r.estimatedTerms.isEmpty)
        // With a time-varying covariate the estimable part is still reported.
        let mixed = try TWFE.fit(try DiDData.unbalanced(), .init(treatment: .column("Dcsv"), covariates: ["x"]))
        #expect(mixed["x"]?.estimate != nil && mixed["Dcsv"]?.estimate != nil)
        let csv = try NumericCSV(Fixtures.url("did/unbalanced_panel.csv"))
        let ever = csv.ints("cohort").map { $0 > 0 ? 1.0 : 0.0 }
        let p = try PanelData(unit: csv.ints("unit"), time: csv.ints("period"), outcome: csv["y"], group: csv.ints("cohort"),
                              covariates: [("x", csv["x"]), ("ever", ever)])
        let absorbed = try TWFE.fit(p, .init(treatment: .column("ever"), covariates: ["x"]))
        #expect(absorbed["ever"]?.estimate == nil && absorbed["ever"]?.note?.contains("time-invariant") == true)
        let x = try #require(absorbed["x"])
        #expect(x.estimate != nil && x.standardError != nil)
    }

    @Test func everyoneTreatedAtOnceIsAbsorbedByTheTimeEffects() throws {
        let p = try Self.panel(group: { _ in 4 })
        let r = try TWFE.fit(p, .init(covariates: ["x"]))
        let d = try #require(r["D"])
        #expect(d.estimate == nil)
        #expect(d.note?.contains("every unit is first treated in time 4") == true)
        #expect(d.note?.contains("absorbed by the time fixed effects") == true)
        let x = try #require(r["x"]?.estimate)
        #expect(abs(x - 0.5) < 0.2)
        // Event-time dummies coincide with period dummies as well.
        let es = try TWFE.fit(p, .init(treatment: .eventTime(EventTimeDesign()), covariates: ["x"]))
        #expect(es.estimatedTerms == ["x"])
        #expect(es.terms.filter { $0.eventTime != nil }.allSatisfy { $0.note?.contains("every unit is first treated") == true })
    }

    @Test func eventTimesWithoutObservationsAreReportedAsNotEstimable() throws {
        // mpdta's event times run from −4 to 3; the window asks for −6...5.
        let r = try TWFE.fit(try DiDData.mpdta(), .init(treatment: .eventTime(EventTimeDesign(window: -6...5))))
        for e in [-6, -5, 4, 5] {
            let term = try #require(r.terms.first { $0.eventTime == e })
            #expect(term.estimate == nil && term.note == "no observations at event time \(e): '\(term.name)' is not estimable")
        }
        // The estimable dummies equal the unrestricted event study's.
        let full = try TWFE.fit(try DiDData.mpdta(), .init(treatment: .eventTime(EventTimeDesign())))
        for name in ["ev_m4", "ev_m2", "ev_0", "ev_3"] {
            #expect(relativeError(try #require(r[name]?.estimate), try #require(full[name]?.estimate)) < 1e-12)
        }
        #expect(r.pretrendTest?.terms == ["ev_m4", "ev_m3", "ev_m2"])
    }

    @Test func binnedEndpointsEqualHandMadeDummies() throws {
        let csv = try NumericCSV(Fixtures.datasetURL("mpdta.csv"))
        let years = csv.ints("year"), groups = csv.ints("first.treat")
        func dummy(_ keep: (Int) -> Bool) -> [Double] {
            zip(years, groups).map { t, g in g > 0 && keep(t - g) ? 1 : 0 }
        }
        let p = try PanelData(unit: csv.ints("countyreal"), time: years, outcome: csv["lemp"], group: groups,
                              covariates: [("le_m2", dummy { $0 <= -2 }), ("e0", dummy { $0 == 0 }), ("ge_1", dummy { $0 >= 1 })])
        let binned = try TWFE.fit(p, .init(treatment: .eventTime(EventTimeDesign(window: -2...1, binEndpoints: true))))
        #expect(binned.terms.map(\.name) == ["ev_le_m2", "ev_0", "ev_ge_1"])
        let dense = try TWFE.fit(p, .init(treatment: .column("le_m2"), covariates: ["e0", "ge_1"]))
        for (a, b) in zip(binned.terms, dense.terms) {
            #expect(relativeError(try #require(a.estimate), try #require(b.estimate)) < 1e-10)
            #expect(relativeError(try #require(a.standardError), try #require(b.standardError)) < 1e-10)
        }
        #expect(binned.pretrendTest?.degreesOfFreedom == 1)
    }

    @Test func rowLevelClusterScoresEqualUnitScores() throws {
        // The serial per-row cluster path and the parallel per-unit path sum the same scores.
        let panel = try DiDData.unbalanced()
        let layout = TwoWayLayout(rowUnit: panel.rowUnit, rowPeriod: panel.rowPeriod, unitStart: panel.unitStart,
                                  periodCount: panel.periodCount)
        let design = DesignColumns(columns: [.values(panel.covariates[0]), .values(panel.outcome)], categories: [])
        let demeaning = try TwoWayDemeaning(layout: layout, design: design, tolerance: 1e-12, maxIterations: 1000)
        let byUnit = TWFE.scores(layout: layout, design: design, demeaning: demeaning, kept: [0], beta: [0.7], target: nil,
                                 targetCount: layout.unitCount)
        let byRow = TWFE.scores(layout: layout, design: design, demeaning: demeaning, kept: [0], beta: [0.7],
                                target: panel.rowUnit, targetCount: layout.unitCount)
        #expect(zip(byUnit, byRow).allSatisfy { abs($0 - $1) < 1e-12 })
        // A cluster variable that varies within units takes the per-row path; K then counts the unit FE.
        let p = try Self.panel(cluster: { $0 % 7 })
        let csv = try NumericCSV(Fixtures.url("did/unbalanced_panel.csv"))
        let periodCluster = try PanelData(unit: csv.ints("unit"), time: csv.ints("period"), outcome: csv["y"],
                                          group: csv.ints("cohort"), cluster: csv.ints("period"))
        let r = try TWFE.fit(periodCluster, .init(clustering: .panelVariable))
        #expect(r.clusters == 12 && r.smallSample.tDegreesOfFreedom == 11)
        #expect(r.smallSample.nestedFixedEffects == ["time"])
        #expect(r.smallSample.parameters == 1 + 300)
        #expect(r["D"]?.standardError != nil)
        let grouped = try TWFE.fit(p, .init(clustering: .panelVariable))
        #expect(grouped.clusters == 7 && grouped.smallSample.nestedFixedEffects == ["unit"])
    }

    @Test func nonConvergenceIsAClearError() throws {
        let message = DiDData.message { _ = try TWFE.fit(try DiDData.unbalanced(), .init(maxIterations: 2)) }
        #expect(message?.contains("did not converge in 2 sweeps") == true)
    }

    @Test func singletonsAreRemovedWithANote() throws {
        // Unit 99 has a single row.
        let p = try PanelData(unit: [1, 1, 1, 2, 2, 2, 3, 3, 3, 99], time: [1, 2, 3, 1, 2, 3, 1, 2, 3, 2],
                              outcome: [1, 2, 4, 2, 2, 3, 0, 1, 1, 5], group: [0, 0, 0, 2, 2, 2, 3, 3, 3, 0])
        let r = try TWFE.fit(p)
        #expect(r.observations == 9 && r.droppedSingletons == 1 && r.units == 3)
        #expect(r.notes.first?.contains("removed 1 row(s)") == true)
        let kept = try TWFE.fit(p, .init(dropSingletons: false))
        #expect(kept.observations == 10)
        #expect(relativeError(try #require(kept["D"]?.estimate), try #require(r["D"]?.estimate)) < 1e-10)
    }

    // MARK: Callaway & Sant'Anna

    @Test func cellsWithoutUsableComparisonUnitsAreNotEstimatedAndTheRestIs() throws {
        // Never-treated units all have x = 0: the outcome regression has no variation among
        // comparison units when only they are available (late periods), but later cohorts add
        // it while they are not yet treated.
        let p = try Self.panel(units: 90, periods: 8, group: { $0 % 3 == 0 ? 0 : ($0 % 3 == 1 ? 3 : 6) },
                               covariate: { i, _ in i % 3 == 0 ? 0 : Double(i % 11) })
        let r = try CallawaySantAnna(panel: p, specification: .init(controlGroup: .notYetTreated, estimator: .outcomeRegression,
                                                                    covariates: ["x"])).estimate()
        let missing = r.cells.filter { $0.att == nil }
        #expect(!missing.isEmpty)
        #expect(missing.allSatisfy { $0.note?.contains("not enough comparison units") == true && $0.note?.contains("not estimable") == true })
        // Cohort 6 in period 7 compares with never-treated units only; cohort 3 in period 4 also with cohort 6.
        #expect(r.cell(group: 6, time: 7)?.att == nil)
        #expect(r.cell(group: 3, time: 4)?.att != nil)
        #expect(missing.count < r.cells.count)
        #expect(r.warnings.contains { $0.contains("cohort 6 in period 7 (base period 5)") })
        let simple = try r.aggregate(.simple)
        #expect(simple.warnings.first?.contains("could not be estimated and are left out") == true)
        #expect(simple.overallStandardError != nil)
        // With never-treated comparisons only, every cell fails: nothing to aggregate.
        let never = try CallawaySantAnna(panel: p, specification: .init(estimator: .outcomeRegression, covariates: ["x"])).estimate()
        #expect(never.cells.allSatisfy { $0.att == nil })
        #expect(DiDData.message { _ = try never.aggregate(.simple) }?.contains("nothing to aggregate") == true)
    }

    @Test func unbalancedPanelsAreBalancedAsRDidOrRefused() throws {
        let full = try Self.panel()
        // Drop unit 5's period 2 and unit 8's period 6.
        var unit: [Int] = [], time: [Int] = [], y: [Double] = [], g: [Int] = []
        let base = try CallawaySantAnna(panel: full).estimate()
        let csvLike = (0..<full.rowCount).map { r in (full.unitIDs[Int(full.rowUnit[r])], full.periods[Int(full.rowPeriod[r])]) }
        for (r, (u, t)) in csvLike.enumerated() where !((u == 5 && t == 2) || (u == 8 && t == 6)) {
            unit.append(u); time.append(t); y.append(full.outcome[r]); g.append(full.unitGroup[Int(full.rowUnit[r])])
        }
        let unbalanced = try PanelData(unit: unit, time: time, outcome: y, group: g)
        #expect(!unbalanced.isBalanced)
        let r = try CallawaySantAnna(panel: unbalanced).estimate()
        #expect(r.unitCount == 58)
        #expect(r.warnings.contains("Dropped 2 units while converting to a balanced panel (units not observed in every period; R did's default, allow_unbalanced_panel = FALSE)."))
        #expect(r.cells.map(\.att) != base.cells.map(\.att))
        let refused = DiDData.message {
            _ = try CallawaySantAnna(panel: unbalanced, specification: .init(unbalancedPanel: .refuse))
        }
        #expect(refused?.contains("the panel is unbalanced: 2 unit(s) are not observed in every period") == true)
    }

    @Test func refusalsNameTheProblem() throws {
        let varying = DiDData.message {
            _ = try CallawaySantAnna(panel: try Self.panel(), specification: .init(covariates: ["x"]))
        }
        #expect(varying?.contains("covariate 'x' varies over time within unit 1") == true)
        let noNever = try Self.panel(group: { $0 % 2 == 0 ? 3 : 5 })
        let never = DiDData.message { _ = try CallawaySantAnna(panel: noNever) }
        #expect(never?.contains("there is no never-treated group") == true)
        let notYet = try CallawaySantAnna(panel: noNever, specification: .init(controlGroup: .notYetTreated))
        #expect(notYet.cohorts == [3] && notYet.periods == [1, 2, 3, 4])
        #expect(notYet.warnings.contains { $0.contains("cohort 5 serves only as a comparison group") })
        #expect(try notYet.estimate().cells.allSatisfy { $0.att != nil })
        let unknown = DiDData.message { _ = try CallawaySantAnna(panel: noNever, specification: .init(covariates: ["age"])) }
        #expect(unknown?.contains("no covariate named 'age'") == true)
    }
}
