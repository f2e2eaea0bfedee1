import EffektNumerics
import Foundation

/// What one `write` produced.
public struct SimulationReport: Sendable {
    public var statistics: SimulationStatistics
    public var truth: SimulationTruth
    /// The files written, in the output folder.
    public var files: [String]
}

extension RegisterSimulator {
    public static let fileNames = ["persons.csv", "payments.csv", "episodes.csv", "insatser.csv", "spec.json", "truth.json"]

    /// Writes the register to `directory` (created if missing): every file goes to a temporary
    /// name first and all are renamed at the end, so nothing half-written is ever left under the
    /// final names. Chunks of persons are simulated in parallel in batches and written in chunk
    /// order, so the bytes do not depend on the number of workers, and memory stays bounded.
    /// `progress` is called with the fraction done after each batch.
    public func write(to directory: URL, progress: ((Double) -> Void)? = nil) throws -> SimulationReport {
        let fm = FileManager.default
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        let token = "\(getpid())-\(UInt64(Date().timeIntervalSince1970 * 1000))"
        let temporary = Self.fileNames.map { directory.appendingPathComponent(".\($0).tmp-\(token)") }
        var handed = false
        defer { if !handed { for url in temporary { try? fm.removeItem(at: url) } } }

        let persons = try OutputFile(temporary[0]), payments = try OutputFile(temporary[1]), episodes = try OutputFile(temporary[2])
        try persons.write(RegisterSpec.header(RegisterSpec.personsColumns))
        try payments.write(RegisterSpec.header(RegisterSpec.paymentsColumns))
        try episodes.write(RegisterSpec.header(RegisterSpec.episodesColumns))

        var statistics = SimulationStatistics(insatser: insatser.count)
        var truthSums = TruthSums(count: insatser.count)
        let chunkCount = (settings.persons + SimulationSettings.chunkSize - 1) / SimulationSettings.chunkSize
        let batch = max(4 * settings.workers, 8)
        var done = 0
        while done < chunkCount {
            let first = done, count = min(batch, chunkCount - done)
            let chunks = Parallel.map(chunks: count, workers: settings.workers) { self.chunk(first + $0) }
            for c in chunks {
                try persons.write(c.persons)
                try payments.write(c.payments)
                try episodes.write(c.episodes)
                statistics.add(c.statistics)
                truthSums.add(c.truth)
            }
            done += count
            progress?(Double(done) / Double(chunkCount))
        }
        try persons.close(); try payments.close(); try episodes.close()

        let catalogue = RegisterSpec.catalogueText(insatser)
        let catalogueData: Data
        switch settings.encoding {
        case .utf8: catalogueData = Data(catalogue.utf8)
        case .windows1252:
            guard let data = catalogue.data(using: .windowsCP1252) else {
                throw SimulationError.cannotWrite(path: "insatser.csv", reason: "a label cannot be encoded in Windows-1252")
            }
            catalogueData = data
        }
        try Self.writeWhole(catalogueData, to: temporary[3])
        try Self.writeWhole(RegisterSpec.specJSON(settings, insatser: insatser), to: temporary[4])
        let truth = truthSums.truth(settings: settings, insatser: insatser, statistics: statistics)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var truthData = try encoder.encode(truth)
        truthData.append(10)
        try Self.writeWhole(truthData, to: temporary[5])

        for (url, name) in zip(temporary, Self.fileNames) {
            let target = directory.appendingPathComponent(name)
            guard rename(url.path, target.path) == 0 else {
                throw SimulationError.cannotWrite(path: target.path, reason: String(cString: strerror(errno)))
            }
        }
        handed = true
        return SimulationReport(statistics: statistics, truth: truth, files: Self.fileNames)
    }

    static func writeWhole(_ data: Data, to url: URL) throws {
        let file = try OutputFile(url)
        try data.withUnsafeBytes { try file.write($0) }
        try file.close()
    }
}

/// A file written with plain POSIX calls.
final class OutputFile {
    private var fd: Int32
    let path: String

    init(_ url: URL) throws {
        path = url.path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw SimulationError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func write(_ buffer: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < buffer.count {
            let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw SimulationError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    func close() throws {
        guard fd >= 0 else { return }
        let result = Foundation.close(fd)
        fd = -1
        if result != 0 { throw SimulationError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    }

    deinit { if fd >= 0 { _ = Foundation.close(fd) } }
}
