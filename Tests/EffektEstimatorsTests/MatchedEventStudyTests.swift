import EffektData
import EffektEstimators
import EffektNumerics
import EffektTestSupport
import Testing

@Suite struct MatchedEventStudyTests {
    /// A panel of `persons` × `months` with the given kronor.
    static func panel(persons: Int, months: Int, kronor: (Int, Int) -> Double) -> PersonMonthPanel {
        var person: [Int32] = [], month: [Int32] = [], kr: [Double] = []
        for p in 0..<persons { for t in 0..<months { person.append(Int32(p)); month.append(Int32(t)); kr.append(kronor(p, t)) } }
        return PersonMonthPanel(window: StudyWindow(firstMonth: 24_000, lastMonth: Int32(24_000 + months - 1)), persons: persons,
                                insatsCount: 0, payments: (person, month, kr), starts: ([], [], []))
    }

    @Test func recoversAKnownEffectExactly() throws {
        // Treated persons 0..<10 start in month 20; their outcome is the control's plus τ(e) = −100·(e+1) from e = 0.
        let base: (Int) -> Double = { p in 3000 + 37 * Double(p % 10) }
        let panel = Self.panel(persons: 20, months: 60) { p, t in
            let level = base(p) + 10 * Double(t)
            return p < 10 && t >= 20 ? level - 100 * Double(t - 20 + 1) : level
        }
        let pairs = (0..<10).map { MatchedPair(treated: Int32($0), control: Int32($0 + 10), month: 20) }
        let study = try MatchedEventStudy(panel: panel, pairs: pairs)
        for estimate in study.monthly {
            let truth = estimate.eventMonth < 0 ? 0 : -100 * Double(estimate.eventMonth + 1)
            #expect(abs(estimate.att - truth) < 1e-9)
        }
        let twelve = study.cumulative.first { $0.horizon == 12 }!
        #expect(abs(twelve.att - (-100 * 78)) < 1e-8)   // −100·(1 + … + 12)
    }

    /// With reused controls, the standard error equals the cluster-robust sandwich of the stacked
    /// difference in means (validated against R's sandwich::vcovCL in LinearModelTests), clustered
    /// on matched sets: persons linked by pairs, directly or through other pairs, are one cluster.
    @Test func standardErrorsEqualTheMatchedSetClusteredSandwich() throws {
        var rng = RandomStream(seed: 7)
        let persons = 60, months = 48
        var values = [Double](repeating: 0, count: persons * months)
        for i in values.indices { values[i] = max(0, 4000 + 1500 * rng.normal()) }
        let panel = Self.panel(persons: persons, months: months) { p, t in values[p * months + t] }
        // 20 treated; controls 20..<60 drawn with reuse; one treated person is also a control earlier.
        var pairs: [MatchedPair] = []
        for t in 0..<20 {
            let month = Int32(14 + t % 8)
            pairs.append(MatchedPair(treated: Int32(t), control: Int32(20 + rng.integer(below: 40)), month: month, weight: 0.5))
            pairs.append(MatchedPair(treated: Int32(t), control: t == 3 ? 5 : Int32(20 + rng.integer(below: 40)), month: month, weight: 0.5))
        }
        let study = try MatchedEventStudy(panel: panel, pairs: pairs, eventMonths: -6...11, horizons: [6, 12])
        // Matched sets: grow each component from a person until no pair adds anyone.
        var component = [Int32: Int]()
        for start in pairs.flatMap({ [$0.treated, $0.control] }) where component[start] == nil {
            let id = Set(component.values).count
            var frontier: Set<Int32> = [start]
            while !frontier.isEmpty {
                for p in frontier { component[p] = id }
                frontier = Set(pairs.flatMap { pair -> [Int32] in
                    frontier.contains(pair.treated) || frontier.contains(pair.control) ? [pair.treated, pair.control] : []
                }).filter { component[$0] == nil }
            }
        }
        #expect(study.clusterCount == Set(component.values).count)
        #expect(study.clusterCount < 20, "reused controls join pairs into fewer clusters than treated persons")
        for estimate in study.monthly where estimate.eventMonth >= -6 {
            // Stack treated and control parts as rows; regress on a treated dummy with pair weights.
            var y: [Double] = [], d: [Double] = [], w: [Double] = [], person: [Int32] = []
            for pair in pairs {
                let m = Int(pair.month)
                func part(_ p: Int32) -> Double {
                    let pre = (-6..<0).reduce(0.0) { $0 + panel.kronor(Int(p), m + $1) } / 6
                    return panel.kronor(Int(p), m + estimate.eventMonth) - pre
                }
                y += [part(pair.treated), part(pair.control)]
                d += [1, 0]
                w += [pair.weight, pair.weight]
                person += [Int32(component[pair.treated]!), Int32(component[pair.control]!)]
            }
            let x = Matrix(columns: [[Double](repeating: 1, count: y.count), d])
            let fit = try LinearModel.fit(x: x, names: ["(Intercept)", "treated"], y: y, weights: w)
            let reference = try fit.coefficients(.cluster(ClusterIndex(name: "matched set", labels: person), .groupsOnly))[1]
            #expect(relativeError(estimate.att, reference.estimate!, floor: 1e-6) < 1e-10)
            #expect(relativeError(estimate.standardError, reference.standardError!) < 1e-10, "e = \(estimate.eventMonth)")
        }
        #expect(study.personCount == Set(pairs.flatMap { [$0.treated, $0.control] }).count)
        #expect(study.placebo!.degreesOfFreedom == 5)
    }

    @Test func pairsOutsideTheDataAreCountedNotUsed() throws {
        let panel = Self.panel(persons: 4, months: 30) { p, t in Double(100 * p + t) }
        let pairs = [MatchedPair(treated: 0, control: 1, month: 15), MatchedPair(treated: 2, control: 3, month: 25)]
        let study = try MatchedEventStudy(panel: panel, pairs: pairs, eventMonths: -12...11, horizons: [6, 12])
        #expect(study.pairCount == 1)
        #expect(study.notes.first?.contains("1 pair(s) left out") == true)
    }
}
