@testable import EffektReports
import Foundation
import Testing

@Suite struct ChartTests {
    /// Checks every sample: well-formed, sized, no NaN, everything inside the viewBox, and the
    /// caller's strings all present as text.
    @Test(arguments: ChartSamples.all().map(\.name))
    func samplesAreWellFormedAndComplete(name: String) throws {
        let document = try #require(ChartSamples.all().first { $0.name == name }?.document)
        let svg = try document.render()
        let inspection = SVGInspection(svg)
        #expect(inspection.isWellFormed)
        #expect(inspection.rootAttributes["viewBox"] == "0 0 \(inspection.rootAttributes["width"]!) \(inspection.rootAttributes["height"]!)")
        #expect(inspection.rootAttributes["font-family"] == "sans-serif")
        #expect(inspection.width > 0 && inspection.height > 0)
        #expect(!svg.lowercased().contains("nan") && !svg.contains("inf\""))
        #expect(inspection.strayCoordinates.isEmpty, "\(inspection.strayCoordinates.prefix(3))")
        #expect(!svg.contains("<style") && !svg.contains(" id=") && !svg.contains("href"))
        #expect(svg.components(separatedBy: "http").count == 2, "only the SVG namespace")
        #expect(try document.render() == svg, "deterministic")
        let text = inspection.texts.joined(separator: " ")
        for label in Self.expectedLabels(document) {
            #expect(text.contains(label) || inspection.texts.contains { label.hasPrefix($0) || label.hasSuffix($0) }, "missing \(label)")
        }
    }

    /// The title, axis titles and legend labels the caller gave (the title may be wrapped, so
    /// its first and last words are checked).
    static func expectedLabels(_ document: any ReportDocument) -> [String] {
        switch document {
        case let chart as EventStudyChart:
            return [chart.xAxisTitle, chart.yAxisTitle, chart.series.label, chart.comparison!.label, chart.startLabel] + ends(chart.title)
        case let chart as LovePlot:
            return [chart.xAxisTitle, chart.beforeLabel, chart.afterLabel, chart.thresholdLabel] + chart.terms.map(\.name) + ends(chart.title)
        case let chart as OverlapChart:
            return [chart.xAxisTitle, chart.yAxisTitle, chart.treatedLabel, chart.controlLabel] + ends(chart.title)
        case let chart as CumulativeEffectChart:
            return [chart.xAxisTitle, chart.yAxisTitle, chart.effectLabel, chart.costLabel] + chart.horizons.map(\.label) + ends(chart.title)
        default:
            return []
        }
    }

    private static func ends(_ title: String) -> [String] {
        let words = title.split(separator: " ")
        return [String(words.first!), String(words.last!)]
    }

    @Test func tickLabelsUseTheLanguagesNumbers() throws {
        let sv = SVGInspection(ChartSamples.eventStudy(.swedish).render()).texts
        #expect(sv.contains("\u{2212}2\u{A0}000") && sv.contains("1\u{A0}000") && sv.contains("\u{2212}12") && sv.contains("24"))
        #expect(sv.contains("6") && sv.contains("18"))
        let en = SVGInspection(ChartSamples.eventStudy(.english).render()).texts
        #expect(en.contains("\u{2212}2,000"))
        let love = SVGInspection(ChartSamples.lovePlot(.swedish).render()).texts
        #expect(love.contains("0,5") && love.contains("1,0"))
        let overlap = SVGInspection(ChartSamples.overlap(.swedish).render()).texts
        #expect(overlap.contains("0,2") && !overlap.contains { $0.hasPrefix("\u{2212}") }, "mirrored heights have no minus")
    }

