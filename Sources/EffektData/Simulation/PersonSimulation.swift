import EffektNumerics
import Foundation

/// The month-by-month simulation of one person, with common random numbers.
///
/// Every person-month has its own stream, `RandomStream(seed: S, stream: person << 12 | month)`,
/// from which exactly 8 words (16 uniforms of 32 bits) are drawn in a fixed order whether or
/// not they are used: 0 the on/off transition, 1–2 two normals (transitory amount shock, month
/// noise), 3–4 the one-off supplement, 5 partial first month or job top-up, 6–15 the start of
/// insats 0…9. Each episode's own draws (duration, days, exit reason) come from the stream
/// `person << 12 | 0xF00 + insats`. So a counterfactual path of the same person, with one start
/// suppressed, meets exactly the same randomness.
struct MonthDraws {
    var u: InlineArray<16, Double>

    @inline(__always) init(seed: UInt64, person: Int, month: Int) {
        var rng = RandomStream(seed: seed, stream: UInt64(person) << 12 | UInt64(month))
        u = InlineArray(repeating: 0)
        for i in 0..<8 {
            let w = rng.next()
            u[2 * i] = Double(w >> 32) * 0x1p-32
            u[2 * i + 1] = Double(w & 0xFFFF_FFFF) * 0x1p-32
        }
    }

    static let transition = 0, normal1 = 1, normal2 = 2, supplement = 3, supplementSize = 4, partial = 5, start = 6
}

/// Why an episode ended (before the exit reason is drawn).
enum EpisodeEnding: UInt8 {
    case open = 0
    case completedOnAssistance
    case completedOffAssistance
    case leftAssistance
}

/// One person's state at the start of a month.
struct PersonState {
    var entered = false
    var on = false
    /// Months on in the current spell, or months off since the last spell (≥ 1 once entered).
    var spell: Int32 = 0
    var off: Int32 = 0
    /// Consecutive months without a payment.
    var offStreak: Int32 = 0
    var transitory: Double
    /// Payments of the last 24 months in öre, slot `month % 24`.
    var ring = InlineArray<24, Int64>(repeating: 0)
    /// Start month, planned duration, last month of participation (−1 while open) per insats.
    var start = InlineArray<10, Int16>(repeating: -1)
    var planned = InlineArray<10, Int16>(repeating: 0)
    var end = InlineArray<10, Int16>(repeating: -1)
    var ending = InlineArray<10, UInt8>(repeating: 0)
    var heterogeneity = InlineArray<10, Double>(repeating: 1)

    init(transitory: Double) { self.transitory = transitory }

    /// Forgets the start of insats `k` made this month (for the counterfactual path).
    mutating func unstart(_ k: Int) {
        start[k] = -1; planned[k] = 0; end[k] = -1; ending[k] = 0; heterogeneity[k] = 1
    }
}

/// The fixed, per-person parts of the model.
struct PersonContext {
    let index: Int
    let covariates: PersonCovariates
    let exitBase: Double
    let entryBase: Double
    let level: Double
    let topUpProbability: Double
    var selectionBase = InlineArray<10, Double>(repeating: 0)
}

/// The model: catalogue, window, seed. Immutable and shared by all workers.
struct PersonSimulator: Sendable {
    let seed: UInt64
    let months: Int
    let firstMonth: Int32
    let insatser: [SimulatedInsats]
    /// Exit-odds business cycle and selection season shift by window month.
    let cycle: [Double]
    let season: [Double]

    init(seed: UInt64, months: Int, firstMonth: Int32, insatser: [SimulatedInsats] = InsatsCatalogue.all) {
        precondition(insatser.count <= InsatsCatalogue.capacity)
        self.seed = seed
        self.months = months
        self.firstMonth = firstMonth
        self.insatser = insatser
        cycle = (0..<months).map { AssistanceProcess.cycle(calendarMonth: firstMonth + Int32($0)) }
        season = (0..<months).map { Season.shifts[Int(firstMonth + Int32($0)) % 12] }
    }

