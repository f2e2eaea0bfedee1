import EffektData
import EffektReports
import Foundation

/// The report `effekt evaluate` writes from an `Evaluation`: `rapport.md` and a self-contained
/// `rapport.html` in Swedish (`report.md`, `report.html` in English), with the figures as SVG
/// files under `figures/` (named from the insats codes, ASCII only) that the HTML inlines.
///
/// Sections, in order: **Sammanfattning** (one page for budget staff: a table with one row per
/// insats and a few plain sentences), **Per insats** (event study, balance, overlap, effects,
/// subgroups, checks, costs) and **Metod** (design, estimators, data and exclusions, small-cell
/// rule, references). The report only formats the values it is given; it estimates nothing.
///
/// Privacy: the evaluation holds no person identifiers, so none can appear. Counts under
/// `minCell` and estimates built on fewer persons print as "–" with a footnote. Values that are
/// not finite print as "–", never "nan" or "inf". The output is the same bytes for the same
/// evaluation (no dates, no randomness).
public struct EvaluationReport: Sendable {
    let settings: EvaluationSettings
    let datasetName: String
    let window: StudyWindow
    let insatser: [InsatsEvaluation]
    public let language: ReportLanguage
    /// Counts under this, and estimates built on fewer persons, are suppressed.
    public let minCell: Int

    public init(_ evaluation: Evaluation, language: ReportLanguage, minCell: Int) {
        self.init(settings: evaluation.settings, datasetName: evaluation.datasetName, window: evaluation.window,
                  insatser: evaluation.insatser, language: language, minCell: minCell)
    }

    /// From the parts of an evaluation (tests build cases no register produces).
    init(settings: EvaluationSettings, datasetName: String, window: StudyWindow, insatser: [InsatsEvaluation],
         language: ReportLanguage, minCell: Int) {
        self.settings = settings
        self.datasetName = datasetName
        self.window = window
        self.insatser = insatser
        self.language = language
        self.minCell = minCell
    }

    /// "rapport.md" or "report.md".
    public var markdownFileName: String { ReportTexts(language: language).markdownFileName }
    /// "rapport.html" or "report.html".
    public var htmlFileName: String { ReportTexts(language: language).htmlFileName }

    /// Writes the figures, then the Markdown, then the HTML (which inlines the figures) into
    /// `folder`, creating it if needed. Every file is written atomically.
    public func write(to folder: URL) throws {
        let rendered = render()
        for figure in rendered.figures {
            try AtomicFile.write(figure.svg, to: folder.appendingPathComponent(figure.path))
        }
        try AtomicFile.write(rendered.markdown, to: folder.appendingPathComponent(markdownFileName))
        let html = HTMLDocument(markdown: rendered.markdown, title: ReportTexts(language: language).title, language: language,
                                resourceFolder: folder)
        try AtomicFile.write(Self.addingStyle(to: try html.render()), to: folder.appendingPathComponent(htmlFileName))
    }

    /// Style for the report, added after `PrintStyle`'s: a smaller type in its dense tables and
    /// headers of numeric columns that may wrap, so that a summary table with seven columns fits
    /// an A4 page (otherwise the browser shrinks the whole page to the widest table when
    /// printing; numbers themselves still never wrap); on paper, tables that may run over a page
    /// (rows stay whole and the header repeats), because a summary of ten insatser or a table of
    /// twenty districts kept whole leaves the page before it blank; and the per-insats subheadings
    /// (level 4) kept with what follows them, as `PrintStyle` keeps levels 1–3.
    static let reportStyle = """
        table { font-size: .88em; }
        th.num { white-space: normal; }
        h4 { font-size: 1em; margin: 1.2em 0 .4em; }
        @media print {
          table { font-size: 9pt; break-inside: auto; page-break-inside: auto; }
          h4 { break-after: avoid; page-break-after: avoid; }
        }
        """

    static func addingStyle(to html: String) -> String {
        guard let end = html.range(of: "</style>") else { return html }
        return html.replacingCharacters(in: end, with: reportStyle + "\n</style>")
    }

    /// The Markdown of the whole report and the figures it embeds.
    func render() -> (markdown: String, figures: [ReportFigure]) {
        let context = ReportContext(settings: settings, language: language, minCell: minCell)
        let texts = context.texts
        let subtitle = texts.subtitle(dataset: ReportContext.plain(datasetName), window: context.window(window), insatser: insatser.count)
        var parts = [
            // The data line goes under the summary heading: a level-2 heading right after the title
            // stays on the first printed page (`PrintStyle`).
            "# \(texts.title)\n",
            SummarySection(context: context, insatser: insatser, lead: subtitle).markdown(),
            "## \(texts.perInsatsHeading)\n",
        ]
        var figures: [ReportFigure] = []
        for (insats, stem) in zip(insatser, ReportFigures.stems(for: insatser.map(\.code))) {
            let section = InsatsSection(context: context, insats: insats, stem: stem).render()
            parts.append(section.markdown)
            figures += section.figures
        }
        parts.append(MethodSection(context: context, datasetName: datasetName, window: window, insatser: insatser).markdown())
        return (parts.joined(separator: "\n"), figures)
    }
}
