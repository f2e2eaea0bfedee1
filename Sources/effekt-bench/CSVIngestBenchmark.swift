import EffektData
import Foundation

/// Reads a payments-like CSV of ≥ 500 MB (semicolon-delimited, decimal comma) with 1 and 2
/// threads: throughput, rows, the typed columns' size and peak memory.
func csvIngestBenchmark() throws -> BenchReport {
    var report = BenchReport(title: "CSV ingest")
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-csv-bench-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("payments.csv")
    let (rows, bytes) = try writePayments(to: url, atLeast: 520_000_000)
    report.note("`payments.csv`: \(rows) rows, \(bytes / 1_000_000) MB; columns `person_id;month;kronor;district;hours;rate`, "
        + "e.g. `1234567;2019-03;4512,50;12;160;0,75` — semicolon, decimal comma, `month` declared `.month`, the rest inferred "
        + "(3 integer, 2 real). MB = 10⁶ bytes; best of 5 runs; the file is in the page cache. Throughput by wall "
        + "time is the target; by CPU time (all threads' user + system time) it shows the work done, and does not "
        + "suffer when other processes share the machine.")
    var typedBytes = 0
    for threads in [1, 2] {
        var best = (wall: Double.infinity, cpu: Double.infinity)
        for _ in 0..<5 {
            let cpuBefore = cpuSeconds()
            let (table, seconds) = try timed {
                try CSVReader.read(url, options: CSVOptions(columnTypes: ["month": .month], threads: threads))
            }
            let cpu = cpuSeconds() - cpuBefore
            guard table.rowCount == rows, table.columns.map(\.type) == [.integer, .month, .real, .integer, .integer, .real] else {
                throw DataError(file: "payments.csv", message: "read \(table.rowCount) rows of \(table.columns.map(\.type)), expected \(rows)")
            }
            typedBytes = table.storageBytes
            best = (min(best.wall, seconds), min(best.cpu, cpu))
        }
        let label = "\(threads) thread\(threads == 1 ? "" : "s")"
        report.figure("\(label): time", formatSeconds(best.wall))
        report.figure("\(label): throughput (wall time)", String(format: "%.0f MB/s", Double(bytes) / best.wall / 1e6),
                      target: threads == 1 ? "≥ 300 MB/s" : "> 1 thread")
        report.figure("\(label): throughput per CPU second", String(format: "%.0f MB/s", Double(bytes) / best.cpu / 1e6))
    }
    report.figure("rows", "\(rows)")
    report.figure("typed columns' size", formatBytes(typedBytes))
    let peak = peakResidentBytes()
    report.figure("peak resident memory / typed size", String(format: "%.2f×", Double(peak) / Double(typedBytes)), target: "≤ 2×")
    return report
}

/// User and system CPU time of this process so far, all threads, in seconds.
private func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// Writes seeded pseudo-random payment rows until the file has at least `size` bytes.
private func writePayments(to url: URL, atLeast size: Int) throws -> (rows: Int, bytes: Int) {
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
        throw DataError(file: url.path, message: "cannot create the benchmark file")
    }
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    var state: UInt64 = 0x5EED
    func next(_ bound: UInt64) -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return (state >> 33) % bound
    }
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 22)
    func put(_ value: UInt64, width: Int = 0) {
        var digits: [UInt8] = []
        var v = value
        repeat { digits.append(UInt8(48 + v % 10)); v /= 10 } while v > 0
        while digits.count < width { digits.append(48) }
        buffer.append(contentsOf: digits.reversed())
    }
    buffer.append(contentsOf: Array("person_id;month;kronor;district;hours;rate\n".utf8))
    var rows = 0, bytes = 0
    while bytes < size {
        put(1_000_000 + next(2_000_000)); buffer.append(59)
        put(2015 + next(9)); buffer.append(45); put(1 + next(12), width: 2); buffer.append(59)
        put(next(20_000)); buffer.append(44); put(next(100), width: 2); buffer.append(59)
        put(1 + next(14)); buffer.append(59)
        put(next(161)); buffer.append(59)
        buffer.append(48); buffer.append(44); put(next(100), width: 2); buffer.append(10)
        rows += 1
        if buffer.count >= 1 << 22 {
            try handle.write(contentsOf: buffer)
            bytes += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
    }
    try handle.write(contentsOf: buffer)
    return (rows, bytes + buffer.count)
}
