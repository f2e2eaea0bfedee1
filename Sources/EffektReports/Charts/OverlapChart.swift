/// The overlap of propensity-score distributions: a histogram of the treated above the axis
/// and one of the controls mirrored below it, on the scores' range [0, 1], so regions where one
/// group has no counterpart stand out as bars with nothing opposite.
///
/// Heights are counts or densities (count ÷ (group size × bin width), so groups of different
/// sizes compare); tick labels below the axis are shown without a minus, as heights.
/// Non-finite scores are left out; scores outside [0, 1] (which a propensity model cannot
/// produce) are counted in the first or last bin.
public struct OverlapChart: ReportDocument, Sendable {
    public enum Measure: Sendable {
        case count, density
    }

    public let title: String
    public let xAxisTitle: String
    public let yAxisTitle: String
    public let treatedLabel: String
    public let controlLabel: String
    public let treatedScores: [Double]
    public let controlScores: [Double]
    public let binCount: Int
    public let measure: Measure
    public let format: any NumberFormatting
    public let size: ChartSize

    public init(title: String, xAxisTitle: String, yAxisTitle: String, treatedLabel: String, controlLabel: String,
                treatedScores: [Double], controlScores: [Double], binCount: Int = 20, measure: Measure = .density,
                format: any NumberFormatting, size: ChartSize = .standard) {
        self.title = title
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.treatedLabel = treatedLabel
        self.controlLabel = controlLabel
        self.treatedScores = treatedScores
        self.controlScores = controlScores
        self.binCount = max(binCount, 1)
        self.measure = measure
        self.format = format
        self.size = size
    }

    public func render() -> String {
        let treated = heights(treatedScores)
        let controls = heights(controlScores)
        let yScale = NiceScale(covering: -(controls.max() ?? 0), treated.max() ?? 0, targetCount: 6)
        let xAxis = ChartAxis(title: xAxisTitle, scale: NiceScale(covering: 0, 1), format: format)
        let yAxis = ChartAxis(title: yAxisTitle, scale: yScale, format: format, label: abs)
        let legend = [
            LegendEntry(swatch: .box(color: ChartPalette.blue, opacity: 0.75), label: treatedLabel),
            LegendEntry(swatch: .box(color: ChartPalette.orange, opacity: 0.75), label: controlLabel),
        ]
        let frame = ChartFrame(size: size, title: title, legend: legend, x: xAxis, y: yAxis)

        var canvas = SVGCanvas(width: frame.width, height: frame.height)
        frame.drawChrome(on: &canvas)
        let binWidth = 1 / Double(binCount)
        for (heights, sign, color) in [(treated, 1.0, ChartPalette.blue), (controls, -1.0, ChartPalette.orange)] {
            for (bin, height) in heights.enumerated() where height > 0 {
                let topLeft = frame.point(Double(bin) * binWidth, sign > 0 ? height : 0)
                let bottomRight = frame.point(Double(bin + 1) * binWidth, sign > 0 ? 0 : -height)
                canvas.rect(x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y,
                            fill: color, opacity: 0.75, stroke: Stroke(color: ChartPalette.background, width: 0.8))
            }
        }
        frame.drawHorizontalLine(at: 0, stroke: ChartStyle.zeroStroke, on: &canvas)
        return canvas.document(title: title)
    }

    /// The bar heights of one group.
    private func heights(_ scores: [Double]) -> [Double] {
        var counts = [Double](repeating: 0, count: binCount)
        let finite = scores.filter(\.isFinite)
        for score in finite {
            counts[min(Int(min(max(score, 0), 1) * Double(binCount)), binCount - 1)] += 1
        }
        guard measure == .density, !finite.isEmpty else { return counts }
        return counts.map { $0 / Double(finite.count) * Double(binCount) }
    }
}
