import EffektNumerics
import Foundation

/// What `CallawaySantAnna` estimates: the settings of R `did`'s `att_gt()`.
public struct GroupTimeATTSpecification: Sendable, Equatable {
    /// Comparison units of each ATT(g,t).
    public enum ControlGroup: String, Sendable, Equatable {
        /// Units never treated (group 0).
        case neverTreated = "nevertreated"
        /// Never-treated units and units not yet treated by max(t, base period) + anticipation.
        case notYetTreated = "notyettreated"
    }

    /// The 2×2 estimator of each cell (see `TwoByTwoEstimator`).
    public enum Estimator: String, Sendable, Equatable {
        /// Difference of mean changes; ignores covariates (`est_method` with `xformla = ~1`).
        case unconditional = "none"
        /// Outcome regression, DRDID `reg_did_panel`.
        case outcomeRegression = "reg"
        /// Normalised IPW, DRDID `std_ipw_did_panel`.
        case inverseProbabilityWeighting = "ipw"
        /// Doubly robust, DRDID `drdid_panel` (Stata `dripw`): R `did`'s default.
        case doublyRobust = "dr"
        /// Improved locally efficient doubly robust, DRDID `drdid_imp_panel` (Stata `drimp`).
        case improvedDoublyRobust = "drimp"
    }

    /// Base period of pre-treatment cells (post-treatment cells always compare with the last
    /// period before g − anticipation).
    public enum BasePeriod: String, Sendable, Equatable {
        /// t − 1 (R `did`'s default).
        case varying
        /// The last period before g − anticipation; the cell of that period is 0 by construction.
        case universal
    }

    /// What to do with units not observed in every period.
    public enum UnbalancedPanelPolicy: String, Sendable, Equatable {
        /// Drop them with a warning, as R `did` does by default (`allow_unbalanced_panel = FALSE`).
        case balance
        /// Refuse the panel.
        case refuse
    }

    public var controlGroup: ControlGroup
    public var estimator: Estimator
    /// Names of time-invariant covariates of the panel (an intercept is added).
    public var covariates: [String]
    /// Periods of anticipation δ: cells with t ≥ g − δ are not used as pre-treatment comparisons.
    public var anticipation: Int
    public var basePeriod: BasePeriod
    /// Comparison units with a propensity score at or above this are trimmed (DRDID: 0.995).
    public var trimLevel: Double
    /// Cluster also on the panel's cluster variable (units are always clusters).
    public var clusterOnPanelVariable: Bool
    /// Multiplier bootstrap (SEs and uniform bands) instead of analytic SEs; nil for analytic.
    public var bootstrap: MultiplierBootstrapOptions?
    /// 1 − confidence level of intervals and bands.
    public var alpha: Double
    public var unbalancedPanel: UnbalancedPanelPolicy

    public init(controlGroup: ControlGroup = .neverTreated, estimator: Estimator = .doublyRobust,
                covariates: [String] = [], anticipation: Int = 0, basePeriod: BasePeriod = .varying,
                trimLevel: Double = 0.995, clusterOnPanelVariable: Bool = false,
                bootstrap: MultiplierBootstrapOptions? = nil, alpha: Double = 0.05,
                unbalancedPanel: UnbalancedPanelPolicy = .balance) {
        self.controlGroup = controlGroup
        self.estimator = estimator
        self.covariates = covariates
        self.anticipation = anticipation
        self.basePeriod = basePeriod
        self.trimLevel = trimLevel
        self.clusterOnPanelVariable = clusterOnPanelVariable
        self.bootstrap = bootstrap
        self.alpha = alpha
        self.unbalancedPanel = unbalancedPanel
    }
}

