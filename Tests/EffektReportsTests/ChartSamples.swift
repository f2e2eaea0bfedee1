import EffektReports
import Foundation
import Testing

/// Realistic sample charts, shared by the SVG tests and by the visual check:
///
///     EFFEKT_SAMPLE_DIR=/tmp/effekt-samples swift test --filter ChartSampleWriter
///     for f in /tmp/effekt-samples/*.svg; do rsvg-convert "$f" -o "${f%.svg}.png"; done
///     chromium --headless --no-sandbox --print-to-pdf=/tmp/effekt-samples/rapport.pdf /tmp/effekt-samples/rapport.html
///     pdftoppm -png -r 60 /tmp/effekt-samples/rapport.pdf /tmp/effekt-samples/rapport
///
/// then look at the PNGs. Nothing is written unless the variable is set.
enum ChartSamples {
    static func eventStudy(_ language: ReportLanguage, size: ChartSize = .standard) -> EventStudyChart {
        let sv = language == .swedish
        let main = (-12...24).map { month -> EventStudyChart.Point in
            let effect = month < 0 ? 60 * sin(Double(month)) : -1_600 * (1 - exp(-Double(month + 1) / 5)) + 40 * cos(Double(month))
            let halfWidth = month == -1 ? 0 : 520 + 14 * Double(abs(month))
            return .init(eventTime: month, estimate: month == -1 ? 0 : effect, lower: effect - halfWidth, upper: effect + halfWidth)
        }
        let placebo = (-12...24).map { month -> EventStudyChart.Point in
            let effect = 90 * sin(Double(month) * 0.7)
            return .init(eventTime: month, estimate: effect, lower: effect - 450, upper: effect + 450)
        }
        return EventStudyChart(
            title: sv ? "Stockholmsjobb: försörjningsstöd per deltagare och månad jämfört med matchad jämförelsegrupp"
                      : "Stockholmsjobb: social assistance per participant and month compared with a matched comparison group",
            xAxisTitle: sv ? "Månader från insatsens start" : "Months since the start of the programme",
            yAxisTitle: sv ? "Skillnad i försörjningsstöd, kr per månad" : "Difference in social assistance, SEK per month",
            series: .init(label: sv ? "Effekt med 95 % konfidensintervall" : "Effect with 95% confidence interval", points: main),
            comparison: .init(label: sv ? "Placebo (falsk start 12 månader tidigare)" : "Placebo (false start 12 months earlier)", points: placebo),
            startLabel: sv ? "Start" : "Start", format: language.numberFormat, size: size)
    }

    static func lovePlot(_ language: ReportLanguage) -> LovePlot {
        let sv = language == .swedish
        let terms: [(String, Double, Double)] = [
            ("distance", 1.21, 0.03), ("ålder", -0.35, 0.02), ("I(ålder^2)", -0.31, -0.04), ("kvinna", 0.12, 0.01),
            ("utbildning: förgymnasial", 0.42, 0.06), ("utbildning: gymnasial", -0.18, -0.05),
            ("månader med försörjningsstöd senaste 24", 0.88, 0.09), ("försörjningshinder: SFI (10–11)", 0.27, -0.02),
            ("stadsdel: Spånga-Tensta", 0.15, 0.11), ("född utanför Europa & <5 år i Sverige", 0.51, 0.04),
        ]
        return LovePlot(
            title: sv ? "Balans före och efter matchning" : "Balance before and after matching",
            xAxisTitle: sv ? "Absolut standardiserad medelvärdesskillnad" : "Absolute standardised mean difference",
            beforeLabel: sv ? "Före matchning" : "Before matching", afterLabel: sv ? "Efter matchning" : "After matching",
            thresholdLabel: sv ? "Gräns för god balans (0,1)" : "Threshold for good balance (0.1)",
            terms: terms.map { LovePlot.Term(name: $0.0, before: $0.1, after: $0.2) }, format: language.numberFormat)
    }

    static func overlap(_ language: ReportLanguage) -> OverlapChart {
        let sv = language == .swedish
        // Deterministic beta-like shapes from a low-discrepancy sequence.
        let treated = (1...1_039).map { i -> Double in let u = (Double(i) * 0.618_033_988_7).truncatingRemainder(dividingBy: 1); return 0.15 + 0.8 * pow(u, 0.7) }
        let controls = (1...4_000).map { i -> Double in let u = (Double(i) * 0.618_033_988_7).truncatingRemainder(dividingBy: 1); return 0.02 + 0.75 * pow(u, 1.8) }
        return OverlapChart(
            title: sv ? "Överlapp i benägenhetspoäng" : "Overlap of propensity scores",
            xAxisTitle: sv ? "Skattad sannolikhet att delta (benägenhetspoäng)" : "Estimated probability of taking part (propensity score)",
            yAxisTitle: sv ? "Täthet" : "Density",
            treatedLabel: sv ? "Deltagare (n = 1 039)" : "Participants (n = 1,039)",
            controlLabel: sv ? "Jämförelsegrupp (n = 4 000)" : "Comparison group (n = 4,000)",
            treatedScores: treated, controlScores: controls, format: language.numberFormat)
    }

    static func cumulative(_ language: ReportLanguage) -> CumulativeEffectChart {
        let sv = language == .swedish
        let month = sv ? "mån" : "months"
        return CumulativeEffectChart(
            title: sv ? "Arbetsträning: minskat försörjningsstöd per deltagare, summerat över tid" : "Work training: reduced social assistance per participant, cumulated",
            xAxisTitle: sv ? "Uppföljningstid efter start" : "Follow-up after start",
            yAxisTitle: sv ? "Kronor per deltagare" : "SEK per participant",
            effectLabel: sv ? "Minskade kostnader (95 % konfidensintervall)" : "Reduced costs (95% confidence interval)",
            horizons: [("6", 7_200.0, 2_100.0, 12_300.0), ("12", 21_500, 11_800, 31_200), ("18", 38_900, 22_400, 55_400), ("24", 57_300, 33_100, 81_500)]
                .map { .init(label: "\($0.0) \(month)", estimate: $0.1, lower: $0.2, upper: $0.3) },
            costPerParticipant: 50_000,
            costLabel: sv ? "Kostnad per deltagare: 50 000 kr" : "Cost per participant: SEK 50,000",
            format: language.numberFormat)
    }

    /// Every sample, named for its file.
    static func all() -> [(name: String, document: any ReportDocument)] {
        ReportLanguage.allCases.flatMap { language in
            [("event-study", eventStudy(language) as any ReportDocument), ("love-plot", lovePlot(language)),
             ("overlap", overlap(language)), ("cumulative", cumulative(language))]
                .map { (name: "\($0.0)-\(language.code)", document: $0.1) }
        } + [(name: "event-study-narrow-sv", document: eventStudy(.swedish, size: ChartSize(width: 420, height: 380)))]
    }
}

@Suite struct ChartSampleWriter {
    @Test func writesSamplesWhenAsked() throws {
        guard let folder = ProcessInfo.processInfo.environment["EFFEKT_SAMPLE_DIR"] else { return }
        let url = URL(fileURLWithPath: folder)
        for sample in ChartSamples.all() {
            try sample.document.write(to: url.appendingPathComponent("\(sample.name).svg"))
        }
        _ = try HTMLDocumentTests.folderWithCharts(url)
        try HTMLDocument(markdown: HTMLDocumentTests.sampleMarkdown(), title: "Effekter 2019", language: .swedish, resourceFolder: url)
            .write(to: url.appendingPathComponent("rapport.html"))
    }
}
