import EffektData
import EffektEstimators
import EffektNumerics

/// Runs batch models on one loaded register, in parallel, sharing what models have in common:
/// the register and panel (loaded once by the caller); every risk set with its propensity fit,
/// computed once for all designs that differ only in ratio, caliper or exact district matching;
/// and every matched design, computed once for all the subgroup, outcome and horizon models
/// that use it.
///
/// Work is dealt out by design: the models of one design run one after the other on one worker,
/// designs on `jobs` workers. Every model's result is a function of the spec and the data alone,
/// so the results are the same, byte for byte, whatever `jobs` is and in whatever order they finish.
public struct BatchRunner: Sendable {
    public let spec: BatchSpec
    public let register: Register
    /// Models run at the same time.
    public var jobs: Int
    /// Compute each propensity fit and design once for all its models (off only to measure what
    /// sharing saves).
    public var shareDesigns = true

    /// The propensity formula of variants that give none: the dataset spec's, else the default.
    public var defaultFormula: String {
        if let formula = register.spec.formula, !formula.isEmpty { return formula }
        return RiskSetOptions.defaultFormula
    }

    public init(spec: BatchSpec, register: Register, jobs: Int = Parallel.defaultWorkers) throws {
        let codes = register.catalogue.map(\.code)
        for code in spec.insatser where !codes.contains(code) {
            throw BatchError("grid.insatser names \"\(code)\", which is not in the catalogue (codes: \(codes.joined(separator: ", ")))")
        }
        self.spec = spec
        self.register = register
        self.jobs = max(jobs, 1)
    }

    /// All models of the spec's grid, in grid order.
    public var models: [BatchModel] { spec.models(catalogue: register.catalogue.map(\.code)) }

    /// Runs `models` and hands each result to `finished` as soon as it is done (from a worker
    /// thread; it should store the result). The first error `finished` throws is rethrown after
    /// the running models end.
    public func run(_ models: [BatchModel], finished: @Sendable (BatchModel, BatchResult) throws -> Void) throws {
        var groups: [DesignKey: Int] = [:], grouped: [[BatchModel]] = []
        for model in models {
            let key = DesignKey(model)
            if let u = groups[key] { grouped[u].append(model) } else { groups[key] = grouped.count; grouped.append([model]) }
        }
        let units = grouped
        let shared = Shared(units: units, options: { self.options(for: $0) })
        _ = try Parallel.map(chunks: units.count, workers: jobs) { u in
            for model in units[u] { try finished(model, evaluate(model, shared: shared)) }
        }
    }

    /// The risk-set options of a model's variant.
    func options(for model: BatchModel) -> RiskSetOptions {
        model.variant.options(defaultFormula: defaultFormula, seed: spec.seed, eventMonths: spec.eventMonths)
    }

    /// The risk sets (with their propensity fits) and designs of a run, each computed once.
    final class Shared: Sendable {
        let riskSets: SharedComputations<RiskSetKey, RiskSet>
        let designs: SharedComputations<DesignKey, RiskSetDesign>

        /// `units`: the models grouped by design; a risk set is used once per design, a design once per model.
        init(units: [[BatchModel]], options: (BatchModel) -> RiskSetOptions) {
            riskSets = SharedComputations(uses: units.reduce(into: [:]) { $0[RiskSetKey($1[0].insats, options($1[0]).fitKey), default: 0] += 1 })
            designs = SharedComputations(uses: units.reduce(into: [:]) { $0[DesignKey($1[0])] = $1.count })
        }
    }

    /// The matched design of a model: from the shared computations, or computed afresh.
    func design(for model: BatchModel, shared: Shared) throws -> RiskSetDesign {
        let k = register.catalogue.firstIndex { $0.code == model.insats }!
        let options = options(for: model)
        guard shareDesigns else { return try RiskSetDesign(register: register, insats: k, options: options) }
        return try shared.designs.value(for: DesignKey(model)) {
            let fit = RiskSetKey(model.insats, options.fitKey)
            defer { shared.riskSets.release(fit) }
            let riskSet = try shared.riskSets.value(for: fit) { try RiskSet(register: register, insats: k, options: options) }
            return try RiskSetDesign(riskSet: riskSet, register: register, ratio: options.ratio, caliper: options.caliper,
                                     exactDistrict: options.exactDistrict)
        }
    }

    /// One model: its design (shared), then the matched event study in each subgroup level.
    func evaluate(_ model: BatchModel, shared: Shared) -> BatchResult {
        defer { shared.designs.release(DesignKey(model)) }
        var result = BatchResult(model: model, status: .estimated)
        let minCell = spec.minCell
        func publishable(_ n: Int) -> Int? { n >= minCell ? n : nil }
        do {
            let design = try design(for: model, shared: shared)
            result.participants = publishable(design.counts.participants)
            result.matched = publishable(design.counts.matched)
            guard design.counts.participants >= EvaluationSettings().minParticipants else {
                result.status = .tooFewParticipants
                result.message = "för få deltagare (\(design.counts.participants < minCell ? "under \(minCell)" : String(design.counts.participants)))"
                return result
            }
            result.maxAbsSMD = design.balance.rows.map { abs($0.adjusted.standardizedMeanDifference) }.max()
            let splits: [SubgroupSplit]
            switch model.subgroup {
            case .all: splits = [.whole(design.pairs)]
            case let .variable(v): splits = SubgroupSplit.split(register: register, pairs: design.pairs, by: [v])
            }
            result.estimates = splits.map { split in
                var estimate = BatchResult.Estimate(level: split.level)
                estimate.participants = publishable(split.participants)
                estimate.controls = publishable(split.controls)
                guard split.isPublishable(minCell: minCell) else {
                    estimate.note = "suppressed: fewer than \(minCell) persons on a side"
                    return estimate
                }
                do {
                    let study = try MatchedEventStudy(panel: register.panel, pairs: split.pairs, outcome: model.outcome,
                                                      eventMonths: spec.eventMonths, horizons: [model.horizon],
                                                      selfSufficientMonths: EvaluationSettings().selfSufficientMonths)
                    if let c = study.cumulative.first {
                        estimate.att = c.att
                        estimate.standardError = c.standardError
                        estimate.ciLow = c.ciLow
                        estimate.ciHigh = c.ciHigh
                        estimate.p = c.p.isFinite ? c.p : nil
                        estimate.controlTotal = c.controlTotal
                    }
                } catch {
                    estimate.note = "\(error)"
                }
                return estimate
            }
        } catch {
            result.status = .failed
            result.message = "\(error)"
        }
        return result
    }
}

/// Designs with equal keys share a risk set and propensity fit.
struct RiskSetKey: Hashable, Sendable {
    let insats: String
    let options: RiskSetOptions.FitKey

    init(_ insats: String, _ options: RiskSetOptions.FitKey) {
        self.insats = insats
        self.options = options
    }
}

/// Models with equal keys use the same matched design: same insats, same design settings
/// (the variant's name aside).
struct DesignKey: Hashable, Sendable {
    let insats: String
    let variant: DesignVariant

    init(_ model: BatchModel) {
        insats = model.insats
        var variant = model.variant
        variant.name = ""
        self.variant = variant
    }
}
