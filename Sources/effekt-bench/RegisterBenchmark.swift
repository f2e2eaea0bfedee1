import EffektData
import Foundation

/// Reading a register and building the person × month panel: 1,000,000 persons × 120 months by
/// default (`EFFEKT_BENCH_REGISTER_PERSONS` / `_MONTHS` override), simulated first (not timed).
func registerBenchmark() throws -> BenchReport {
    let environment = ProcessInfo.processInfo.environment
    let persons = environment["EFFEKT_BENCH_REGISTER_PERSONS"].flatMap(Int.init) ?? 1_000_000
    let months = environment["EFFEKT_BENCH_REGISTER_MONTHS"].flatMap(Int.init) ?? 120
    var report = BenchReport(title: "Register: simulate, read and build the panel, \(persons) persons × \(months) months")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-bench-register-\(ProcessInfo.processInfo.processIdentifier)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let (simulation, simulateSeconds) = try timed {
        try RegisterSimulator(SimulationSettings(persons: persons, months: months, seed: 1)).write(to: folder)
    }
    let peakAfterSimulation = peakResidentBytes()
    let specURL = folder.appendingPathComponent("spec.json")
    let spec = try DatasetSpec.load(specURL)
    let bytes = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.fileSizeKey])
        .filter { $0.pathExtension == "csv" }
        .reduce(0) { $0 + ((try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) }
    let (tables, readSeconds) = try timed { try RegisterTables.read(spec: spec, base: folder) }
    let (built, buildSeconds) = timed { Register.build(from: tables) }
    guard let register = built.register else { throw DataError(file: "simulated register", message: built.report.text) }
    report.note("Simulation (not part of the reading figures): \(formatSeconds(simulateSeconds)), \(simulation.statistics.paymentRows) payment rows; "
        + "peak memory while simulating \(formatBytes(peakAfterSimulation)).")
    report.figure("simulate \(persons) × \(months)", formatSeconds(simulateSeconds), target: "≤ 2 GB while simulating")
    report.figure("CSV bytes read", formatBytes(bytes))
    report.figure("read and type the four files", formatSeconds(readSeconds))
    report.figure("read speed", String(format: "%.0f MB/s", Double(bytes) / 1e6 / readSeconds))
    report.figure("validate + build panel and episodes", formatSeconds(buildSeconds))
    report.figure("panel arrays", formatBytes(register.panel.storageBytes))
    return report
}
