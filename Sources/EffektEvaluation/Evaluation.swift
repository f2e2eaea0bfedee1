import EffektData
import EffektEstimators
import EffektNumerics
import Foundation

/// The per-insats evaluation of a register (`effekt evaluate`): for every insats the risk-set
/// design, balance, the matched event study on three outcomes, diagnostics (pre-trend test,
/// placebo start 12 months early, Rosenbaum bounds), subgroups and costs; then Holm and
/// Benjamini–Hochberg adjustments across insatser.
public struct Evaluation: Sendable {
    public let settings: EvaluationSettings
    public let datasetName: String
    public let window: StudyWindow
    public let insatser: [InsatsEvaluation]
    /// How the settings were adapted to a short panel (also among every insats's warnings).
    public let notes: [String]

    /// Progress: (insats index, insats count, code, stage).
    public typealias Progress = @Sendable (Int, Int, String, String) -> Void

    /// `settings` are first fitted to the panel's length (`EvaluationSettings.fitted(toMonths:)`);
    /// `self.settings` are the ones used.
    public init(register: Register, settings requested: EvaluationSettings = EvaluationSettings(), progress: Progress? = nil) throws {
        let (settings, notes) = requested.fitted(toMonths: register.panel.months)
        let selected: [Int]
        if settings.insatser.isEmpty {
            selected = Array(register.catalogue.indices)
        } else {
            selected = try settings.insatser.map { code in
                guard let k = register.catalogue.firstIndex(where: { $0.code == code }) else {
                    throw EstimationError("no insats with code '\(code)' in the catalogue (codes: "
                        + register.catalogue.map(\.code).joined(separator: ", ") + ")")
                }
                return k
            }
        }
        // Stage 1 (risk sets, propensity fit, matching) of every insats and of its placebo design
        // are independent tasks, run in parallel; a design keeps what the estimates need, not its
        // fit. Then the estimates per insats, also in parallel. Each task has its own seeds and
        // results come back in order.
        let tasksPerInsats = settings.placebo ? 2 : 1
        let designs = Parallel.map(chunks: selected.count * tasksPerInsats, workers: settings.workers) { t -> DesignTask in
            let i = t / tasksPerInsats, k = selected[i]
            guard t % tasksPerInsats == 0 else { return .placebo(Self.placeboPairs(register: register, insats: k, settings: settings)) }
            progress?(i + 1, selected.count, register.catalogue[k].code, "matchning")
            return .main(Result { try MatchedDesign(register: register, insats: k, settings: settings) })
        }
        var results = Parallel.map(chunks: selected.count, workers: settings.workers) { i in
            let k = selected[i]
            guard case let .main(design) = designs[i * tasksPerInsats] else { preconditionFailure("a main design task comes first") }
            var placebo: [MatchedPair]?
            if settings.placebo, case let .placebo(pairs) = designs[i * tasksPerInsats + 1] { placebo = pairs }
            var result = Self.evaluate(register: register, insats: k, settings: settings, design: design, placeboPairs: placebo) { stage in
                progress?(i + 1, selected.count, register.catalogue[k].code, stage)
            }
            result.warnings = notes + result.warnings
            return result
        }
        Self.adjust(&results)
        self.settings = settings
        self.datasetName = register.spec.name ?? "register"
        self.window = register.panel.window
        self.insatser = results
        self.notes = notes
    }

    /// Holm and BH across insatser, separately for every outcome × horizon.
    static func adjust(_ results: inout [InsatsEvaluation]) {
        let keys = Set(results.flatMap { $0.effects.map { "\($0.outcome.rawValue)|\($0.horizon)" } })
        for key in keys {
            var positions: [(Int, Int)] = []
            for (i, r) in results.enumerated() {
                for (j, e) in r.effects.enumerated() where "\(e.outcome.rawValue)|\(e.horizon)" == key { positions.append((i, j)) }
            }
            let p = positions.map { results[$0.0].effects[$0.1].p }
            let holm = MultipleTesting.holm(p), bh = MultipleTesting.benjaminiHochberg(p)
            for (n, (i, j)) in positions.enumerated() {
                results[i].effects[j].pHolm = holm[n]
                results[i].effects[j].qBH = bh[n]
            }
        }
    }

    /// The options of the main design: the settings' design with their event window.
    static func designOptions(_ settings: EvaluationSettings) -> RiskSetOptions {
        var options = settings.design
        options.lastEventMonth = settings.eventMonths.upperBound
        options.firstEventMonth = settings.eventMonths.lowerBound
        return options
    }