    func context(_ index: Int) -> PersonContext {
        let c = PersonCovariates.draw(seed: seed, index: index, months: months, firstMonth: firstMonth)
        let ageAtEntry = c.age(atMonth: c.entryMonth, firstMonth: firstMonth)
        var ctx = PersonContext(
            index: index, covariates: c, exitBase: AssistanceProcess.exitBase(c, ageAtEntry: ageAtEntry),
            entryBase: AssistanceProcess.entryBase(c), level: AssistanceProcess.amountLevel(c),
            topUpProbability: (c.household == 1 || c.household == 3) ? JobRules.topUpProbabilityWithChildren : JobRules.topUpProbabilityOtherwise)
        for k in insatser.indices { ctx.selectionBase[k] = insatser[k].selection.staticPart(c) }
        return ctx
    }

    /// The episode stream of person `index` and insats `k`: draws 0 duration, 1 start day,
    /// 2 end day, 3 exit reason, 4 unknown reason, 5 ended within five days.
    func episodeDraws(person index: Int, insats k: Int) -> InlineArray<6, Double> {
        var rng = RandomStream(seed: seed, stream: UInt64(index) << 12 | UInt64(0xF00 + k))
        var d = InlineArray<6, Double>(repeating: 0)
        for i in 0..<6 { d[i] = rng.uniform() }
        return d
    }

    /// Phase 1 of month m: starts of insatser among the eligible. Returns a bit mask of the
    /// insatser started; `suppress` (an insats index or −1) is never started this month.
    @inline(__always)
    func selectStarts(_ ctx: PersonContext, _ s: inout PersonState, month m: Int, draws d: MonthDraws, suppress: Int = -1) -> UInt16 {
        guard m >= 1, s.ring[(m - 1) % 24] > 0 else { return 0 }
        let age = ctx.covariates.age(atMonth: m, firstMonth: firstMonth)
        let history = HistoryRing(ring: s.ring, month: m)
        var mask: UInt16 = 0
        for k in insatser.indices where s.start[k] < 0 && k != suppress {
            let eta = ctx.selectionBase[k] + insatser[k].selection.dynamicPart(age: age, history: history) + season[m]
            if d.u[MonthDraws.start + k] < AssistanceProcess.logistic(eta) {
                let range = insatser[k].duration
                let e = episodeDraws(person: ctx.index, insats: k)
                s.start[k] = Int16(m)
                s.planned[k] = Int16(range.lowerBound + Int(e[0] * Double(range.count)))
                s.heterogeneity[k] = insatser[k].effect.heterogeneity(
                    female: ctx.covariates.female, bornAbroad: ctx.covariates.bornAbroad, age: age,
                    hinderGroup: ctx.covariates.hinderGroup)
                mask |= 1 << k
            }
        }
        return mask
    }

