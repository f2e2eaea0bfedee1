import Foundation

/// `effekt-bench [--out DIR] [--only NAME]`: runs each benchmark in its own child process (so
/// peak memory is per benchmark) and writes `DIR/report.md`.
let benchmarks: [(name: String, run: () throws -> BenchReport)] = [
    ("logit-irls", logitIRLSBenchmark),
    ("csv-ingest", csvIngestBenchmark),
    ("did", didBenchmark),
    ("register", registerBenchmark),
    ("event-study", eventStudyBenchmark),
    ("matching", matchingBenchmark),
    ("evaluate", evaluateBenchmark),
    ("batch", batchBenchmark),
    ("montecarlo", monteCarloBenchmark),   // long: `make montecarlo`, skipped by the full run
]

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}

if let only = option("--only") {
    guard let bench = benchmarks.first(where: { $0.name == only }) else {
        FileHandle.standardError.write(Data("effekt-bench: no benchmark named \(only)\n".utf8)); exit(2)
    }
    do {
        var report = try bench.run()
        report.figure("peak resident memory (whole process)", formatBytes(peakResidentBytes()))
        print(report.markdown, terminator: "")
    } catch {
        FileHandle.standardError.write(Data("effekt-bench \(only): \(error)\n".utf8)); exit(1)
    }
    exit(0)
}

let outDir = option("--out") ?? "bench-out"
try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
var document = "# Effekt benchmarks\n\nMachine: \(ProcessInfo.processInfo.activeProcessorCount) cores, "
    + formatBytes(Int(ProcessInfo.processInfo.physicalMemory)) + " memory. Run: \(Date()).\n\n"
var failed = false
for bench in benchmarks {
    FileHandle.standardError.write(Data("== \(bench.name)\n".utf8))
    let child = Process()
    child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    child.arguments = ["--only", bench.name]
    let pipe = Pipe()
    child.standardOutput = pipe
    try child.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    child.waitUntilExit()
    if child.terminationStatus == 0 {
        document += String(decoding: output, as: UTF8.self)
    } else {
        document += "## \(bench.name)\n\nFAILED (exit \(child.terminationStatus))\n\n"
        failed = true
    }
}
let reportURL = URL(fileURLWithPath: outDir).appendingPathComponent("report.md")
try Data(document.utf8).write(to: reportURL, options: .atomic)   // temporary file + rename
print("wrote \(reportURL.path)")
exit(failed ? 1 : 0)
