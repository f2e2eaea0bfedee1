@testable import EffektEvaluation
import Foundation
import Testing

/// Renders `rapport.html` with a headless Chromium, as a reader's browser would, and checks the
/// summary table and the figures are in the rendered page. Skipped with a note when no browser
/// is installed (Debian: `apt-get install chromium`).
@Suite("Evaluation report in a browser")
struct ReportBrowserTests {
    static let browser: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in path.split(separator: ":") {
                let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }()

    @Test("Headless Chromium renders the summary table and the inline figures")
    func rendersInChromium() throws {
        guard let browser = Self.browser else {
            print("note: no chromium found on PATH; skipping the browser rendering test of rapport.html")
            return
        }
        let written = try ReportFixture.write()
        defer { try? FileManager.default.removeItem(at: written.folder) }
        let page = written.folder.appendingPathComponent("rapport.html")
        let dom = try Self.dumpDOM(browser: browser, page: page)
        #expect(dom.contains("<table"))
        #expect(dom.contains("<th>Slutsats</th>"))
        for insats in ReportFixture.evaluation.insatser {
            #expect(dom.contains("<td>\(insats.name)</td>"))
        }
        #expect(dom.components(separatedBy: "<svg").count - 1 == written.figures.count)
        #expect(dom.contains("Sammanfattning") && dom.contains("Metod"))
    }

    /// `browser --headless --dump-dom file://…`, killed after two minutes.
    static func dumpDOM(browser: URL, page: URL) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-dom-\(UUID().uuidString).html")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("effekt-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = browser
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
                             "--dump-dom", page.absoluteString]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("chromium did not finish within two minutes")
        }
        return try String(contentsOf: output, encoding: .utf8)
    }
}