/// Callaway & Sant'Anna (2021) group-time average treatment effects ATT(g,t), as R `did`'s
/// `att_gt()` (2.x) computes them for panel data, prepared once into an immutable value.
///
/// `init` does R `did`'s pre-processing: units first treated after the last period count as
/// never treated; units treated in the first period (or within `anticipation` of it) are dropped;
/// without never-treated units and with not-yet-treated controls, the periods from the last
/// cohort's (g − δ) on are dropped and that cohort serves only as a control; an unbalanced panel
/// is balanced by dropping units not observed in every period (R's default
/// `allow_unbalanced_panel = FALSE`; the repeated-cross-section path R takes with
/// `allow_unbalanced_panel = TRUE` is not implemented — choose `.refuse` to be told instead).
/// Covariates must be time-invariant (checked, naming the first unit where one varies).
///
/// `estimate()` computes every cell in parallel (`Parallel.map`, one task per cell): for cohort
/// g and period t it compares ΔY = Y_t − Y_base of the cohort with that of the comparison units
/// by the chosen 2×2 estimator, where the base is t − 1 (varying) or the last period before
/// g − δ (universal, and for every post-treatment cell). Influence functions are scaled by n/n₁
/// to the whole sample of n units (n₁ = units in the cell), so SE = √(Σψ²)/n; cells that cannot
/// be estimated (no comparison units, overlap violated, singular regression) are reported with
/// the reason and left out of the aggregations.
public struct CallawaySantAnna: Sendable {
    public let specification: GroupTimeATTSpecification
    /// Units used (after the pre-processing), ascending ids.
    public let unitIDs: [Int]
    /// Group of each unit used (0 = never treated / comparison only).
    public let unitGroups: [Int]
    /// Periods used, ascending.
    public let periods: [Int]
    /// Cohorts for which ATT(g,t) is estimated.
    public let cohorts: [Int]
    /// What the pre-processing did.
    public let warnings: [String]

    /// Outcomes, column-major: unit × period.
    let outcome: [Double]
    /// The contiguous block of units of each group, ascending group (0 first).
    let groupBlocks: [GroupBlock]
    /// Intercept and covariates (unit × p), nil without covariates.
    let covariates: Matrix?
    let unitCluster: [Int32]?
    let clusterCount: Int
    let clusterName: String