    @Test func labelsAreEscapedAndReadBack() throws {
        let awkward = "Kostnad <netto> & \"brutto\" för 'år'"
        let chart = CumulativeEffectChart(title: awkward, xAxisTitle: "x & y", yAxisTitle: "<kr>", effectLabel: "a<b",
                                          horizons: [.init(label: "6 < 12", estimate: 1, lower: 0, upper: 2)],
                                          costPerParticipant: 1.5, costLabel: "\"c\"", format: SwedishFormat())
        let inspection = SVGInspection(chart.render())
        #expect(inspection.isWellFormed)
        for label in ["x & y", "<kr>", "a<b", "6 < 12", "\"c\""] { #expect(inspection.texts.contains(label)) }
        #expect(inspection.texts.joined(separator: " ").contains("Kostnad <netto> & \"brutto\""))
    }

    @Test func nonFiniteAndEmptyDataGiveValidCharts() throws {
        let bad = [EventStudyChart.Point(eventTime: -2, estimate: .nan, lower: 0, upper: 1),
                   .init(eventTime: -1, estimate: 0, lower: 0, upper: 0),
                   .init(eventTime: 0, estimate: -100, lower: -.infinity, upper: 50),
                   .init(eventTime: 1, estimate: .infinity, lower: 0, upper: 1),
                   .init(eventTime: 2, estimate: -300, lower: -500, upper: -100),
                   .init(eventTime: 3, estimate: -350, lower: -600, upper: -100)]
        let documents: [any ReportDocument] = [
            EventStudyChart(title: "t", xAxisTitle: "x", yAxisTitle: "y", series: .init(label: "s", points: bad),
                            startLabel: "Start", format: SwedishFormat()),
            EventStudyChart(title: "t", xAxisTitle: "x", yAxisTitle: "y", series: .init(label: "s", points: []),
                            startLabel: "Start", format: EnglishFormat()),
            LovePlot(title: "t", xAxisTitle: "x", beforeLabel: "b", afterLabel: "a", thresholdLabel: "g",
                     terms: [.init(name: "z", before: .nan, after: 0.2)], absolute: false, format: SwedishFormat()),
            LovePlot(title: "t", xAxisTitle: "x", beforeLabel: "b", afterLabel: "a", thresholdLabel: "g", terms: [], format: SwedishFormat()),
            OverlapChart(title: "t", xAxisTitle: "x", yAxisTitle: "y", treatedLabel: "T", controlLabel: "C",
                         treatedScores: [.nan, -0.2, 1, 1.3, 0.5], controlScores: [], measure: .count, format: SwedishFormat()),
            OverlapChart(title: "t", xAxisTitle: "x", yAxisTitle: "y", treatedLabel: "T", controlLabel: "C",
                         treatedScores: [1e300, -1e300, .leastNonzeroMagnitude], controlScores: [0.5], format: SwedishFormat()),
            EventStudyChart(title: "t", xAxisTitle: "x", yAxisTitle: "y",
                            series: .init(label: "s", points: [.init(eventTime: 0, estimate: 1e308, lower: -1.7e308, upper: 1.7e308)]),
                            startLabel: "Start", format: SwedishFormat()),
            CumulativeEffectChart(title: "t", xAxisTitle: "x", yAxisTitle: "y", effectLabel: "e", horizons: [],
                                  costPerParticipant: nil, costLabel: "c", format: SwedishFormat()),
            CumulativeEffectChart(title: "t", xAxisTitle: "x", yAxisTitle: "y", effectLabel: "e",
                                  horizons: [.init(label: "6", estimate: -2_000, lower: .nan, upper: 100), .init(label: "12", estimate: .nan, lower: 0, upper: 1)],
                                  costPerParticipant: .infinity, costLabel: "c", format: SwedishFormat()),
        ]
        for document in documents {
            let svg = try document.render()
            let inspection = SVGInspection(svg)
            #expect(inspection.isWellFormed)
            #expect(!svg.lowercased().contains("nan") && !svg.contains("inf"))
            #expect(inspection.strayCoordinates.isEmpty, "\(inspection.strayCoordinates.prefix(3))")
        }
    }

    @Test func eventStudyDrawsBandsLinesAndTheStartLine() {
        let svg = ChartSamples.eventStudy(.swedish).render()
        let inspection = SVGInspection(svg)
        #expect(inspection.elementNames.filter { $0 == "polygon" }.count == 2, "one band per series")
        #expect(inspection.elementNames.filter { $0 == "polyline" }.count == 2)
        #expect(inspection.elementNames.filter { $0 == "circle" }.count >= 2 * 37)
        #expect(svg.contains("stroke-dasharray=\"6 4\""))
    }

    @Test func lovePlotGrowsWithItsTerms() {
        let terms = (0..<30).map { LovePlot.Term(name: "term \($0)", before: 0.3, after: 0.01) }
        let plot = LovePlot(title: "t", xAxisTitle: "x", beforeLabel: "b", afterLabel: "a", thresholdLabel: "g", terms: terms, format: SwedishFormat())
        let inspection = SVGInspection(plot.render())
        #expect(inspection.height > 30 * 24)
        #expect(inspection.strayCoordinates.isEmpty)
        let long = LovePlot(title: "t", xAxisTitle: "x", beforeLabel: "b", afterLabel: "a", thresholdLabel: "g",
                            terms: [.init(name: String(repeating: "lång term ", count: 30), before: 0.2, after: 0)], format: SwedishFormat())
        #expect(SVGInspection(long.render()).texts.contains { $0.hasSuffix("…") })
    }
}

@Suite struct NiceScaleTests {
    @Test(arguments: [
        (0.0, 1.0, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (-3_412.0, 712.0, 5, [-4_000, -3_000, -2_000, -1_000, 0, 1_000]),
        (0, 57_300, 5, [0, 20_000, 40_000, 60_000]),
        (0.013, 0.087, 5, [0, 0.02, 0.04, 0.06, 0.08, 0.1]),
        (0.013, 0.087, 8, [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09]),
        (-1.27, 1.27, 6, [-1.5, -1, -0.5, 0, 0.5, 1, 1.5]),
        (3, 3, 5, [2.6, 2.8, 3, 3.2, 3.4]),
        (0, 0, 5, [-1, -0.5, 0, 0.5, 1]),
        (12, 1_234_567, 5, [0, 500_000, 1_000_000, 1_500_000]),
    ] as [(Double, Double, Int, [Double])])
    func decimalTicks(low: Double, high: Double, target: Int, expected: [Double]) {
        #expect(NiceScale(covering: low, high, targetCount: target).ticks == expected)
    }

    @Test func ticksAreExactDecimals() {
        let scale = NiceScale(covering: 0, 0.9)
        #expect(scale.ticks.contains(0.6) && scale.step == 0.2 && scale.decimals == 1)
        #expect(NiceScale(covering: 0, 0.0009).decimals == 4)
        #expect(NiceScale(covering: 0, 90_000).decimals == 0)
    }

    @Test func monthTicksStepInMonthsAndYears() {
        #expect(NiceScale(covering: -12, 24, targetCount: 6, steps: .months).ticks == [-12, -6, 0, 6, 12, 18, 24])
        #expect(NiceScale(covering: -6, 6, targetCount: 6, steps: .months).ticks == [-6, -4, -2, 0, 2, 4, 6])
        #expect(NiceScale(covering: -3, 2, targetCount: 6, steps: .months).ticks == [-3, -2, -1, 0, 1, 2])
        #expect(NiceScale(covering: -24, 120, targetCount: 6, steps: .months).ticks == [-24, 0, 24, 48, 72, 96, 120])
    }

    @Test func degenerateRangesFallBackToUnit() {
        #expect(NiceScale(covering: .nan, 1).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(NiceScale(covering: 0, .leastNonzeroMagnitude).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(NiceScale(covering: -1.7e308, 1.7e308).ticks.count >= 5)
    }
}
