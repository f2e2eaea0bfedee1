/// A point marker: a filled disc, or a ring on white for a second series or "before".
struct SeriesMarker {
    var color: String
    var filled: Bool

    func draw(on canvas: inout SVGCanvas, at point: SVGPoint, radius: Double = 3.5) {
        canvas.circle(center: point, radius: radius, fill: filled ? color : ChartPalette.background,
                      stroke: Stroke(color: color, width: filled ? 1 : 1.8))
    }
}