    public init(panel: PanelData, specification spec: GroupTimeATTSpecification = GroupTimeATTSpecification()) throws {
        specification = spec
        var warnings: [String] = []
        let names = panel.names
        guard spec.anticipation >= 0 else { throw EstimationError("anticipation must be ≥ 0 periods (got \(spec.anticipation))") }
        guard spec.alpha > 0, spec.alpha < 1 else { throw EstimationError("alpha \(spec.alpha) is not between 0 and 1") }
        guard spec.trimLevel > 0, spec.trimLevel <= 1 else { throw EstimationError("trimLevel \(spec.trimLevel) is not in (0, 1]") }
        if let b = spec.bootstrap, b.draws < 2 { throw EstimationError("the bootstrap needs at least 2 draws (got \(b.draws))") }
        let covIndex = try spec.covariates.map { try panel.covariateIndex($0) }
        if spec.estimator == .unconditional && !spec.covariates.isEmpty {
            warnings.append("the unconditional estimator ignores the covariates \(spec.covariates.joined(separator: ", "))")
        }
        if let v = panel.firstTimeVaryingCovariate(among: spec.covariates) {
            throw EstimationError("covariate '\(v.name)' varies over time within \(names.unit) \(v.unit): Callaway & Sant'Anna ATT(g,t) here take time-invariant covariates (use its value in a fixed pre-treatment period)")
        }
        if spec.clusterOnPanelVariable {
            guard panel.hasCluster else {
                throw EstimationError("clustering on the panel's cluster variable was asked for, but the panel has none (pass `cluster:` when building it)")
            }
            guard panel.unitCluster != nil else {
                throw EstimationError("the cluster variable '\(names.cluster)' varies over time within a \(names.unit): time-varying cluster variables are not supported (as in R did)")
            }
        }
        let lastPeriod = panel.periods.last!, firstPeriod = panel.periods.first!
        let delta = spec.anticipation

        // Groups: treated after the last period → never treated.
        var group = panel.unitGroup
        let late = group.filter { $0 > lastPeriod }.count
        if late > 0 {
            for u in 0..<group.count where group[u] > lastPeriod { group[u] = 0 }
            warnings.append("\(late) \(names.unit)(s) first treated after the last period (\(lastPeriod)) are treated as never treated")
        }
        var periodsUsed = panel.periods
        var comparisonOnlyCohort: Int?
        if !group.contains(0) {
            guard spec.controlGroup == .notYetTreated else {
                throw EstimationError("there is no never-treated group (no \(names.unit) with \(names.group) 0): use the not-yet-treated comparison group")
            }
            let gMax = group.max()!
            periodsUsed = periodsUsed.filter { $0 < gMax - delta }
            comparisonOnlyCohort = gMax
            warnings.append("no never-treated \(names.unit)s: periods from \(gMax - delta) on are dropped and cohort \(gMax) serves only as a comparison group (as R did)")
        }
        // Units treated in the first period (given anticipation) are dropped.
        var keepUnit = [Bool](repeating: true, count: panel.unitCount)
        let first = periodsUsed.first ?? firstPeriod
        var droppedEarly = 0
        for u in 0..<group.count where group[u] > 0 && group[u] <= first + delta {
            keepUnit[u] = false
            droppedEarly += 1
        }
        if droppedEarly > 0 {
            warnings.append(delta > 0
                ? "Dropped \(droppedEarly) units that were already treated in the first period (accounting for anticipation = \(delta))."
                : "Dropped \(droppedEarly) units that were already treated in the first period.")
        }
        // Balance.
        let periodPosition = Dictionary(uniqueKeysWithValues: periodsUsed.enumerated().map { ($1, $0) })
        let nT = periodsUsed.count
        guard nT >= 2 else { throw EstimationError("fewer than two periods are left: ATT(g,t) needs a base and a current period") }
        var incomplete = 0
        for u in 0..<panel.unitCount where keepUnit[u] {
            var seen = 0
            for r in panel.unitStart[u]..<panel.unitStart[u + 1] where periodPosition[panel.periods[Int(panel.rowPeriod[r])]] != nil { seen += 1 }
            if seen < nT { incomplete += 1; keepUnit[u] = false }
        }
        if incomplete > 0 {
            if spec.unbalancedPanel == .refuse {
                throw EstimationError("the panel is unbalanced: \(incomplete) \(names.unit)(s) are not observed in every period; balance it, or use the `.balance` policy (drops them, R did's default)")
            }
            warnings.append("Dropped \(incomplete) units while converting to a balanced panel (units not observed in every period; R did's default, allow_unbalanced_panel = FALSE).")
        }
        // Units ordered by group (never treated first), then id: each group is a contiguous block,
        // so every cell works on slices and the bootstrap can skip the blocks outside a cell.
        let units = (0..<panel.unitCount).filter { keepUnit[$0] }.sorted { (group[$0], $0) < (group[$1], $1) }
        guard !units.isEmpty else { throw EstimationError("no \(names.unit)s are left after balancing the panel") }
        let n = units.count
        var y = [Double](repeating: 0, count: n * nT)
        var positionOfCode = [Int](repeating: -1, count: panel.periodCount)
        for (code, p) in panel.periods.enumerated() { positionOfCode[code] = periodPosition[p] ?? -1 }
        for (i, u) in units.enumerated() {
            for r in panel.unitStart[u]..<panel.unitStart[u + 1] {
                let t = positionOfCode[Int(panel.rowPeriod[r])]
                if t >= 0 { y[t * n + i] = panel.outcome[r] }
            }
        }
        outcome = y
        unitIDs = units.map { panel.unitIDs[$0] }
        unitGroups = units.map { group[$0] }
        var blocks: [GroupBlock] = []
        for i in 0..<n where i == 0 || unitGroups[i] != unitGroups[i - 1] {
            if !blocks.isEmpty { blocks[blocks.count - 1].units = blocks[blocks.count - 1].units.lowerBound..<i }
            blocks.append(GroupBlock(group: unitGroups[i], units: i..<n))
        }
        groupBlocks = blocks
        periods = periodsUsed
        if !spec.covariates.isEmpty && spec.estimator != .unconditional {
            var x = Matrix(rows: n, columns: covIndex.count + 1, repeating: 1)
            for (j, c) in covIndex.enumerated() {
                for (i, u) in units.enumerated() { x[i, j + 1] = panel.covariates[c][panel.unitStart[u]] }
            }
            covariates = x
        } else {
            covariates = nil
        }
        if spec.clusterOnPanelVariable, let uc = panel.unitCluster {
            var code = [Int32](repeating: -1, count: panel.clusterCount)
            var count = 0
            unitCluster = units.map { u in
                let c = Int(uc[u])
                if code[c] < 0 { code[c] = Int32(count); count += 1 }
                return code[c]
            }
            clusterCount = count
            clusterName = names.cluster
        } else {
            unitCluster = nil
            clusterCount = n
            clusterName = names.unit
        }
        // Cohorts.
        var cohorts = Array(Set(unitGroups.filter { $0 > 0 })).sorted()
        if let c = comparisonOnlyCohort { cohorts.removeAll { $0 == c } }
        cohorts = cohorts.filter { $0 > first + delta }
        guard !cohorts.isEmpty else {
            throw EstimationError("no cohort to estimate: '\(names.group)' must be the period in which a \(names.unit) is first treated (0 if never treated), and some cohort must start after the first period")
        }
        self.cohorts = cohorts
        // Small groups.
        let required = spec.covariates.count + 5
        var sizes: [Int: Int] = [:]
        for g in unitGroups { sizes[g, default: 0] += 1 }
        let small = sizes.filter { $0.value < required }.keys.sorted()
        if !small.isEmpty {
            if small.contains(0) && spec.controlGroup == .neverTreated {
                throw EstimationError("the never-treated group has \(sizes[0]!) \(names.unit)(s), too few for \(spec.covariates.count) covariate(s): use the not-yet-treated comparison group")
            }
            warnings.append("Be aware that there are some small groups in your dataset. Check groups: \(small.map(String.init).joined(separator: ",")).")
        }
        self.warnings = warnings
    }

