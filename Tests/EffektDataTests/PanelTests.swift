import EffektData
import EffektNumerics
import Testing

/// Window sums of the person-month panel, read from the contiguous rows.
@Suite struct PanelTests {
    /// `history` (one pass) agrees exactly with the window sums, also near the window's edges,
    /// and `histories` with `history`.
    @Test func historyAgreesWithTheWindowSums() {
        var rng = RandomStream(seed: 11)
        let persons = 40, months = 30
        var person: [Int32] = [], month: [Int32] = [], kronor: [Double] = []
        for p in 0..<persons {
            for t in 0..<months where rng.bernoulli(0.6) {
                person.append(Int32(p)); month.append(Int32(t)); kronor.append((rng.uniform() * 900_000).rounded() / 100)
            }
        }
        let panel = PersonMonthPanel(window: StudyWindow(firstMonth: 24_000, lastMonth: 24_000 + Int32(months) - 1), persons: persons,
                                     insatsCount: 0, payments: (person, month, kronor), starts: ([], [], []))
        var rows: (persons: [Int32], months: [Int32]) = ([], [])
        for p in 0..<persons {
            for m in [-3, 0, 2, 11, 12, 23, 24, 29, 30, 35] {
                let h = panel.history(p, before: m)
                #expect(h.kronorLast3 == panel.kronorSum(p, m - 3, m) && h.kronorLast6 == panel.kronorSum(p, m - 6, m))
                #expect(h.kronorLast12 == panel.kronorSum(p, m - 12, m))
                #expect(h.monthsLast12 == panel.monthsOnAssistance(p, m - 12, m) && h.monthsLast24 == panel.monthsOnAssistance(p, m - 24, m))
                rows.persons.append(Int32(p)); rows.months.append(Int32(m))
            }
        }
        let columns = panel.histories(persons: rows.persons, months: rows.months)
        for i in rows.persons.indices {
            #expect(columns.map { $0[i] } == panel.history(Int(rows.persons[i]), before: Int(rows.months[i])).values)
        }
    }
}
