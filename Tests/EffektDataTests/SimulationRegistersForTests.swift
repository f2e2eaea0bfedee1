import Foundation
@testable import EffektData

/// Shared simulated registers for the simulation tests, written once per test process.
enum SimulatedRegisters {
    /// 20,000 persons × 72 months, seed 1: the calibration run.
    static let calibration: (directory: URL, report: SimulationReport) = write(persons: 20_000, months: 72, seed: 1, workers: 2)

    static func write(persons: Int, months: Int, seed: UInt64, workers: Int,
                      encoding: SimulationSettings.Encoding = .utf8) -> (directory: URL, report: SimulationReport) {
        let directory = temporaryDirectory("sim-\(persons)-\(months)-\(seed)-\(workers)-\(encoding.rawValue)")
        let simulator = try! RegisterSimulator(SimulationSettings(persons: persons, months: months, seed: seed,
                                                                  encoding: encoding, workers: workers))
        return (directory, try! simulator.write(to: directory))
    }

    static func temporaryDirectory(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("effekt-tests-\(getpid())-\(UUID().uuidString.prefix(8))-\(name)", isDirectory: true)
        try? FileManager.default.removeItem(at: url)
        return url
    }

    /// The data lines of a CSV file (header dropped), split at semicolons.
    static func rows(_ directory: URL, _ file: String) -> (header: String, rows: [[Substring]]) {
        let text = try! String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        let header = String(lines.removeFirst())
        return (header, lines.map { $0.split(separator: ";", omittingEmptySubsequences: false) })
    }
}
