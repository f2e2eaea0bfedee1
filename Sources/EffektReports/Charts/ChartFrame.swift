/// The parts every chart shares, laid out for its size: the title (wrapped), the legend (one or
/// more rows under the title, so it never covers data), the y-axis title written horizontally
/// above the plot (easier to read than rotated text), the plot area with grid and tick labels,
/// and the x-axis title under it. Margins are computed from the estimated widths of the labels,
/// so long tick labels or term names move the plot rather than being clipped.
struct ChartFrame {
    let width: Double
    let height: Double
    let x: ChartAxis
    let y: ChartAxis
    /// The plot area.
    let left: Double, top: Double, right: Double, bottom: Double
    private let titleLines: [String]
    private let legendRows: [[(entry: LegendEntry, x: Double)]]

    /// A frame of the given size.
    init(size: ChartSize, title: String, legend: [LegendEntry], x: ChartAxis, y: ChartAxis) {
        self.init(width: size.width, title: title, legend: legend, x: x, y: y) { _ in size.height }
    }

    /// A frame as tall as a plot area of `plotHeight` needs (for one row per category).
    init(width: Double, plotHeight: Double, title: String, legend: [LegendEntry], x: ChartAxis, y: ChartAxis) {
        self.init(width: width, title: title, legend: legend, x: x, y: y) { margins in margins + plotHeight }
    }

    private init(width: Double, title: String, legend: [LegendEntry], x: ChartAxis, y: ChartAxis,
                 height: (_ verticalMargins: Double) -> Double) {
        let padding = ChartStyle.padding
        self.width = width
        self.x = x
        self.y = y
        titleLines = TextMetrics.wrap(title, size: ChartStyle.titleSize, bold: true, maxWidth: width - 2 * padding)
        legendRows = Self.legendLayout(legend, maxWidth: width - 2 * padding)

        var top = padding + Double(titleLines.count) * ChartStyle.titleLineHeight + 4
        top += Double(legendRows.count) * ChartStyle.legendRowHeight + (legendRows.isEmpty ? 0 : 6)
        top += y.title.isEmpty ? 0 : 22
        top += 8
        let bottomMargin = 26 + (x.title.isEmpty ? 0 : 22) + padding
        self.top = top
        self.height = height(top + bottomMargin)
        bottom = self.height - bottomMargin

        let widestTick = y.ticks.map { TextMetrics.width($0.label, size: ChartStyle.tickLabelSize) }.max() ?? 0
        // Capped so that absurd labels (a programming error upstream) cannot push the plot out.
        left = min(padding + widestTick + 10, width * 0.45)
        let lastTick = x.ticks.last.map { $0.value >= x.domain.upperBound - 1e-9 * (x.domain.upperBound - x.domain.lowerBound) } ?? false
        let overhang = lastTick ? TextMetrics.width(x.ticks.last!.label, size: ChartStyle.tickLabelSize) / 2 : 0
        right = width - padding - max(overhang, 8)
    }

    /// The horizontal position of an x value.
    func xPosition(_ value: Double) -> Double {
        left + (value - x.domain.lowerBound) / (x.domain.upperBound - x.domain.lowerBound) * (right - left)
    }

    /// The vertical position of a y value.
    func yPosition(_ value: Double) -> Double {
        bottom - (value - y.domain.lowerBound) / (y.domain.upperBound - y.domain.lowerBound) * (bottom - top)
    }

    func point(_ xValue: Double, _ yValue: Double) -> SVGPoint {
        SVGPoint(x: xPosition(xValue), y: yPosition(yValue))
    }

    /// Background, title, legend, axis titles, grid and tick labels: everything under the data.
    func drawChrome(on canvas: inout SVGCanvas) {
        let padding = ChartStyle.padding
        canvas.rect(x: 0, y: 0, width: width, height: height, fill: ChartPalette.background)
        var cursor = padding
        for line in titleLines {
            canvas.text(line, at: SVGPoint(x: padding, y: cursor + 16), size: ChartStyle.titleSize, bold: true)
            cursor += ChartStyle.titleLineHeight
        }
        cursor += 4
        for row in legendRows {
            let middle = cursor + ChartStyle.legendRowHeight / 2
            for (entry, x) in row {
                entry.drawSwatch(on: &canvas, x: x, y: middle)
                canvas.text(entry.label, at: SVGPoint(x: x + LegendEntry.swatchWidth + 6, y: middle + 4.5), size: ChartStyle.legendSize)
            }
            cursor += ChartStyle.legendRowHeight
        }
        if !y.title.isEmpty {
            canvas.text(y.title, at: SVGPoint(x: padding, y: top - 14), size: ChartStyle.axisTitleSize, bold: true)
        }
        for tick in y.ticks {
            let position = yPosition(tick.value)
            if y.showsGrid { canvas.line(from: SVGPoint(x: left, y: position), to: SVGPoint(x: right, y: position), stroke: ChartStyle.gridStroke) }
            canvas.text(tick.label, at: SVGPoint(x: left - 8, y: position + 4), size: ChartStyle.tickLabelSize, anchor: .end)
        }
        for tick in x.ticks {
            let position = xPosition(tick.value)
            if x.showsGrid { canvas.line(from: SVGPoint(x: position, y: top), to: SVGPoint(x: position, y: bottom), stroke: ChartStyle.gridStroke) }
            canvas.line(from: SVGPoint(x: position, y: bottom), to: SVGPoint(x: position, y: bottom + 5), stroke: ChartStyle.axisStroke)
            canvas.text(tick.label, at: SVGPoint(x: position, y: bottom + 19), size: ChartStyle.tickLabelSize, anchor: .middle)
        }
        canvas.line(from: SVGPoint(x: left, y: bottom), to: SVGPoint(x: right, y: bottom), stroke: ChartStyle.axisStroke)
        if !x.title.isEmpty {
            canvas.text(x.title, at: SVGPoint(x: (left + right) / 2, y: bottom + 42), size: ChartStyle.axisTitleSize, anchor: .middle, bold: true)
        }
    }

    /// A line across the plot at y = `value`, if the y axis spans it.
    func drawHorizontalLine(at value: Double, stroke: Stroke, on canvas: inout SVGCanvas) {
        guard y.domain.contains(value) else { return }
        canvas.line(from: point(x.domain.lowerBound, value), to: point(x.domain.upperBound, value), stroke: stroke)
    }

    /// A line down the plot at x = `value`, if the x axis spans it.
    func drawVerticalLine(at value: Double, stroke: Stroke, on canvas: inout SVGCanvas) {
        guard x.domain.contains(value) else { return }
        canvas.line(from: point(value, y.domain.lowerBound), to: point(value, y.domain.upperBound), stroke: stroke)
    }

    /// Entries placed left to right, wrapped into rows no wider than `maxWidth`.
    private static func legendLayout(_ entries: [LegendEntry], maxWidth: Double) -> [[(entry: LegendEntry, x: Double)]] {
        var rows: [[(entry: LegendEntry, x: Double)]] = []
        var row: [(entry: LegendEntry, x: Double)] = []
        var cursor = 0.0
        for entry in entries {
            let entryWidth = LegendEntry.swatchWidth + 6 + TextMetrics.width(entry.label, size: ChartStyle.legendSize)
            if !row.isEmpty && cursor + entryWidth > maxWidth {
                rows.append(row)
                row = []
                cursor = 0
            }
            row.append((entry, ChartStyle.padding + cursor))
            cursor += entryWidth + 22
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }
}