    /// The pairs of the placebo design (starts moved 12 months earlier; stage 1 and the matching
    /// only, no balance table), nil when it cannot be built or matches no one.
    static func placeboPairs(register: Register, insats k: Int, settings: EvaluationSettings) -> [MatchedPair]? {
        var options = designOptions(settings)
        options.placeboLead = 12
        options.lastEventMonth = 11
        let pairs = try? RiskSet(register: register, insats: k, options: options)
            .match(ratio: options.ratio, caliper: options.caliper, exactDistrict: options.exactDistrict).pairs
        return pairs?.isEmpty == false ? pairs : nil
    }

    /// Estimates, diagnostics and subgroups of one insats from its design and, when the placebo
    /// is asked for, the placebo design's pairs (nil when that design failed).
    static func evaluate(register: Register, insats k: Int, settings: EvaluationSettings, design built: Result<MatchedDesign, any Error>,
                         placeboPairs: [MatchedPair]?, stage: (String) -> Void) -> InsatsEvaluation {
        let insats = register.catalogue[k]
        var result = InsatsEvaluation(code: insats.code, name: insats.name, status: .estimated, participants: 0, matched: 0)
        do {
            let design = try built.get()
            result.counts = design.counts
            result.participants = design.counts.participants
            result.matched = design.counts.matched
            result.warnings += design.warnings
            if design.counts.participants < settings.minParticipants {
                result.status = .tooFewParticipants(design.counts.participants)
                return result
            }
            result.balance = design.balance
            result.participantScores = design.participantScores
            result.controlScores = design.controlScores
            stage("effekter")
            let panel = register.panel
            let maxHorizon = settings.horizons.max() ?? 24
            let controls = Set(design.pairs.map(\.control)).count
            for outcome in PanelOutcome.allCases {
                let study = try MatchedEventStudy(panel: panel, pairs: design.pairs, outcome: outcome, eventMonths: settings.eventMonths,
                                                  horizons: Array(1...maxHorizon), selfSufficientMonths: settings.selfSufficientMonths)
                result.monthly[outcome] = study.monthly
                if outcome == .kronor {
                    result.pretrend = study.placebo
                    result.cost = Self.cost(insats: insats, register: register, insatsIndex: k, design: design, study: study,
                                            horizons: settings.horizons)
                }
                for c in study.cumulative where settings.horizons.contains(c.horizon) {
                    result.effects.append(.init(outcome: outcome, horizon: c.horizon, att: c.att, standardError: c.standardError,
                                                ciLow: c.ciLow, ciHigh: c.ciHigh, p: c.p, controlTotal: c.controlTotal,
                                                participants: study.treatedCount, controls: controls))
                }
                result.warnings += study.notes
            }
            stage("diagnostik")
            let differences = MatchedEventStudy.pairDifferences(panel: panel, pairs: design.pairs, horizon: min(12, maxHorizon))
            result.rosenbaumGamma = RosenbaumBounds(differences: differences).criticalGamma
            result.overlap = Self.overlapShares(register: register, insats: k, pairs: design.pairs, window: settings.eventMonths)
            if settings.placebo {
                if let pairs = placeboPairs,
                   let study = try? MatchedEventStudy(panel: panel, pairs: pairs, eventMonths: -12...11, horizons: [12]),
                   let c = study.cumulative.first {
                    result.placebo = .init(outcome: .kronor, horizon: 12, att: c.att, standardError: c.standardError, ciLow: c.ciLow,
                                           ciHigh: c.ciHigh, p: c.p, controlTotal: c.controlTotal, participants: study.treatedCount,
                                           controls: Set(pairs.map(\.control)).count)
                } else {
                    result.warnings.append("the placebo design (starts moved 12 months earlier) could not be estimated")
                }
            }
            if settings.subgroups {
                stage("delgrupper")
                result.subgroups = try Self.subgroups(register: register, pairs: design.pairs, settings: settings)
            }
        } catch {
            result.status = .failed("\(error)")
        }
        return result
    }

