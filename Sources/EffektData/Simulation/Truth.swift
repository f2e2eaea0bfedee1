import Foundation

/// The exact effects the estimators target, computed from the simulation's own counterfactuals.
public struct SimulationTruth: Codable, Sendable {
    public static let definition = """
        For insats k, the evaluable participants are persons whose first start of k is in window month m \
        (0-based) with 24 <= m and m + 23 <= T - 1, and who received assistance in m - 1 (every start does: \
        only recipients in m - 1 are eligible). For each, the counterfactual path Y0 is the same person \
        simulated with the start of k at m suppressed and everything else identical (common random numbers \
        keyed by person, month and purpose; each month draws all its uniforms in a fixed order whether or not \
        they are used), free to start k later or other insatser under the usual hazards (Sianesi's 'start now \
        vs not now' estimand). monthly_att[e] = mean over evaluable participants of (kronor(m+e) - \
        kronor0(m+e)) for e = -12..23 (listed in that order; zero before the start by construction); \
        cumulative_att[h] = sum of monthly_att[e] for e = 0..h-1, h = 6, 12, 18, 24. monthly_att_receipt and \
        cumulative_att_receipt are the same for receipt (1 if any payment in the month, else 0). Kronor per \
        participant; negative = lower payments. naive_before_after[h] = mean over the same participants of \
        (kronor paid in months 0..h-1) - (kronor paid in months -h..-1): the biased before/after comparison, \
        for reference.
        """

    public struct Insats: Codable, Sendable {
        public var code: String
        public var name: String
        /// Evaluable participants.
        public var participants: Int
        /// All starts in the window.
        public var starts: Int
        public var cumulativeATT: [String: Double]
        public var monthlyATT: [Double]
        public var cumulativeATTReceipt: [String: Double]
        public var monthlyATTReceipt: [Double]
        /// Mean kronor of the participants and of their counterfactuals, event months −12 … 23.
        public var meanKronor: [Double]
        public var meanKronorCounterfactual: [Double]
        public var naiveBeforeAfter: [String: Double]
        /// Cumulative ATT by subgroup (`kon`, `utrikes_fodd`, `aldersgrupp` at the start) and level.
        public var subgroups: [String: [String: Subgroup]]
        public var effect: String
        public var selection: SelectionModel

        enum CodingKeys: String, CodingKey {
            case code, name, participants, starts, effect, selection, subgroups
            case cumulativeATT = "cumulative_att", monthlyATT = "monthly_att"
            case cumulativeATTReceipt = "cumulative_att_receipt", monthlyATTReceipt = "monthly_att_receipt"
            case meanKronor = "mean_kronor", meanKronorCounterfactual = "mean_kronor_counterfactual"
            case naiveBeforeAfter = "naive_before_after"
        }
    }

    public struct Subgroup: Codable, Sendable {
        public var participants: Int
        public var cumulativeATT: [String: Double]
        enum CodingKeys: String, CodingKey { case participants, cumulativeATT = "cumulative_att" }
    }

    public var definition: String
    public var seed: UInt64
    public var persons: Int
    public var months: Int
    public var firstMonth: String
    public var lastMonth: String
    public var eventMonths: [Int]
    public var horizons: [Int]
    public var selectionCovariates: String
    /// Shift of every insats's start log-odds by calendar month (1…12) and by district code.
    public var selectionSeason: [String: Double]
    public var selectionDistrictShift: [String: Double]
    /// Figures of the simulated register (calibration).
    public var register: SimulationStatistics
    public var insatser: [Insats]

    enum CodingKeys: String, CodingKey {
        case definition, seed, persons, months, insatser, horizons
        case firstMonth = "first_month", lastMonth = "last_month", eventMonths = "event_months"
        case selectionCovariates = "selection_covariates", selectionSeason = "selection_season"
        case selectionDistrictShift = "selection_district_shift", register
    }

    public static let horizons = [6, 12, 18, 24]
    public static let eventMonths = Array(-12...23)
    static let selectionText = """
        logit P(start k in m | eligible) = intercept + season(calendar month) + age_per_10_years_above_40 * (age at m - 40)/10 \
        + female + born_abroad + education[code] + hinder_group[group] + district_referral_multiplier * district shift \
        + kr_m3_per_1000 * (kronor paid in m-3..m-1)/1000 + kr_m6_per_1000 * (m-6..m-1)/1000 + kr_m12_per_1000 * (m-12..m-1)/1000 \
        + months_paid_m12 * (months with a payment in m-12..m-1) + months_paid_m24 * (in m-24..m-1); \
        window months only; hinder groups in the order of the hinder_group codebook's groups \
        (Arbetslöshet, SFI, Låg eller ingen ersättning från FK, Sjukskriven utan ersättning från FK, Sociala eller medicinska skäl, Övriga hinder)
        """
}

/// Sums for the truth from one chunk of persons; integers in öre, so the reduction in chunk
/// order is exact and independent of threads.
struct TruthSums: Sendable {
    static let subgroupCount = 7   // men, women, born in Sweden, born abroad, age 18–29, 30–49, 50+