    /// Phase 2 of month m: the assistance transition and payment (öre) given the insatser.
    @inline(__always)
    func advance(_ ctx: PersonContext, _ s: inout PersonState, month m: Int, draws d: MonthDraws) -> Int64 {
        // Effects of the insatser started so far.
        var exitShift = 0.0, entryShift = 0.0
        var inJob = false, jobStartMonth = false
        for k in insatser.indices {
            let st = Int(s.start[k])
            guard st >= 0, st <= m else { continue }
            let effect = insatser[k].effect
            let e = m - st
            let ended = Int(s.end[k])
            let participating = ended < 0 || m <= ended
            let het = s.heterogeneity[k]
            if effect.isJob {
                if participating {
                    if e == 0 { jobStartMonth = true } else { inJob = true }
                } else if m - ended <= JobRules.returnBumpMonths {
                    entryShift += JobRules.returnBump
                }
            }
            if participating { exitShift += effect.lockIn * het }
            let g = het * effect.gainNow(sinceStart: e, endedAgo: participating ? nil : m - ended - 1)
            exitShift += g
            entryShift -= effect.reentryFactor * g
        }

        let z = normals(d.u[MonthDraws.normal1], d.u[MonthDraws.normal2])
        s.transitory = AssistanceProcess.transitoryRho * s.transitory + AssistanceProcess.transitorySigma * z.0
        var paid: Int64 = 0
        if inJob {
            s.on = false; s.entered = true; s.off = 1; s.spell = 0
            if d.u[MonthDraws.partial] < ctx.topUpProbability {
                paid = max(Int64((ctx.level * JobRules.topUpFraction * 100).rounded()), 10_000)
            }
        } else {
            var partial = 1.0
            if !s.entered {
                if m == ctx.covariates.entryMonth {
                    s.entered = true; s.on = true
                    if m == 0 { s.spell = Int32(ctx.covariates.priorSpell + 1) } else {
                        s.spell = 1; partial = 0.35 + 0.65 * d.u[MonthDraws.partial]
                    }
                }
            } else if s.on {
                let eta = ctx.exitBase + AssistanceProcess.exitDuration * log(Double(s.spell)) + cycle[m] + exitShift
                if d.u[MonthDraws.transition] < AssistanceProcess.logistic(eta) {
                    s.on = false; s.off = 1
                } else {
                    s.spell += 1
                }
            } else {
                let eta = ctx.entryBase + AssistanceProcess.entryDuration * log(Double(s.off)) + entryShift
                if d.u[MonthDraws.transition] < AssistanceProcess.logistic(eta) {
                    s.on = true; s.spell = 1; partial = 0.35 + 0.65 * d.u[MonthDraws.partial]
                } else {
                    s.off += 1
                }
            }
            if s.on {
                if jobStartMonth { partial *= JobRules.startMonthFactor }
                paid = AssistanceProcess.amount(
                    level: ctx.level, transitory: s.transitory, noise: z.1, supplementDraw: d.u[MonthDraws.supplement],
                    supplementSize: d.u[MonthDraws.supplementSize], partial: partial)
            }
        }

        // Book-keeping: history, episode ends.
        s.ring[m % 24] = paid
        s.offStreak = paid > 0 ? 0 : s.offStreak + 1
        for k in insatser.indices where s.start[k] >= 0 && s.end[k] < 0 && Int(s.start[k]) <= m {
            if m == Int(s.start[k]) + Int(s.planned[k]) - 1 {
                s.end[k] = Int16(m)
                s.ending[k] = (paid > 0 ? EpisodeEnding.completedOnAssistance : .completedOffAssistance).rawValue
            } else if !insatser[k].effect.isJob && s.offStreak >= 2 {
                s.end[k] = Int16(m)
                s.ending[k] = EpisodeEnding.leftAssistance.rawValue
            }
        }
        return paid
    }

    @inline(__always) private func normals(_ u1: Double, _ u2: Double) -> (Double, Double) {
        let r = (-2 * log1p(-u1)).squareRoot()
        let a = 2 * Double.pi * u2
        return (r * cos(a), r * sin(a))
    }

    /// Whether a start of an insats in month m can be evaluated over event months −24 … 23.
    @inline(__always) func isEvaluable(startMonth m: Int) -> Bool { m >= 24 && m + 23 <= months - 1 }

    /// The counterfactual payments in months m … m+23 of a person whose state after the
    /// selection phase of month m is `s`, with the start of insats k in m undone.
    func counterfactual(_ ctx: PersonContext, after s: PersonState, insats k: Int, month m: Int, draws: MonthDraws,
                        into out: inout InlineArray<24, Int64>) {
        var cf = s
        cf.unstart(k)
        out[0] = advance(ctx, &cf, month: m, draws: draws)
        for e in 1..<24 {
            let d = MonthDraws(seed: seed, person: ctx.index, month: m + e)
            _ = selectStarts(ctx, &cf, month: m + e, draws: d)
            out[e] = advance(ctx, &cf, month: m + e, draws: d)
        }
    }
}
