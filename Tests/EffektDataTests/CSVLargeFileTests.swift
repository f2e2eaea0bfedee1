import Foundation
import Testing
@testable import EffektData

/// A file over 2 GB (so every offset must be 64-bit), written quickly as one block repeated.
@Suite struct CSVLargeFileTests {
    static let directory = FileManager.default.temporaryDirectory

    /// Whether the temporary directory has the 5 GB free this test wants.
    static var hasRoom: Bool {
        var status = statvfs()
        guard statvfs(directory.path, &status) == 0 else { return false }
        return UInt64(status.f_bavail) * UInt64(status.f_frsize) >= 5 << 30
    }

    @Test(.enabled(if: hasRoom, "skipped: the temporary directory has less than 5 GB free for the 2.1 GiB file"))
    func fileOverTwoGigabytes() throws {
        // 512 rows of `id;kronor;padding`, about 4 KB each; the padding column is skipped.
        let padding = String(repeating: "x", count: 4000)
        var block = ""
        for id in 0..<512 { block += "\(id);\(id),25;\(padding)\n" }
        let blockBytes = Data(block.utf8)
        let repeats = (2_255_000_000 + blockBytes.count - 1) / blockBytes.count      // 2.1 GiB

        let url = Self.directory.appendingPathComponent("effekt-large-\(UUID()).csv")
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data("id;kronor;padding\n".utf8)))
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        for _ in 0..<repeats { try handle.write(contentsOf: blockBytes) }
        try handle.close()
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        #expect(size > Int(Int32.max))

        let table = try CSVReader.read(url, options: CSVOptions(selectedColumns: ["id", "kronor"]))
        let rows = 512 * repeats
        #expect(table.rowCount == rows)
        #expect(table.names == ["id", "kronor"])
        let kronor = try table.column(named: "kronor", as: RealColumn.self).values
        #expect(kronor.reduce(0, +) == Double(repeats) * (Double(511 * 512 / 2) + 0.25 * 512))
        #expect(try table.column(named: "id", as: IntegerColumn.self).values.last == 511)
        #expect(table.line(ofRow: rows - 1) == rows + 1)
    }
}
