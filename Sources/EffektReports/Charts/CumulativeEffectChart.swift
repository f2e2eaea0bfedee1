/// The cumulative effect per participant at follow-up horizons (6, 12, 18, 24 months) as bars
/// with 95 % confidence intervals, against a dashed line at what the insats costs per
/// participant: where a bar's interval lies above the line, the insats has paid for itself by
/// that horizon. Values are given as savings (positive: the city pays less), so bars and cost
/// share a direction.
///
/// A horizon whose estimate is not finite gets no bar; a non-finite interval end, no whisker.
public struct CumulativeEffectChart: ReportDocument, Sendable {
    public struct Horizon: Sendable, Equatable {
        /// The category label, e.g. "12 mån".
        public let label: String
        public let estimate: Double
        public let lower: Double
        public let upper: Double

        public init(label: String, estimate: Double, lower: Double, upper: Double) {
            self.label = label
            self.estimate = estimate
            self.lower = lower
            self.upper = upper
        }
    }

    public let title: String
    public let xAxisTitle: String
    public let yAxisTitle: String
    /// The legend entry of the bars, e.g. "Minskade kostnader per deltagare (95 % KI)".
    public let effectLabel: String
    public let horizons: [Horizon]
    public let costPerParticipant: Double?
    /// The legend entry of the cost line, e.g. "Kostnad per deltagare: 50 000 kr".
    public let costLabel: String
    public let format: any NumberFormatting
    public let size: ChartSize

    public init(title: String, xAxisTitle: String, yAxisTitle: String, effectLabel: String, horizons: [Horizon],
                costPerParticipant: Double?, costLabel: String, format: any NumberFormatting, size: ChartSize = .standard) {
        self.title = title
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.effectLabel = effectLabel
        self.horizons = horizons
        self.costPerParticipant = costPerParticipant
        self.costLabel = costLabel
        self.format = format
        self.size = size
    }

    public func render() -> String {
        let values = ([0, costPerParticipant ?? 0] + horizons.flatMap { [$0.estimate, $0.lower, $0.upper] }).filter(\.isFinite)
        let yAxis = ChartAxis(title: yAxisTitle, scale: NiceScale(covering: values.min()!, values.max()!), format: format)
        var xAxis = ChartAxis(title: xAxisTitle, categories: horizons.map(\.label))
        xAxis.showsGrid = false
        let cost = costPerParticipant.flatMap { $0.isFinite ? $0 : nil }
        let legend = [LegendEntry(swatch: .box(color: ChartPalette.skyBlue, opacity: 0.6), label: effectLabel)]
            + (cost == nil ? [] : [LegendEntry(swatch: .line(ChartStyle.costStroke), label: costLabel)])
        let frame = ChartFrame(size: size, title: title, legend: legend, x: xAxis, y: yAxis)

        var canvas = SVGCanvas(width: frame.width, height: frame.height)
        frame.drawChrome(on: &canvas)
        let barHalfWidth = 0.3, capHalfWidth = 0.08
        for (index, horizon) in horizons.enumerated() where horizon.estimate.isFinite {
            let center = Double(index)
            let top = frame.point(center - barHalfWidth, max(horizon.estimate, 0))
            let bottom = frame.point(center + barHalfWidth, min(horizon.estimate, 0))
            canvas.rect(x: top.x, y: top.y, width: bottom.x - top.x, height: bottom.y - top.y, fill: ChartPalette.skyBlue, opacity: 0.6,
                        stroke: Stroke(color: ChartPalette.blue, width: 1))
            guard horizon.lower.isFinite && horizon.upper.isFinite else { continue }
            let whisker = Stroke(color: ChartPalette.text, width: 1.6)
            canvas.line(from: frame.point(center, horizon.lower), to: frame.point(center, horizon.upper), stroke: whisker)
            for end in [horizon.lower, horizon.upper] {
                canvas.line(from: frame.point(center - capHalfWidth, end), to: frame.point(center + capHalfWidth, end), stroke: whisker)
            }
            SeriesMarker(color: ChartPalette.text, filled: true).draw(on: &canvas, at: frame.point(center, horizon.estimate))
        }
        frame.drawHorizontalLine(at: 0, stroke: ChartStyle.zeroStroke, on: &canvas)
        if let cost {
            frame.drawHorizontalLine(at: cost, stroke: ChartStyle.costStroke, on: &canvas)
        }
        return canvas.document(title: title)
    }
}
