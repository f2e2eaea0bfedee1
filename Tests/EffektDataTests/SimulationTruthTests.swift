import Foundation
import Testing
@testable import EffektData

@Suite struct SimulationTruthTests {
    let truth = SimulatedRegisters.calibration.report.truth
    func insats(_ code: String) -> SimulationTruth.Insats { truth.insatser.first { $0.code == code }! }

    @Test func preperiodIsExactlyZeroAndCumulativeIsTheSumOfMonths() {
        for t in truth.insatser {
            #expect(t.monthlyATT.count == 36 && t.monthlyATTReceipt.count == 36)
            #expect(t.monthlyATT.prefix(12).allSatisfy { $0 == 0 }, "\(t.code)")
            #expect(t.monthlyATTReceipt.prefix(12).allSatisfy { $0 == 0 }, "\(t.code)")
            #expect(Array(t.meanKronor.prefix(12)) == Array(t.meanKronorCounterfactual.prefix(12)))
            for h in [6, 12, 18, 24] {
                let sum = t.monthlyATT[12..<(12 + h)].reduce(0, +)
                #expect(abs(t.cumulativeATT[String(h)]! - sum) < 1e-6, "\(t.code) h=\(h)")
            }
        }
    }

    @Test func zeroEffectInsatsIsZeroAndHarmfulOneRaisesCosts() {
        let others = truth.insatser.filter { $0.code != "VAGL" }.map { abs($0.cumulativeATT["24"]!) }.sorted()
        let median = others[others.count / 2]
        #expect(median > 2_000)
        #expect(abs(insats("VAGL").cumulativeATT["24"]!) < 0.05 * median)
        #expect(abs(insats("VAGL").cumulativeATT["12"]!) < 0.05 * median)
        #expect(insats("STARTA").cumulativeATT["12"]! > 1_000)
        #expect(insats("STARTA").cumulativeATT["24"]! > 1_000)
        // Lock-in first, gain later.
        #expect(insats("YRKE").cumulativeATT["6"]! > 0)
        #expect(insats("YRKE").cumulativeATT["24"]! < insats("YRKE").cumulativeATT["12"]!)
        // Stockholmsjobb: assistance mostly stops during the job.
        #expect(insats("SJOBB").monthlyATTReceipt[12 + 4] < -0.5)
        for code in ["SE", "CV", "ATR", "HALSA", "KVINNOR"] { #expect(insats(code).cumulativeATT["24"]! < -1_000, "\(code)") }
    }

    @Test func naiveBeforeAfterFromTheFilesIsFarBelowTheTruth() {
        // Participants' kronor in event months 0…11 minus −12…−1, computed from the CSV files.
        let directory = SimulatedRegisters.calibration.directory
        let months = truth.months
        let labels = CalendarText(firstMonth: 2016 * 12, months: months).monthLabels.map { String(decoding: $0, as: UTF8.self) }
        let monthIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var paid: [Substring: [Double]] = [:]
        for row in SimulatedRegisters.rows(directory, "payments.csv").rows {
            let kronor = Double(row[2].replacingOccurrences(of: ",", with: "."))!
            paid[row[0], default: Array(repeating: 0, count: months)][monthIndex[String(row[1])]!] = kronor
        }
        var sums: [Substring: (n: Int, total: Double)] = [:]
        for row in SimulatedRegisters.rows(directory, "episodes.csv").rows {
            let m = monthIndex[String(row[2].prefix(7))]!
            guard m >= 24, m + 23 <= months - 1 else { continue }
            let y = paid[row[0]]!
            let naive = (0..<12).reduce(0.0) { $0 + y[m + $1] - y[m - 12 + $1] }
            sums[row[1], default: (0, 0)].n += 1
            sums[row[1], default: (0, 0)].total += naive
        }
        for t in truth.insatser {
            let s = sums[Substring(t.code)]!
            #expect(s.n == t.participants, "\(t.code)")
            let naive = s.total / Double(s.n)
            #expect(abs(naive - t.naiveBeforeAfter["12"]!) < 0.01, "\(t.code)")
            #expect(naive < t.cumulativeATT["12"]! - 4_000, "\(t.code): naive \(naive), truth \(t.cumulativeATT["12"]!)")
        }
    }

    @Test func counterfactualsAreTheSamePersonsWithOneStartSuppressed() throws {
        // The fast counterfactual (from the state at m) equals the whole path re-simulated from
        // month 0 with the start suppressed; before m it equals the factual path exactly.
        let simulator = try RegisterSimulator(SimulationSettings(persons: 3_000, months: 60, seed: 11, workers: 1))
        var checked = 0, vagl = 0
        for index in 0..<3_000 {
            let person = simulator.person(index)
            for cf in person.counterfactuals {
                let full = simulator.counterfactualFromScratch(person: index, insats: cf.insats, month: cf.month)
                #expect(Array(full[0..<cf.month]) == Array(person.payments[0..<cf.month]))
                #expect(Array(full[cf.month..<(cf.month + 24)]) == cf.payments)
                if simulator.insatser[cf.insats].code == "VAGL" {
                    #expect(cf.payments == Array(person.payments[cf.month..<(cf.month + 24)]))
                    vagl += 1
                }
                checked += 1
            }
            if checked >= 150 && vagl >= 5 { break }
        }
        #expect(checked >= 150)
        #expect(vagl >= 5)
    }

    @Test func everyStartIsEligible() throws {
        let simulator = try RegisterSimulator(SimulationSettings(persons: 2_000, months: 60, seed: 4, workers: 1))
        var starts = 0
        for index in 0..<2_000 {
            let person = simulator.person(index)
            #expect(Set(person.episodes.map(\.insats)).count == person.episodes.count, "one episode per insats")
            for e in person.episodes {
                #expect(e.startMonth >= 1 && person.payments[e.startMonth - 1] > 0)
                if let end = e.endMonth { #expect(end >= e.startMonth && e.exitReason != nil) } else { #expect(e.exitReason == nil) }
                starts += 1
            }
        }
        #expect(starts > 500)
    }
}
