/// Figures of one simulated register for calibration checks, summed over chunks in order.
public struct SimulationStatistics: Sendable, Codable, Equatable {
    public var persons = 0
    /// Person-months from the person's first payment on, and those with a payment.
    public var personMonthsEntered = 0
    public var personMonthsPaid = 0
    public var ore: Int64 = 0
    /// Person-months with a payment in m − 1 (m ≥ 1), i.e. eligible to start something.
    public var eligibleMonths = 0
    public var personsByHinderGroup = [Int](repeating: 0, count: 6)
    public var oreByHinderGroup = [Int64](repeating: 0, count: 6)
    public var personsUnder30AtEntry = 0
    public var bornAbroad = 0
    public var startsByInsats: [Int] = []
    public var evaluableByInsats: [Int] = []
    public var startsUnder30 = 0
    public var episodesEnded = 0
    public var episodesUnknownReason = 0
    public var episodesOpen = 0
    public var personsWithTwoOrMoreInsatser = 0
    public var personsWithOverlappingInsatser = 0
    public var paymentRows = 0

    enum CodingKeys: String, CodingKey {
        case persons, ore, eligibleMonths = "eligible_person_months", paymentRows = "payment_rows"
        case personMonthsEntered = "person_months_after_first_payment", personMonthsPaid = "person_months_paid"
        case personsByHinderGroup = "persons_by_hinder_group", oreByHinderGroup = "ore_by_hinder_group"
        case personsUnder30AtEntry = "persons_under_30_at_first_payment", bornAbroad = "persons_born_abroad"
        case startsByInsats = "starts_by_insats", evaluableByInsats = "evaluable_by_insats", startsUnder30 = "starts_under_30"
        case episodesEnded = "episodes_ended", episodesUnknownReason = "episodes_unknown_exit_reason", episodesOpen = "episodes_open"
        case personsWithTwoOrMoreInsatser = "persons_with_two_or_more_insatser"
        case personsWithOverlappingInsatser = "persons_with_overlapping_insatser"
    }

    init(insatser: Int) {
        startsByInsats = Array(repeating: 0, count: insatser)
        evaluableByInsats = Array(repeating: 0, count: insatser)
    }

    mutating func add(_ o: SimulationStatistics) {
        persons += o.persons; personMonthsEntered += o.personMonthsEntered; personMonthsPaid += o.personMonthsPaid
        ore += o.ore; eligibleMonths += o.eligibleMonths
        for g in 0..<6 { personsByHinderGroup[g] += o.personsByHinderGroup[g]; oreByHinderGroup[g] += o.oreByHinderGroup[g] }
        personsUnder30AtEntry += o.personsUnder30AtEntry; bornAbroad += o.bornAbroad
        for k in startsByInsats.indices { startsByInsats[k] += o.startsByInsats[k]; evaluableByInsats[k] += o.evaluableByInsats[k] }
        startsUnder30 += o.startsUnder30
        episodesEnded += o.episodesEnded; episodesUnknownReason += o.episodesUnknownReason; episodesOpen += o.episodesOpen
        personsWithTwoOrMoreInsatser += o.personsWithTwoOrMoreInsatser
        personsWithOverlappingInsatser += o.personsWithOverlappingInsatser
        paymentRows += o.paymentRows
    }

    /// Share of person-months (after the first payment) with a payment.
    public var shareOnAssistance: Double { Double(personMonthsPaid) / Double(max(personMonthsEntered, 1)) }
    /// Mean kronor per recipient-month.
    public var meanKronorPerRecipientMonth: Double { Double(ore) / 100 / Double(max(personMonthsPaid, 1)) }
    /// Share of starts per eligible person-month, all insatser together.
    public var monthlyStartRate: Double { Double(startsByInsats.reduce(0, +)) / Double(max(eligibleMonths, 1)) }
    public var unknownExitReasonShare: Double { Double(episodesUnknownReason) / Double(max(episodesEnded, 1)) }
}
