/// A Love plot of covariate balance: one row per term, in the order given, with its
/// standardised mean difference before matching (hollow marker) and after (filled), joined by a
/// thin line so the movement reads at a glance; a vertical line at 0 and dashed lines at the
/// balance threshold (±0,1 by default), which the legend names with `thresholdLabel`.
///
/// With `absolute` (the default, as in cobalt's `love.plot(abs = TRUE)`) the plot shows |SMD|
/// from 0 and one threshold line; otherwise SMD around 0 with lines at ±threshold. The chart
/// is as tall as its rows need; term names too long for 40 % of the width are shortened with
/// "…". A non-finite SMD leaves out that marker.
public struct LovePlot: ReportDocument, Sendable {
    public struct Term: Sendable, Equatable {
        public let name: String
        public let before: Double
        public let after: Double

        public init(name: String, before: Double, after: Double) {
            self.name = name
            self.before = before
            self.after = after
        }
    }

    public let title: String
    public let xAxisTitle: String
    public let beforeLabel: String
    public let afterLabel: String
    /// The legend entry of the dashed threshold lines, e.g. "Gräns för god balans (0,1)".
    public let thresholdLabel: String
    public let terms: [Term]
    public let absolute: Bool
    public let threshold: Double
    public let format: any NumberFormatting
    public let width: Double

    public init(title: String, xAxisTitle: String, beforeLabel: String, afterLabel: String, thresholdLabel: String,
                terms: [Term],
                absolute: Bool = true, threshold: Double = 0.1, format: any NumberFormatting, width: Double = ChartSize.standard.width) {
        self.title = title
        self.xAxisTitle = xAxisTitle
        self.beforeLabel = beforeLabel
        self.afterLabel = afterLabel
        self.thresholdLabel = thresholdLabel
        self.terms = terms
        self.absolute = absolute
        self.threshold = threshold
        self.format = format
        self.width = width
    }

    private static let rowHeight = 24.0

    public func render() -> String {
        let shown = terms.map { (name: $0.name, before: shownValue($0.before), after: shownValue($0.after)) }
        let extent = (shown.flatMap { [$0.before, $0.after] }.filter(\.isFinite).map(abs) + [threshold]).max()! * 1.05
        let scale = NiceScale(covering: absolute ? 0 : -extent, extent, targetCount: absolute ? 5 : 6)
        let xAxis = ChartAxis(title: xAxisTitle, scale: scale, format: format)
        let nameWidth = width * 0.4
        let names = shown.map { TextMetrics.truncate($0.name, size: ChartStyle.tickLabelSize, maxWidth: nameWidth) }
        // Category 0 is the bottom row: the first term goes on top.
        var yAxis = ChartAxis(title: "", categories: names.reversed())
        yAxis.showsGrid = false
        let legend = [
            LegendEntry(swatch: .marker(color: ChartPalette.vermillion, filled: false), label: beforeLabel),
            LegendEntry(swatch: .marker(color: ChartPalette.blue, filled: true), label: afterLabel),
            LegendEntry(swatch: .line(ChartStyle.referenceStroke), label: thresholdLabel),
        ]
        let frame = ChartFrame(width: width, plotHeight: Double(max(terms.count, 1)) * Self.rowHeight, title: title,
                               legend: legend, x: xAxis, y: yAxis)

        var canvas = SVGCanvas(width: frame.width, height: frame.height)
        frame.drawChrome(on: &canvas)
        for row in shown.indices {
            frame.drawHorizontalLine(at: Double(row), stroke: ChartStyle.gridStroke, on: &canvas)
        }
        frame.drawVerticalLine(at: 0, stroke: ChartStyle.zeroStroke, on: &canvas)
        for line in absolute ? [threshold] : [-threshold, threshold] {
            frame.drawVerticalLine(at: line, stroke: ChartStyle.referenceStroke, on: &canvas)
        }
        for (index, term) in shown.enumerated() {
            let row = Double(shown.count - 1 - index)
            if term.before.isFinite && term.after.isFinite {
                canvas.line(from: frame.point(term.before, row), to: frame.point(term.after, row), stroke: Stroke(color: ChartPalette.axis, width: 1))
            }
            if term.before.isFinite {
                SeriesMarker(color: ChartPalette.vermillion, filled: false).draw(on: &canvas, at: frame.point(term.before, row), radius: 4.5)
            }
            if term.after.isFinite {
                SeriesMarker(color: ChartPalette.blue, filled: true).draw(on: &canvas, at: frame.point(term.after, row), radius: 4.5)
            }
        }
        return canvas.document(title: title)
    }

    private func shownValue(_ smd: Double) -> Double {
        absolute ? abs(smd) : smd
    }
}