    struct PerInsats: Sendable {
        var participants = 0
        var starts = 0
        var diff = [Int64](repeating: 0, count: 24)
        var diffReceipt = [Int64](repeating: 0, count: 24)
        var paid = [Int64](repeating: 0, count: 36)
        var paidCounterfactual = [Int64](repeating: 0, count: 36)
        var naive12: Int64 = 0
        var naive24: Int64 = 0
        var subgroupParticipants = [Int](repeating: 0, count: subgroupCount)
        var subgroupDiff = [Int64](repeating: 0, count: subgroupCount * 24)

        mutating func add(_ o: PerInsats) {
            participants += o.participants; starts += o.starts
            for i in 0..<24 { diff[i] += o.diff[i]; diffReceipt[i] += o.diffReceipt[i] }
            for i in 0..<36 { paid[i] += o.paid[i]; paidCounterfactual[i] += o.paidCounterfactual[i] }
            naive12 += o.naive12; naive24 += o.naive24
            for i in 0..<TruthSums.subgroupCount { subgroupParticipants[i] += o.subgroupParticipants[i] }
            for i in subgroupDiff.indices { subgroupDiff[i] += o.subgroupDiff[i] }
        }
    }

    var insatser: [PerInsats]

    init(count: Int) { insatser = Array(repeating: PerInsats(), count: count) }

    mutating func add(_ o: TruthSums) { for k in insatser.indices { insatser[k].add(o.insatser[k]) } }

    /// Records one evaluable participant of insats k who started in month m.
    mutating func record(insats k: Int, month m: Int, paid: [Int64], counterfactual cf: InlineArray<24, Int64>,
                         subgroups: (Int, Int, Int)) {
        var t = insatser[k]
        t.participants += 1
        for e in -12..<24 {
            let y = paid[m + e]
            let y0 = e < 0 ? y : cf[e]
            t.paid[e + 12] += y
            t.paidCounterfactual[e + 12] += y0
            if e >= 0 {
                t.diff[e] += y - y0
                t.diffReceipt[e] += Int64(y > 0 ? 1 : 0) - Int64(y0 > 0 ? 1 : 0)
                for g in [subgroups.0, subgroups.1, subgroups.2] { t.subgroupDiff[g * 24 + e] += y - y0 }
            }
        }
        for g in [subgroups.0, subgroups.1, subgroups.2] { t.subgroupParticipants[g] += 1 }
        for e in 0..<24 {
            if e < 12 { t.naive12 += paid[m + e] - paid[m - 12 + e] }
            t.naive24 += paid[m + e] - paid[m - 24 + e]
        }
        insatser[k] = t
    }

    func truth(settings: SimulationSettings, insatser catalogue: [SimulatedInsats], statistics: SimulationStatistics) -> SimulationTruth {
        let levels = [("kon", "1"), ("kon", "2"), ("utrikes_fodd", "0"), ("utrikes_fodd", "1"),
                      ("aldersgrupp", "18-29"), ("aldersgrupp", "30-49"), ("aldersgrupp", "50+")]
        func cumulative(_ monthly: [Double]) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: SimulationTruth.horizons.map { h in (String(h), monthly.prefix(h).reduce(0, +)) })
        }
        let list = catalogue.indices.map { k -> SimulationTruth.Insats in
            let t = insatser[k]
            let n = Double(max(t.participants, 1))
            let kronor = t.diff.map { Double($0) / 100 / n }
            let receipt = t.diffReceipt.map { Double($0) / n }
            var subgroups: [String: [String: SimulationTruth.Subgroup]] = [:]
            for (g, (variable, level)) in levels.enumerated() {
                let ng = Double(max(t.subgroupParticipants[g], 1))
                let monthly = (0..<24).map { Double(t.subgroupDiff[g * 24 + $0]) / 100 / ng }
                subgroups[variable, default: [:]][level] = SimulationTruth.Subgroup(
                    participants: t.subgroupParticipants[g], cumulativeATT: cumulative(monthly))
            }
            return SimulationTruth.Insats(
                code: catalogue[k].code, name: catalogue[k].name, participants: t.participants, starts: t.starts,
                cumulativeATT: cumulative(kronor), monthlyATT: Array(repeating: 0, count: 12) + kronor,
                cumulativeATTReceipt: cumulative(receipt), monthlyATTReceipt: Array(repeating: 0, count: 12) + receipt,
                meanKronor: t.paid.map { Double($0) / 100 / n },
                meanKronorCounterfactual: t.paidCounterfactual.map { Double($0) / 100 / n },
                naiveBeforeAfter: ["12": Double(t.naive12) / 100 / n, "24": Double(t.naive24) / 100 / n],
                subgroups: subgroups, effect: catalogue[k].effect.summary, selection: catalogue[k].selection)
        }
        return SimulationTruth(
            definition: SimulationTruth.definition, seed: settings.seed, persons: settings.persons, months: settings.months,
            firstMonth: CalendarText.label(settings.firstMonth),
            lastMonth: CalendarText.label(settings.firstMonth + Int32(settings.months - 1)),
            eventMonths: SimulationTruth.eventMonths, horizons: SimulationTruth.horizons,
            selectionCovariates: SimulationTruth.selectionText,
            selectionSeason: Dictionary(uniqueKeysWithValues: Season.shifts.enumerated().map { (String($0.offset + 1), $0.element) }),
            selectionDistrictShift: Dictionary(uniqueKeysWithValues: Population.districts.map { ($0.code, $0.referralShift) }),
            register: statistics, insatser: list)
    }
}
