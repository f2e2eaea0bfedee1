import EffektData
import EffektEstimators
@testable import EffektEvaluation
import EffektReports
import EffektTestSupport
import Foundation
import Synchronization
import Testing

/// Batch models on the shipped simulated register: they agree with `effekt evaluate`, do not
/// depend on the number of jobs or on sharing, and their files read back unchanged.
@Suite struct BatchTests {
    /// Runs `spec` on the simulated register and returns the results in grid order.
    static func run(_ spec: BatchSpec, jobs: Int, shareDesigns: Bool = true) throws -> [BatchResult] {
        var runner = try BatchRunner(spec: spec, register: ReportFixture.register, jobs: jobs)
        runner.shareDesigns = shareDesigns
        let collected = Mutex<[BatchResult]>([])
        try runner.run(runner.models) { _, result in collected.withLock { $0.append(result) } }
        return collected.withLock { $0 }.sorted { $0.index < $1.index }
    }

    static var sjobb: BatchSpec {
        var spec = BatchSpec(data: "spec.json")
        spec.insatser = ["SJOBB"]
        spec.subgroups = [.all, .variable(.sex)]
        spec.horizons = [12, 24]
        return spec
    }

    @Test func modelsAgreeWithTheEvaluation() throws {
        let results = try Self.run(Self.sjobb, jobs: 2)
        let evaluation = try #require(ReportFixture.evaluation.insatser.first { $0.code == "SJOBB" })
        #expect(results.count == 4)
        for horizon in [12, 24] {
            let all = try #require(results.first { $0.subgroup == "all" && $0.horizon == horizon })
            let expected = try #require(evaluation.effect(.kronor, horizon: horizon))
            let estimate = try #require(all.estimates.first)
            #expect(all.status == .estimated && estimate.level == "all")
            #expect(relativeError(try #require(estimate.att), expected.att) < 1e-12)
            #expect(relativeError(try #require(estimate.standardError), expected.standardError) < 1e-12)
            #expect(all.participants == evaluation.participants && all.matched == evaluation.matched)
            let bySex = try #require(results.first { $0.subgroup == "sex" && $0.horizon == horizon })
            let subgroups = evaluation.subgroups.filter { $0.variable == "sex" }
            #expect(bySex.estimates.map(\.level) == subgroups.map(\.level))
            for (estimate, subgroup) in zip(bySex.estimates, subgroups) {
                let effect = try #require(horizon == 12 ? subgroup.twelve : subgroup.twentyFour)
                #expect(relativeError(try #require(estimate.att), effect.att) < 1e-12, "\(subgroup.level)")
                #expect(estimate.participants == subgroup.participants && estimate.controls == subgroup.controls)
            }
        }
    }

    @Test func resultsDoNotDependOnJobsOrSharing() throws {
        var spec = Self.sjobb
        spec.insatser = ["SJOBB", "VAGL"]
        spec.outcomes = [.kronor, .receipt]
        spec.variants = [DesignVariant(name: "standard"), { var v = DesignVariant(name: "ratio2"); v.ratio = 2; return v }()]
        let one = try Self.run(spec, jobs: 1)
        #expect(one.count == 2 * 2 * 2 * 2 * 2)
        #expect(try Self.run(spec, jobs: 2) == one)
        #expect(try Self.run(spec, jobs: 2, shareDesigns: false) == one)
        #expect(one.first { $0.variant == "ratio2" }!.estimates[0].att != one.first { $0.variant == "standard" }!.estimates[0].att)
    }

    @Test func smallCellsAreWithheldBeforeAnyFile() throws {
        var spec = Self.sjobb
        spec.subgroups = [.variable(.district)]
        spec.horizons = [12]
        spec.minCell = 40
        let result = try #require(try Self.run(spec, jobs: 1).first)
        #expect(result.estimates.contains { $0.participants == nil })
        for estimate in result.estimates where estimate.participants == nil || estimate.controls == nil {
            #expect(estimate.att == nil && estimate.standardError == nil && estimate.note != nil)
        }
    }

    @Test func aModelFileReadsBackUnchanged() throws {
        let result = try #require(try Self.run(Self.sjobb, jobs: 1).last)
        let text = JSONWriter().render(result.json(variant: DesignVariant(name: "standard"), formula: "f", seed: 1))
        let back = try BatchResult(json: Data(text.utf8), file: "m.json")
        #expect(back == result)
        var failed = BatchResult(model: BatchSpec(data: "x").models(catalogue: ["A"])[0], status: .failed)
        failed.message = "no overlap"
        let row = CSVWriter.international.render(header: BatchResult.csvHeader, rows: failed.csvRows)
        #expect(row.hasSuffix("A.standard.all.kr.h12,A,standard,all,,kr,12,failed,,,,,,,,,,,,no overlap\n"))
    }

