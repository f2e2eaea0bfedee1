@testable import EffektEstimators
import EffektNumerics
import EffektTestSupport
import Foundation
import Testing

/// The multiplier bootstrap of the ATT(g,t) and their aggregations.
@Suite struct DiDBootstrapTests {
    static func run(seed: UInt64, draws: Int = 999, cluster: Bool = false, panel: PanelData? = nil) throws -> GroupTimeATT {
        let spec = GroupTimeATTSpecification(clusterOnPanelVariable: cluster, bootstrap: MultiplierBootstrapOptions(draws: draws, seed: seed))
        return try CallawaySantAnna(panel: try panel ?? DiDData.mpdta(), specification: spec).estimate()
    }

    @Test func sameSeedGivesIdenticalDrawsAndAnotherSeedDoesNot() throws {
        let a = try Self.run(seed: 11), b = try Self.run(seed: 11), c = try Self.run(seed: 12)
        #expect(a.bootstrapDraws == b.bootstrapDraws)
        #expect(a.cells.map(\.standardError) == b.cells.map(\.standardError))
        #expect(a.uniformCriticalValue == b.uniformCriticalValue)
        #expect(a.bootstrapDraws != c.bootstrapDraws)
        #expect(a.cells.map(\.standardError) != c.cells.map(\.standardError))
        let da = try a.aggregate(.dynamic), db = try b.aggregate(.dynamic)
        #expect(da.entries == db.entries && da.overallStandardError == db.overallStandardError)
    }

    @Test func drawsDoNotDependOnTheNumberOfThreads() throws {
        let r = try Self.run(seed: 3, draws: 10)
        let boot = MultiplierBootstrap(options: .init(draws: 999, seed: 5), clusterOfUnit: nil, clusterCount: r.unitCount)
        let one = boot.replicates(r.influenceFunctions, workers: 1)
        let two = boot.replicates(r.influenceFunctions, workers: 2)
        let many = boot.replicates(r.influenceFunctions, workers: 7)
        #expect(one == two && two == many)
        #expect(one.storage.contains { $0 != 0 })
    }

    @Test func skippingZeroBlocksGivesTheDenseResult() throws {
        // The notyettreated design has comparison blocks that change with the period.
        let spec = GroupTimeATTSpecification(controlGroup: .notYetTreated)
        let prepared = try CallawaySantAnna(panel: try DiDData.mpdta(), specification: spec)
        let r = try prepared.estimate()
        let pattern = GroupTimeATT.pattern(prepared: prepared, plan: prepared.plan(), estimated: r.cells.map { $0.att != nil })
        #expect(pattern.blocks.count == 4)
        let boot = MultiplierBootstrap(options: .init(draws: 200, seed: 9), clusterOfUnit: nil, clusterCount: r.unitCount)
        let dense = boot.replicates(r.influenceFunctions), sparse = boot.replicates(r.influenceFunctions, pattern: pattern)
        var worst = 0.0
        for i in 0..<dense.storage.count { worst = max(worst, abs(dense.storage[i] - sparse.storage[i])) }
        #expect(worst < 1e-13)
    }

    @Test func weightsAreMammenDrawsOfTheRandomStream() {
        let w = MultiplierBootstrap.weights(seed: 42, block: 3, draws: 5, count: 400)
        var stream = RandomStream(seed: 42, stream: 3)
        #expect(w == (0..<2000).map { _ in stream.mammen() })
        // Mean 0, variance 1 (2000 draws: loose bounds).
        let mean = w.reduce(0, +) / 2000, variance = w.reduce(0) { $0 + $1 * $1 } / 2000
        #expect(abs(mean) < 0.1 && abs(variance - 1) < 0.15)
    }

