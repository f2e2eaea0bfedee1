import Foundation
import Testing
@testable import EffektData

/// The 20,000-person register against the city's figures (domain.md).
@Suite struct SimulationCalibrationTests {
    let report = SimulatedRegisters.calibration.report
    var s: SimulationStatistics { report.statistics }

    @Test func assistanceLevelAndShare() {
        #expect(s.persons == 20_000)
        #expect(abs(s.meanKronorPerRecipientMonth - 3_400) < 0.15 * 3_400, "mean \(s.meanKronorPerRecipientMonth) kr")
        #expect((0.35...0.65).contains(s.shareOnAssistance), "share on assistance \(s.shareOnAssistance)")
    }

    @Test func hinderMixOfPersonsAndKronor() {
        let persons = Double(s.persons)
        let kronor = Double(s.ore)
        for (g, group) in Population.hinderGroups.enumerated() {
            let personShare = Double(s.personsByHinderGroup[g]) / persons
            let kronorShare = Double(s.oreByHinderGroup[g]) / kronor
            #expect(abs(personShare - group.personShare2006) < 0.02, "\(group.name): persons \(personShare)")
            #expect(abs(kronorShare - group.kronorShare2006) < 0.03, "\(group.name): kronor \(kronorShare)")
        }
    }

    @Test func aboutSeventeenPercentUnknownExitReasons() {
        #expect(s.episodesEnded > 5_000)
        #expect(abs(s.unknownExitReasonShare - 0.17) < 0.02, "unknown \(s.unknownExitReasonShare)")
    }

    @Test func everyInsatsHasHundredsOfEvaluableParticipants() {
        for (k, insats) in InsatsCatalogue.all.enumerated() {
            #expect(s.evaluableByInsats[k] >= 300, "\(insats.code): \(s.evaluableByInsats[k]) evaluable")
            #expect(report.truth.insatser[k].participants == s.evaluableByInsats[k])
        }
    }

    @Test func aFewPercentStartSomethingEachMonth() {
        #expect((0.02...0.06).contains(s.monthlyStartRate), "start rate \(s.monthlyStartRate)")
        let under30 = Double(s.startsUnder30) / Double(s.startsByInsats.reduce(0, +))
        #expect(abs(under30 - 0.30) < 0.08, "share of starts under 30: \(under30)")
    }

    @Test func severalInsatserPerPersonInSequenceAndOverlapping() {
        #expect(s.personsWithTwoOrMoreInsatser > 1_000)
        #expect(s.personsWithOverlappingInsatser > 200)
        #expect(s.personsWithOverlappingInsatser < s.personsWithTwoOrMoreInsatser, "some only in sequence")
    }

    @Test func districtsAreSkewedToTheSuburbs() {
        let (_, rows) = SimulatedRegisters.rows(SimulatedRegisters.calibration.directory, "persons.csv")
        var counts: [Substring: Int] = [:]
        for row in rows { counts[row[5], default: 0] += 1 }
        let jarva = (counts["01"] ?? 0) + (counts["02"] ?? 0) + (counts["03"] ?? 0)
        let inner = (counts["08"] ?? 0) + (counts["09"] ?? 0) + (counts["10"] ?? 0)
        #expect(jarva > 3 * inner)
        #expect(counts.count == 18)
    }
}