    @Test func shardsPartitionTheGridByFitGroup() throws {
        var spec = BatchSpec(data: "x")
        spec.subgroups = [.all, .variable(.sex)]
        spec.horizons = [6, 12]
        var narrow = DesignVariant(name: "narrow")
        narrow.caliper = 0.05
        var exclusive = DesignVariant(name: "exclusive")
        exclusive.excludeOtherInsatser = true
        spec.variants = [DesignVariant(name: "standard"), narrow, exclusive]
        let models = spec.models(catalogue: ["A", "B", "C"])
        #expect(models.count == 3 * 3 * 2 * 2)
        #expect(Set(models.map(\.id)).count == models.count)
        let shards = try (1...4).map { try BatchShard(index: $0, count: 4).select(models) }
        #expect(shards.flatMap { $0.map(\.index) }.sorted() == Array(0..<models.count))
        for shard in shards {
            #expect(!shard.isEmpty)
            for model in shard {
                // Standard and narrow share a propensity fit, so they are in the same shard.
                let sibling = models.first { $0.insats == model.insats && $0.variant.name != model.variant.name
                    && !$0.variant.excludeOtherInsatser && !model.variant.excludeOtherInsatser }
                if let sibling { #expect(shard.contains(sibling)) }
            }
        }
        // More shards than fit groups: models are dealt out one by one.
        let many = try (1...10).map { try BatchShard(index: $0, count: 10).select(models) }
        #expect(many.map(\.count).allSatisfy { $0 >= 3 })
        #expect(throws: EstimationError.self) { try BatchShard(index: 0, count: 3) }
    }

    @Test(arguments: [
        (#"{"grid": {}}"#, "missing key \"data\""),
        (#"{"data": "s.json", "grid": {"horizon": [12]}}"#, "grid.horizon: unknown key"),
        (#"{"data": "s.json", "grid": {"outcomes": ["kronor"]}}"#, "grid.outcomes[0]: unknown outcome \"kronor\""),
        (#"{"data": "s.json", "grid": {"horizons": [12, 0]}}"#, "grid.horizons[1]: expected a whole number from 1 to 60"),
        (#"{"data": "s.json", "grid": {"variants": [{"name": "a"}, {"name": "a"}]}}"#, "\"a\" appears twice"),
        (#"{"data": "s.json", "grid": {"variants": [{"name": "a b"}]}}"#, "grid.variants[0].name"),
        (#"{"data": "s.json", "grid": {"variants": [{"name": "a", "ratio": true}]}}"#, "grid.variants[0].ratio"),
        (#"{"data": "s.json", "grid": {"variants": [{"name": "a", "formula": "treat ~ age +"}]}}"#, "grid.variants[0].formula"),
        (#"{"data": "s.json", "grid": {"subgroups": []}}"#, "grid.subgroups: the list is empty"),
        (#"{"data": "s.json", "seed": 1.5}"#, "seed: expected a whole number"),
        (#"{"data": "s.json""#, "not valid JSON"),
    ])
    func specMistakesNameTheKey(json: String, message: String) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString).json")
        try json.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: DataError.self) { try BatchSpec.load(url) }
        #expect(error.description.contains(message), "\(error)")
        #expect(error.description.hasPrefix(url.lastPathComponent))
    }

    @Test func aFullSpecReads() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString).json")
        try #"""
        {"data": "reg/spec.json", "seed": 7, "min_cell": 10,
         "grid": {"insatser": ["SE"], "outcomes": ["kr", "self_sufficient"], "subgroups": ["all", "age"], "horizons": [6, 24],
                  "variants": [{"name": "wide", "caliper": null, "ratio": 3, "exclude_other_insatser": true,
                                "eligibility_months": 3, "exact_district": true, "formula": "treat ~ age + sex"}]}}
        """#.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let spec = try BatchSpec.load(url)
        #expect(spec.seed == 7 && spec.minCell == 10 && spec.insatser == ["SE"])
        #expect(spec.outcomes == [.kronor, .selfSufficient] && spec.subgroups == [.all, .variable(.age)] && spec.horizons == [6, 24])
        let v = try #require(spec.variants.first)
        #expect(v.caliper == nil && v.ratio == 3 && v.excludeOtherInsatser && v.eligibilityMonths == 3 && v.exactDistrict)
        #expect(v.formula == "treat ~ age + sex")
        #expect(spec.eventMonths == -12...23)
        #expect(spec.datasetURL(specURL: url) == url.deletingLastPathComponent().appendingPathComponent("reg/spec.json"))
    }
}
