import EffektNumerics
import Foundation

/// One episode of a simulated person.
public struct SimulatedEpisode: Sendable, Equatable {
    /// Index into the catalogue.
    public var insats: Int
    public var startMonth: Int
    /// Last month of participation; nil while open at the window end.
    public var endMonth: Int?
    public var startDay: Int
    public var endDay: Int?
    /// Exit-reason code; nil while open.
    public var exitReason: String?
}

/// One simulated person, in memory.
public struct SimulatedPerson: Sendable {
    public var index: Int
    public var id: Int
    public var covariates: PersonCovariates
    /// Öre paid in each window month (0 = no payment).
    public var payments: [Int64]
    public var episodes: [SimulatedEpisode]
    /// For each evaluable start (insats, month): the counterfactual öre in months m … m+23.
    public var counterfactuals: [(insats: Int, month: Int, payments: [Int64])]
}

/// The register simulator behind `effekt simulate`: persons, their monthly assistance, their
/// insatser and the exact truth, generated person by person from counter-based random streams,
/// so the result depends only on the settings' seed, persons and months.
public struct RegisterSimulator: Sendable {
    public let settings: SimulationSettings
    let model: PersonSimulator
    let ids: PseudonymousIDs
    let calendar: CalendarText

    public init(_ settings: SimulationSettings) throws {
        try settings.validate()
        self.settings = settings
        model = PersonSimulator(seed: settings.seed, months: settings.months, firstMonth: settings.firstMonth)
        ids = PseudonymousIDs(seed: settings.seed, persons: settings.persons)
        calendar = CalendarText(firstMonth: settings.firstMonth, months: settings.months)
    }

    public var insatser: [SimulatedInsats] { model.insatser }

    /// Simulates person `index` in memory (the same person the files contain).
    public func person(_ index: Int) -> SimulatedPerson {
        let ctx = model.context(index)
        var paid = [Int64](repeating: 0, count: settings.months)
        var pending: [(Int, Int, InlineArray<24, Int64>)] = []
        let state = simulate(ctx, paid: &paid, pending: &pending)
        return SimulatedPerson(
            index: index, id: ids.id(index), covariates: ctx.covariates, payments: paid,
            episodes: episodes(ctx, state),
            counterfactuals: pending.map { p in (p.0, p.1, (0..<24).map { p.2[$0] }) })
    }

    /// The whole path of person `index` simulated from month 0 with the start of insats `k` in
    /// month `m` suppressed: the counterfactual computed the slow way, for checks.
    public func counterfactualFromScratch(person index: Int, insats k: Int, month m: Int) -> [Int64] {
        let ctx = model.context(index)
        var s = PersonState(transitory: ctx.covariates.initialTransitory)
        return (0..<settings.months).map { month in
            let d = MonthDraws(seed: settings.seed, person: index, month: month)
            _ = model.selectStarts(ctx, &s, month: month, draws: d, suppress: month == m ? k : -1)
            return model.advance(ctx, &s, month: month, draws: d)
        }
    }

    /// The factual path; for each evaluable start, the counterfactual of months m … m+23.
    func simulate(_ ctx: PersonContext, paid: inout [Int64], pending: inout [(Int, Int, InlineArray<24, Int64>)]) -> PersonState {
        var s = PersonState(transitory: ctx.covariates.initialTransitory)
        for m in 0..<settings.months {
            let d = MonthDraws(seed: settings.seed, person: ctx.index, month: m)
            let started = model.selectStarts(ctx, &s, month: m, draws: d)
            if started != 0 && model.isEvaluable(startMonth: m) {
                for k in model.insatser.indices where started & (1 << k) != 0 {
                    var out = InlineArray<24, Int64>(repeating: 0)
                    model.counterfactual(ctx, after: s, insats: k, month: m, draws: d, into: &out)
                    pending.append((k, m, out))
                }
            }
            paid[m] = model.advance(ctx, &s, month: m, draws: d)
        }
        return s
    }

    func episodes(_ ctx: PersonContext, _ s: PersonState) -> [SimulatedEpisode] {
        var list: [SimulatedEpisode] = []
        for k in model.insatser.indices where s.start[k] >= 0 {
            let d = model.episodeDraws(person: ctx.index, insats: k)
            let start = Int(s.start[k])
            let startDay = 1 + Int(d[1] * 28)
            var episode = SimulatedEpisode(insats: k, startMonth: start, endMonth: nil, startDay: startDay, endDay: nil, exitReason: nil)
            if s.end[k] >= 0 {
                let end = Int(s.end[k])
                let reason = ExitReasons.code(ending: EpisodeEnding(rawValue: s.ending[k]) ?? .open,
                                              isJob: model.insatser[k].effect.isJob, sameMonth: end == start, draws: d)
                episode.endMonth = end
                episode.exitReason = reason
                if reason == "03" {
                    episode.endDay = min(startDay + Int(d[2] * 5), 28)
                } else if end == start {
                    episode.endDay = startDay + Int(d[2] * Double(29 - startDay))
                } else {
                    episode.endDay = 1 + Int(d[2] * 28)
                }
            }
            list.append(episode)
        }
        return list.sorted { ($0.startMonth, $0.insats) < ($1.startMonth, $1.insats) }
    }