    /// Number of units.
    public var unitCount: Int { unitIDs.count }

    /// The units of one group: rows `units` of the unit-level arrays.
    struct GroupBlock: Sendable {
        let group: Int
        var units: Range<Int>
    }

    /// The blocks of units in cell `cell`: the cohort's block first, then the comparison blocks.
    func cellBlocks(_ cell: Plan, base: Int) -> (treated: Range<Int>?, controls: [Range<Int>]) {
        let horizon = max(periods[cell.time], periods[base]) + specification.anticipation
        var treated: Range<Int>?
        var controls: [Range<Int>] = []
        for b in groupBlocks {
            if b.group == cell.group {
                treated = b.units
            } else if b.group == 0 || (specification.controlGroup == .notYetTreated && b.group > horizon) {
                controls.append(b.units)
            }
        }
        return (treated, controls)
    }

    /// A cell to estimate: cohort g, current period index t, base period index (nil for the
    /// universal base period's own cell, 0 by construction).
    struct Plan: Sendable {
        let group: Int
        let time: Int
        let base: Int?
    }

    func plan() -> [Plan] {
        let delta = specification.anticipation
        var cells: [Plan] = []
        for g in cohorts {
            guard let lastPre = periods.lastIndex(where: { $0 + delta < g }) else { continue }
            let range = specification.basePeriod == .universal ? 0..<periods.count : 1..<periods.count
            for t in range {
                var base = specification.basePeriod == .universal ? lastPre : t - 1
                if g <= periods[t] { base = lastPre }
                cells.append(Plan(group: g, time: t, base: specification.basePeriod == .universal && base == t ? nil : base))
            }
        }
        return cells
    }

