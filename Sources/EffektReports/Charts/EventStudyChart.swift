/// An event-study figure: the estimated effect in each month relative to the start of the
/// insats, with its 95 % confidence interval as a shaded band, a horizontal zero line and a
/// dashed vertical line where the insats starts; optionally a second series (a placebo, an
/// alternative estimator) in another colour with hollow markers.
///
/// The start line is drawn at `startTime`, by default −0,5: month 0 is the first month of the
/// insats, so the line falls between the last month before (−1, the usual reference month)
/// and the first month that can be affected, and no estimate sits on it.
///
/// The x ticks step in months (…, −6, 0, 6, 12, …); the y axis is the caller's unit, its tick
/// labels formatted by `format`. Points whose estimate is not finite are left out (the line
/// breaks there); an interval with a non-finite end breaks the band.
public struct EventStudyChart: ReportDocument, Sendable {
    public struct Point: Sendable, Equatable {
        /// Months since the start of the insats.
        public let eventTime: Int
        public let estimate: Double
        public let lower: Double
        public let upper: Double

        public init(eventTime: Int, estimate: Double, lower: Double, upper: Double) {
            self.eventTime = eventTime
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
        }
    }

    public struct Series: Sendable, Equatable {
        /// The legend entry, e.g. "Effekt med 95 % konfidensintervall".
        public let label: String
        public let points: [Point]

        public init(label: String, points: [Point]) {
            self.label = label
            self.points = points
        }
    }

    public let title: String
    public let xAxisTitle: String
    public let yAxisTitle: String
    public let series: Series
    public let comparison: Series?
    /// Written at the top of the start line, e.g. "Start".
    public let startLabel: String
    public let startTime: Double
    public let format: any NumberFormatting
    public let size: ChartSize

    public init(title: String, xAxisTitle: String, yAxisTitle: String, series: Series, comparison: Series? = nil,
                startLabel: String, startTime: Double = -0.5, format: any NumberFormatting, size: ChartSize = .standard) {
        self.title = title
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.series = series
        self.comparison = comparison
        self.startLabel = startLabel
        self.startTime = startTime
        self.format = format
        self.size = size
    }

    public func render() -> String {
        let styled = [(series, ChartPalette.blue, true)] + (comparison.map { [($0, ChartPalette.vermillion, false)] } ?? [])
        let points = styled.flatMap { $0.0.points }.filter { $0.estimate.isFinite }
        let months = points.map { Double($0.eventTime) } + [startTime]
        let (firstMonth, lastMonth) = (months.min()!, months.max()!)
        let monthScale = NiceScale(covering: firstMonth, lastMonth, targetCount: 6, steps: .months)
        let pad = max(0.6, 0.02 * (lastMonth - firstMonth))
        let xAxis = ChartAxis(title: xAxisTitle, scale: monthScale, domain: (firstMonth - pad)...(lastMonth + pad), format: format)
        let values = ([0] + points.flatMap { [$0.estimate, $0.lower, $0.upper] }).filter(\.isFinite)
        let yAxis = ChartAxis(title: yAxisTitle, scale: NiceScale(covering: values.min()!, values.max()!), format: format)
        let legend = styled.map { LegendEntry(swatch: .series(color: $0.1, filledMarker: $0.2), label: $0.0.label) }
        let frame = ChartFrame(size: size, title: title, legend: legend, x: xAxis, y: yAxis)

        var canvas = SVGCanvas(width: frame.width, height: frame.height)
        frame.drawChrome(on: &canvas)
        for (series, color, _) in styled {
            for run in Self.runs(of: series.points, where: { $0.estimate.isFinite && $0.lower.isFinite && $0.upper.isFinite }) {
                let upper = run.map { frame.point(Double($0.eventTime), $0.upper) }
                let lower = run.reversed().map { frame.point(Double($0.eventTime), $0.lower) }
                canvas.polygon(upper + lower, fill: color, opacity: ChartStyle.bandOpacity)
            }
        }
        frame.drawHorizontalLine(at: 0, stroke: ChartStyle.zeroStroke, on: &canvas)
        frame.drawVerticalLine(at: startTime, stroke: ChartStyle.referenceStroke, on: &canvas)
        drawStartLabel(in: frame, on: &canvas)
        for (series, color, filled) in styled {
            for run in Self.runs(of: series.points, where: { $0.estimate.isFinite }) {
                canvas.polyline(run.map { frame.point(Double($0.eventTime), $0.estimate) }, stroke: Stroke(color: color, width: 2))
                for point in run {
                    SeriesMarker(color: color, filled: filled).draw(on: &canvas, at: frame.point(Double(point.eventTime), point.estimate))
                }
            }
        }
        return canvas.document(title: title)
    }

    /// Beside the start line at the top of the plot, on the side with room for it.
    private func drawStartLabel(in frame: ChartFrame, on canvas: inout SVGCanvas) {
        let x = frame.xPosition(startTime)
        let fitsRight = x + 5 + TextMetrics.width(startLabel, size: ChartStyle.tickLabelSize) <= frame.right
        canvas.text(startLabel, at: SVGPoint(x: fitsRight ? x + 5 : x - 5, y: frame.top + 13), size: ChartStyle.tickLabelSize,
                    anchor: fitsRight ? .start : .end, color: ChartPalette.reference)
    }

    /// The points in time order, cut into runs of consecutive points that satisfy `include`.
    private static func runs(of points: [Point], where include: (Point) -> Bool) -> [[Point]] {
        var runs: [[Point]] = [[]]
        for point in points.sorted(by: { $0.eventTime < $1.eventTime }) {
            if include(point) { runs[runs.count - 1].append(point) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
        }
        return runs.filter { !$0.isEmpty }
    }
}