    /// Cost per participant, savings by horizon and the break-even month.
    static func cost(insats: Insats, register: Register, insatsIndex k: Int, design: MatchedDesign, study: MatchedEventStudy,
                     horizons: [Int]) -> CostSummary {
        var cost = insats.costPerParticipant
        var basis = cost == nil ? "okänd" : "katalogens kostnad per deltagare"
        if cost == nil, let perMonth = insats.costPerMonth {
            let participants = Set(design.pairs.map(\.treated))
            let episodes = register.episodes
            var months = 0.0, count = 0.0
            for i in 0..<episodes.count where Int(episodes.insats[i]) == k && participants.contains(episodes.person[i]) {
                let end = episodes.endDay[i] == EpisodeList.open ? episodes.startDay[i] + 365 : episodes.endDay[i]
                months += Double(end - episodes.startDay[i] + 1) / 30.44
                count += 1
            }
            if count > 0 {
                cost = perMonth * months / count
                basis = "katalogens kostnad per månad × deltagarnas genomsnittliga tid i insatsen"
            }
        }
        let savings = study.cumulative.filter { horizons.contains($0.horizon) }.map { c -> CostSummary.Saving in
            CostSummary.Saving(horizon: c.horizon, saved: -c.att, savedLow: -c.ciHigh, savedHigh: -c.ciLow,
                               net: cost.map { -c.att - $0 }, netLow: cost.map { -c.ciHigh - $0 }, netHigh: cost.map { -c.ciLow - $0 })
        }
        func firstMonth(_ saved: (MatchedEventStudy.Cumulative) -> Double) -> Int? {
            guard let cost else { return nil }
            return study.cumulative.first { saved($0) >= cost }?.horizon
        }
        let last = study.cumulative.last
        // Years spanned by the start months of the matched participants.
        let startMonths = design.pairs.map(\.month)
        let years = Double((startMonths.max() ?? 0) - (startMonths.min() ?? 0) + 1) / 12
        let perYear = Double(design.counts.participants) / max(years, 1.0 / 12)
        let net24 = savings.last?.net
        return CostSummary(costPerParticipant: cost, costBasis: basis, savings: savings,
                           breakEvenMonth: firstMonth { -$0.att }, breakEvenEarliest: firstMonth { -$0.ciLow },
                           breakEvenLatest: firstMonth { -$0.ciHigh },
                           shareOfCounterfactual: last.flatMap { $0.controlTotal != 0 ? $0.att / $0.controlTotal : nil },
                           participantsPerYear: perYear, netPerYear: net24.map { $0 * perYear })
    }

    /// Shares of participants and matched controls with an episode of another insats in the event window.
    static func overlapShares(register: Register, insats k: Int, pairs: [MatchedPair], window: ClosedRange<Int>) -> InsatsEvaluation.OverlapShares {
        let index = OtherInsatsIndex(register: register, insats: k, eventMonths: window)
        func other(_ p: Int32, _ m: Int32) -> Bool { index.overlaps(person: Int(p), month: Int(m)) }
        let n = Double(max(pairs.count, 1))
        return .init(participantsWithOther: Double(pairs.filter { other($0.treated, $0.month) }.count) / n,
                     controlsWithOther: Double(pairs.filter { other($0.control, $0.month) }.count) / n)
    }

    /// 12- and 24-month kronor effects by sex, age band, born abroad, hinder group and district of
    /// the participant; suppressed when either side has fewer than `minCell` persons.
    static func subgroups(register: Register, pairs: [MatchedPair], settings: EvaluationSettings) throws -> [InsatsEvaluation.SubgroupEffect] {
        let horizons = settings.horizons.filter { $0 == 12 || $0 == 24 }
        return SubgroupSplit.split(register: register, pairs: pairs, by: SubgroupVariable.allCases).map { split in
            var entry = InsatsEvaluation.SubgroupEffect(variable: split.variable?.rawValue ?? split.level, level: split.level,
                                                        participants: split.participants, controls: split.controls)
            if split.isPublishable(minCell: settings.minCell) && !horizons.isEmpty,
               let study = try? MatchedEventStudy(panel: register.panel, pairs: split.pairs, eventMonths: settings.eventMonths, horizons: horizons) {
                func effect(_ h: Int) -> InsatsEvaluation.Effect? {
                    study.cumulative.first { $0.horizon == h }.map {
                        .init(outcome: .kronor, horizon: h, att: $0.att, standardError: $0.standardError, ciLow: $0.ciLow, ciHigh: $0.ciHigh,
                              p: $0.p, controlTotal: $0.controlTotal, participants: split.participants, controls: split.controls)
                    }
                }
                entry.twelve = effect(12)
                entry.twentyFour = effect(24)
            }
            return entry
        }
    }
}

/// What the estimates need from an insats's risk-set design; its propensity fit, which can be
/// large, is not kept.
struct MatchedDesign: Sendable {
    let counts: RiskSetDesign.Counts
    let warnings: [String]
    let balance: BalanceTable
    let participantScores: [Double]
    let controlScores: [Double]
    let pairs: [MatchedPair]

    init(register: Register, insats k: Int, settings: EvaluationSettings) throws {
        let options = Evaluation.designOptions(settings)
        let design = try RiskSetDesign(register: register, insats: k, options: options)
        counts = design.counts
        warnings = design.warnings
        balance = design.balance
        participantScores = design.participantScores
        controlScores = design.controlScoreSample
        pairs = design.pairs
    }
}

/// One stage-1 task of `Evaluation`: an insats's design, or its placebo design's pairs.
enum DesignTask: Sendable {
    case main(Result<MatchedDesign, any Error>)
    case placebo([MatchedPair]?)
}
