import Foundation
import Testing
@testable import EffektData

@Suite struct SimulationDeterminismTests {
    @Test func sameSeedGivesByteIdenticalFilesWithOneAndTwoWorkers() throws {
        let one = SimulatedRegisters.write(persons: 2_500, months: 60, seed: 7, workers: 1)
        let two = SimulatedRegisters.write(persons: 2_500, months: 60, seed: 7, workers: 2)
        let again = SimulatedRegisters.write(persons: 2_500, months: 60, seed: 7, workers: 2)
        defer { SimulatedRegisters.remove(one.directory, two.directory, again.directory) }
        for name in RegisterSimulator.fileNames {
            let a = try Data(contentsOf: one.directory.appendingPathComponent(name))
            let b = try Data(contentsOf: two.directory.appendingPathComponent(name))
            let c = try Data(contentsOf: again.directory.appendingPathComponent(name))
            #expect(a.count > 100, "\(name) is nearly empty")
            #expect(a == b, "\(name) differs between 1 and 2 workers")
            #expect(b == c, "\(name) differs between two runs")
        }
        #expect(one.report.statistics == two.report.statistics)
    }

    @Test func anotherSeedGivesAnotherRegister() throws {
        let a = SimulatedRegisters.write(persons: 500, months: 36, seed: 1, workers: 2)
        let b = SimulatedRegisters.write(persons: 500, months: 36, seed: 2, workers: 2)
        defer { SimulatedRegisters.remove(a.directory, b.directory) }
        let pa = try Data(contentsOf: a.directory.appendingPathComponent("payments.csv"))
        let pb = try Data(contentsOf: b.directory.appendingPathComponent("payments.csv"))
        #expect(pa != pb)
    }

    @Test func aPersonIsTheSameWhateverTheRegisterSize() throws {
        // Chunks and the number of persons must not change who a person is.
        let small = try RegisterSimulator(SimulationSettings(persons: 10, months: 48, seed: 3, workers: 1))
        let large = try RegisterSimulator(SimulationSettings(persons: 5_000, months: 48, seed: 3, workers: 1))
        for index in 0..<10 {
            let a = small.person(index), b = large.person(index)
            #expect(a.covariates == b.covariates)
            #expect(a.payments == b.payments)
            #expect(a.episodes == b.episodes)
        }
    }

    @Test func replacesOldFilesAndLeavesNoTemporaryOnes() throws {
        let directory = SimulatedRegisters.temporaryDirectory("replace")
        defer { SimulatedRegisters.remove(directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: directory.appendingPathComponent("payments.csv"))
        let simulator = try RegisterSimulator(SimulationSettings(persons: 300, months: 30, seed: 5, workers: 2))
        _ = try simulator.write(to: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == RegisterSimulator.fileNames.sorted())
        let payments = try String(contentsOf: directory.appendingPathComponent("payments.csv"), encoding: .utf8)
        #expect(payments.hasPrefix("person_id;manad;belopp_kr\n"))
    }
}
