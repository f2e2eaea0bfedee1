import EffektReports
import Foundation
import Testing

@Suite struct AtomicFileTests {
    @Test func writesWholeFilesAndLeavesNoTemporaries() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("sub/rapport.md")
        try AtomicFile.write("första", to: target)
        try AtomicFile.write("andra", to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "andra")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path) == ["rapport.md"])
    }
}