    /// Estimates every ATT(g,t), their influence functions and SEs, the pre-test, and (when
    /// asked) the multiplier bootstrap.
    public func estimate() throws -> GroupTimeATT {
        let cells = plan()
        let n = unitCount, k = cells.count
        let spec = specification
        let y = outcome, x = covariates, periods = periods

        // The units of each cell; cells with the same cohort and comparison units share one
        // design (covariates are time-invariant), fitted once.
        struct Sample: Sendable {
            let ranges: [Range<Int>]
            let treatedCount: Int
            var count: Int { ranges.reduce(0) { $0 + $1.count } }
        }
        var samples: [Sample?] = []
        var designOf: [Int] = []
        var designIndex: [[Int]: Int] = [:]
        var designSamples: [Sample] = []
        for cell in cells {
            guard let base = cell.base else { samples.append(nil); designOf.append(-1); continue }
            let (treatedBlock, controlBlocks) = cellBlocks(cell, base: base)
            let sample = Sample(ranges: (treatedBlock.map { [$0] } ?? []) + controlBlocks, treatedCount: treatedBlock?.count ?? 0)
            samples.append(sample)
            let key = [sample.treatedCount] + sample.ranges.map(\.lowerBound)
            if let d = designIndex[key] {
                designOf.append(d)
            } else {
                designIndex[key] = designSamples.count
                designOf.append(designSamples.count)
                designSamples.append(sample)
            }
        }
        let (cellSamples, cellDesign, uniqueSamples) = (samples, designOf, designSamples)
        let designs: [Result<TwoByTwoDesign, EstimationError>] = Parallel.map(chunks: uniqueSamples.count) { d in
            let sample = uniqueSamples[d]
            let n1 = sample.count
            if n1 == sample.treatedCount { return .failure(EstimationError("no comparison units")) }
            if sample.treatedCount == 0 { return .failure(EstimationError("no treated units")) }
            var xs: Matrix?
            if let x {
                var sub = Matrix(rows: n1, columns: x.columns)
                x.storage.withUnsafeBufferPointer { src in sub.storage.withUnsafeMutableBufferPointer { dst in
                    for j in 0..<x.columns {
                        var m = j * n1
                        for r in sample.ranges {
                            (dst.baseAddress! + m).update(from: src.baseAddress! + j * n + r.lowerBound, count: r.count)
                            m += r.count
                        }
                    }
                } }
                xs = sub
            }
            let treated = [Bool](repeating: true, count: sample.treatedCount) + [Bool](repeating: false, count: n1 - sample.treatedCount)
            do {
                return .success(try TwoByTwoDesign(method: spec.estimator, treated: treated, covariates: xs, trimLevel: spec.trimLevel))
            } catch let error as EstimationError {
                return .failure(error)
            } catch {
                return .failure(EstimationError("\(error)"))
            }
        }

        var influence = Matrix(rows: n, columns: k)
        struct Outcome: Sendable { var att: Double?; var note: String? }
        let results: [Outcome] = influence.storage.withUnsafeMutableBufferPointer { ib in
            let shared = SharedBuffer(ib)
            return Parallel.map(chunks: k) { c -> Outcome in
                let cell = cells[c]
                guard let base = cell.base, let sample = cellSamples[c] else { return Outcome(att: 0, note: nil) }
                let place = "cohort \(cell.group) in period \(periods[cell.time]) (base period \(periods[base]))"
                let design: TwoByTwoDesign
                switch designs[cellDesign[c]] {
                case let .success(d): design = d
                case let .failure(error): return Outcome(att: nil, note: "\(error.message) for \(place): not estimable")
                }
                let n1 = sample.count
                var dy = [Double](repeating: 0, count: n1)
                y.withUnsafeBufferPointer { yp in
                    let t0 = cell.time * n, b0 = base * n
                    var m = 0
                    for r in sample.ranges { for i in r { dy[m] = yp[t0 + i] - yp[b0 + i]; m += 1 } }
                }
                let est: TwoByTwoEstimate
                do {
                    est = try TwoByTwoEstimator.estimate(spec.estimator, design, deltaY: dy)
                } catch {
                    return Outcome(att: nil, note: "\(error) for \(place): not estimable")
                }
                guard est.att.isFinite else {
                    return Outcome(att: nil, note: "the estimate for \(place) is not finite: not estimable")
                }
                let scale = Double(n) / Double(n1)
                let column = shared.base! + c * n
                var m = 0
                for r in sample.ranges { for i in r { column[i] = scale * est.influence[m]; m += 1 } }
                return Outcome(att: est.att, note: nil)
            }
        }
        var warnings = self.warnings
        for (d, design) in designs.enumerated() {
            guard case let .success(value) = design, !value.warnings.isEmpty else { continue }
            let first = designOf.firstIndex(of: d)!
            let g = cells[first].group
            warnings += value.warnings.map { "cohort \(g) and its comparison units (from period \(periods[cells[first].time])): \($0)" }
        }
        for r in results { if let note = r.note { warnings.append(note) } }
        return try GroupTimeATT(prepared: self, plan: cells, atts: results.map(\.att), notes: results.map(\.note),
                                influence: influence, warnings: warnings)
    }
}