    @Test func bootstrapStandardErrorsAreCloseToAnalyticAndBandsAreWider() throws {
        let r = try Self.run(seed: 2024)
        let z = try Normal.quantile(0.975)
        let crit = try #require(r.uniformCriticalValue)
        #expect(crit > z && crit < 4)
        var worst = 0.0
        for cell in r.cells {
            let se = try #require(cell.standardError), analytic = try #require(cell.analyticStandardError)
            worst = max(worst, abs(se / analytic - 1))
            let ci = try #require(cell.confidenceInterval), band = try #require(cell.uniformBand)
            #expect(band.lowerBound < ci.lowerBound && band.upperBound > ci.upperBound)
        }
        #expect(worst < 0.10, "largest relative difference bootstrap vs analytic SE: \(worst)")
        for type in [AggregationType.simple, .dynamic, .group, .calendar] {
            let boot = try r.aggregate(type)
            let analytic = try CallawaySantAnna(panel: try DiDData.mpdta()).estimate().aggregate(type)
            #expect(boot.bootstrapped && !analytic.bootstrapped)
            #expect(boot.overallATT == analytic.overallATT)
            let ratio = try #require(boot.overallStandardError) / (try #require(analytic.overallStandardError))
            #expect(abs(ratio - 1) < 0.10, "\(type): overall SE ratio \(ratio)")
            for (e, a) in zip(boot.entries, analytic.entries) {
                let ratio = try #require(e.standardError) / (try #require(a.standardError))
                #expect(abs(ratio - 1) < 0.12, "\(type) \(e.value): SE ratio \(ratio)")
                if let band = e.uniformBand, let ci = e.confidenceInterval {
                    #expect(band.lowerBound <= ci.lowerBound && band.upperBound >= ci.upperBound)
                }
            }
            if type != .simple {
                #expect(try #require(boot.uniformCriticalValue) > z)
                #expect(analytic.uniformCriticalValue == nil && analytic.entries.allSatisfy { $0.uniformBand == nil })
            }
        }
    }

    /// mpdta with a cluster variable grouping counties by id (about 10 per cluster).
    static func clusteredPanel(varying: Bool = false) throws -> PanelData {
        let csv = try NumericCSV(Fixtures.datasetURL("mpdta.csv"))
        let ids = csv.ints("countyreal"), years = csv.ints("year")
        let cluster = zip(ids, years).map { id, year in varying && id == 8001 && year == 2007 ? 0 : id / 50 }
        return try PanelData(unit: ids, time: years, outcome: csv["lemp"], group: csv.ints("first.treat"),
                             covariates: [("lpop", csv["lpop"])], cluster: cluster,
                             names: .init(unit: "countyreal", time: "year", outcome: "lemp", group: "first.treat", cluster: "block"))
    }

    @Test func clusteringSumsInfluenceFunctionsWithinClusters() throws {
        let panel = try Self.clusteredPanel()
        let spec = GroupTimeATTSpecification(clusterOnPanelVariable: true)
        let r = try CallawaySantAnna(panel: panel, specification: spec).estimate()
        let plain = try CallawaySantAnna(panel: panel).estimate()
        #expect(r.clusterCount < r.unitCount && r.clusterCount > 50)
        #expect(r.cells.map(\.att) == plain.cells.map(\.att))
        // Analytic clustered SE = √(Σ_c (Σ_{i∈c} ψ_i)²)/n, computed here by hand for one cell.
        let j = try #require(r.cells.firstIndex { $0.group == 2006 && $0.time == 2007 })
        var sums: [Int: Double] = [:]
        let clusterOfUnit = r.unitIDs.map { $0 / 50 }
        for i in 0..<r.unitCount { sums[clusterOfUnit[i], default: 0] += r.influenceFunctions[i, j] }
        let manual = sums.values.reduce(0) { $0 + $1 * $1 }.squareRoot() / Double(r.unitCount)
        #expect(relativeError(try #require(r.cells[j].standardError), manual) < 1e-12)
        #expect(r.cells[j].standardError != plain.cells[j].standardError)
        // The clustered bootstrap agrees with the clustered analytic SEs.
        let boot = try Self.run(seed: 77, cluster: true, panel: panel)
        var worst = 0.0
        for (b, a) in zip(boot.cells, r.cells) {
            guard let sb = b.standardError, let sa = a.standardError else { continue }
            worst = max(worst, abs(sb / sa - 1))
        }
        #expect(worst < 0.15, "clustered bootstrap vs analytic: \(worst)")
        let message = DiDData.message {
            _ = try CallawaySantAnna(panel: try Self.clusteredPanel(varying: true), specification: spec)
        }
        #expect(message?.contains("time-varying cluster variables are not supported") == true)
    }
}
