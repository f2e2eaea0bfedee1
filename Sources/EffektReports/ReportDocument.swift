import Foundation

/// A report artefact rendered to text in one piece (a chart, a table, a page), written with
/// `AtomicFile` so that a reader never sees half a file.
public protocol ReportDocument {
    func render() throws -> String
}

extension ReportDocument {
    /// Renders and writes the document as UTF-8.
    public func write(to url: URL) throws {
        try AtomicFile.write(try render(), to: url)
    }
}
