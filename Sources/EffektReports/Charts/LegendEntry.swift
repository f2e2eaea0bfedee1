/// A legend entry: a small drawing of how a series looks, and its label.
struct LegendEntry {
    enum Swatch {
        /// A line drawn as in the plot.
        case line(Stroke)
        /// An estimate series: a shaded interval band behind a line with a point marker.
        case series(color: String, filledMarker: Bool)
        /// A point marker alone, filled or hollow.
        case marker(color: String, filled: Bool)
        /// A filled box (histogram bars, bars).
        case box(color: String, opacity: Double)
    }

    var swatch: Swatch
    var label: String

    static let swatchWidth = 26.0

    /// Draws the swatch in the box starting at `x` and centred on `y`.
    func drawSwatch(on canvas: inout SVGCanvas, x: Double, y: Double) {
        let left = SVGPoint(x: x, y: y), right = SVGPoint(x: x + Self.swatchWidth, y: y)
        let middle = SVGPoint(x: x + Self.swatchWidth / 2, y: y)
        switch swatch {
        case .line(let stroke):
            canvas.line(from: left, to: right, stroke: stroke)
        case .series(let color, let filledMarker):
            canvas.rect(x: x, y: y - 6, width: Self.swatchWidth, height: 12, fill: color, opacity: ChartStyle.bandOpacity)
            canvas.line(from: left, to: right, stroke: Stroke(color: color, width: 2))
            SeriesMarker(color: color, filled: filledMarker).draw(on: &canvas, at: middle)
        case .marker(let color, let filled):
            SeriesMarker(color: color, filled: filled).draw(on: &canvas, at: middle, radius: 4.5)
        case .box(let color, let opacity):
            canvas.rect(x: x + 3, y: y - 6, width: Self.swatchWidth - 6, height: 12, fill: color, opacity: opacity,
                        stroke: Stroke(color: color, width: 1))
        }
    }
}