    /// Bytes, figures and truth sums of one chunk of persons.
    struct Chunk: Sendable {
        var persons: [UInt8]
        var payments: [UInt8]
        var episodes: [UInt8]
        var statistics: SimulationStatistics
        var truth: TruthSums
    }

    func chunk(_ c: Int) -> Chunk {
        let range = (c * SimulationSettings.chunkSize)..<min((c + 1) * SimulationSettings.chunkSize, settings.persons)
        let months = settings.months
        var personsOut = ByteBuffer(capacity: range.count * 40)
        var paymentsOut = ByteBuffer(capacity: range.count * months * 12)
        var episodesOut = ByteBuffer(capacity: range.count * 50)
        var stats = SimulationStatistics(insatser: model.insatser.count)
        var truth = TruthSums(count: model.insatser.count)
        var paid = [Int64](repeating: 0, count: months)
        var pending: [(Int, Int, InlineArray<24, Int64>)] = []
        for index in range {
            let ctx = model.context(index)
            let c = ctx.covariates
            pending.removeAll(keepingCapacity: true)
            let state = simulate(ctx, paid: &paid, pending: &pending)
            let idBytes: [UInt8] = {
                var b = ByteBuffer(capacity: 12)
                b.append(integer: ids.id(index))
                return b.bytes
            }()

            // persons.csv
            personsOut.append(idBytes); personsOut.append(59)
            personsOut.append(integer: c.birthYear); personsOut.append(59)
            personsOut.append(c.female ? 50 : 49); personsOut.append(59)
            personsOut.append(c.bornAbroad ? 49 : 48); personsOut.append(59)
            personsOut.append(Population.educations[c.education].code); personsOut.append(59)
            personsOut.append(Population.districts[c.district].code); personsOut.append(59)
            personsOut.append(Population.households[c.household].code); personsOut.append(59)
            personsOut.append(Population.hinders[c.hinder].code); personsOut.append(10)

            // payments.csv and figures
            stats.persons += 1
            stats.personsByHinderGroup[c.hinderGroup] += 1
            if c.age(atMonth: c.entryMonth, firstMonth: settings.firstMonth) < 30 { stats.personsUnder30AtEntry += 1 }
            if c.bornAbroad { stats.bornAbroad += 1 }
            stats.personMonthsEntered += months - c.entryMonth
            for m in 0..<months where paid[m] > 0 {
                paymentsOut.append(idBytes); paymentsOut.append(59)
                paymentsOut.append(calendar.monthLabels[m]); paymentsOut.append(59)
                paymentsOut.append(ore: paid[m]); paymentsOut.append(10)
                stats.personMonthsPaid += 1
                stats.paymentRows += 1
                stats.ore += paid[m]
                stats.oreByHinderGroup[c.hinderGroup] += paid[m]
                if m + 1 < months { stats.eligibleMonths += 1 }
            }

            // episodes.csv
            let list = episodes(ctx, state)
            for e in list {
                episodesOut.append(idBytes); episodesOut.append(59)
                episodesOut.append(model.insatser[e.insats].code); episodesOut.append(59)
                calendar.appendDate(month: e.startMonth, day: e.startDay, to: &episodesOut); episodesOut.append(59)
                if let end = e.endMonth, let day = e.endDay {
                    calendar.appendDate(month: end, day: day, to: &episodesOut)
                    stats.episodesEnded += 1
                    if e.exitReason == "99" { stats.episodesUnknownReason += 1 }
                } else {
                    stats.episodesOpen += 1
                }
                episodesOut.append(59)
                if let reason = e.exitReason { episodesOut.append(reason) }
                episodesOut.append(10)
                stats.startsByInsats[e.insats] += 1
                truth.insatser[e.insats].starts += 1
                if c.age(atMonth: e.startMonth, firstMonth: settings.firstMonth) < 30 { stats.startsUnder30 += 1 }
            }
            if list.count >= 2 {
                stats.personsWithTwoOrMoreInsatser += 1
                let last = months - 1
                var overlap = false
                for i in list.indices {
                    for j in list.indices where j > i {
                        if list[j].startMonth <= (list[i].endMonth ?? last) && list[i].startMonth <= (list[j].endMonth ?? last) {
                            overlap = true
                        }
                    }
                }
                if overlap { stats.personsWithOverlappingInsatser += 1 }
            }

            // truth
            let age = { (m: Int) in c.age(atMonth: m, firstMonth: settings.firstMonth) }
            for (k, m, cf) in pending {
                stats.evaluableByInsats[k] += 1
                let a = age(m)
                truth.record(insats: k, month: m, paid: paid, counterfactual: cf,
                             subgroups: (c.female ? 1 : 0, c.bornAbroad ? 3 : 2, a < 30 ? 4 : (a < 50 ? 5 : 6)))
            }
        }
        return Chunk(persons: personsOut.bytes, payments: paymentsOut.bytes, episodes: episodesOut.bytes,
                     statistics: stats, truth: truth)
    }
}
