import Foundation

/// What one benchmark reports: a titled section of Markdown rows, with timings and memory.
struct BenchReport {
    var title: String
    var lines: [String] = []
    var rows: [(String, String, String)] = []   // (measure, figure, target)

    init(title: String) { self.title = title }

    mutating func note(_ text: String) { lines.append(text) }

    mutating func figure(_ name: String, _ value: String, target: String = "") {
        rows.append((name, value, target))
        FileHandle.standardError.write(Data("  \(name): \(value)\(target.isEmpty ? "" : "  (target \(target))")\n".utf8))
    }

    var markdown: String {
        var out = "## \(title)\n\n"
        for line in lines { out += line + "\n\n" }
        if !rows.isEmpty {
            out += "| measure | figure | target |\n|---|---|---|\n"
            for (name, value, target) in rows { out += "| \(name) | \(value) | \(target) |\n" }
            out += "\n"
        }
        return out
    }
}

/// Wall-clock seconds of `body`, with its result.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// Peak resident memory of this process so far, in bytes (Linux `ru_maxrss` is in KiB).
func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024
}

func formatSeconds(_ s: Double) -> String {
    s < 1 ? String(format: "%.1f ms", s * 1000) : String(format: "%.2f s", s)
}

func formatBytes(_ b: Int) -> String {
    let mib = Double(b) / 1_048_576
    return mib < 1024 ? String(format: "%.0f MiB", mib) : String(format: "%.2f GiB", mib / 1024)
}
