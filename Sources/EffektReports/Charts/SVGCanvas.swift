/// A point in SVG user units (CSS pixels, y down).
struct SVGPoint: Equatable {
    var x: Double
    var y: Double
}

/// A line style: colour, width, and an optional dash pattern ("5 4").
struct Stroke {
    var color: String
    var width: Double = 1
    var dash: String? = nil
}

/// Collects SVG elements and writes the document. Styling is by presentation attributes only,
/// never a `<style>` element, whose rules would leak into the page when the SVG is inlined in
/// HTML; no ids, which would clash between several inlined charts; no external fonts, images
/// or links: text uses the generic `sans-serif`.
///
/// Coordinates are written with exactly two decimals, locale-independently, so the same chart
/// is the same bytes on every run. A non-finite coordinate would be a bug in a chart (charts
/// skip non-finite data); it is written as 0 rather than "NaN", which would make the file
/// invalid.
struct SVGCanvas {
    enum Anchor: String {
        case start, middle, end
    }

    let width: Double
    let height: Double
    private var elements: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func line(from start: SVGPoint, to end: SVGPoint, stroke: Stroke) {
        add("line", [("x1", number(start.x)), ("y1", number(start.y)), ("x2", number(end.x)), ("y2", number(end.y))]
            + attributes(stroke))
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, opacity: Double? = nil,
                       stroke: Stroke? = nil) {
        add("rect", [("x", number(x)), ("y", number(y)), ("width", number(max(width, 0))), ("height", number(max(height, 0))),
                     ("fill", fill)] + opacityAttribute(opacity) + (stroke.map(attributes) ?? []))
    }

    mutating func circle(center: SVGPoint, radius: Double, fill: String, stroke: Stroke? = nil) {
        add("circle", [("cx", number(center.x)), ("cy", number(center.y)), ("r", number(radius)), ("fill", fill)]
            + (stroke.map(attributes) ?? []))
    }

    mutating func polyline(_ points: [SVGPoint], stroke: Stroke) {
        add("polyline", [("points", pointList(points)), ("fill", "none"), ("stroke-linejoin", "round")] + attributes(stroke))
    }

    mutating func polygon(_ points: [SVGPoint], fill: String, opacity: Double? = nil) {
        add("polygon", [("points", pointList(points)), ("fill", fill)] + opacityAttribute(opacity))
    }

    /// Text with its baseline at `point.y`; `bold` for titles.
    mutating func text(_ content: String, at point: SVGPoint, size: Double, anchor: Anchor = .start, color: String = ChartPalette.text,
                       bold: Bool = false) {
        let weight: [(String, String)] = bold ? [("font-weight", "bold")] : []
        add("text", [("x", number(point.x)), ("y", number(point.y)), ("font-size", number(size)), ("text-anchor", anchor.rawValue),
                     ("fill", color)] + weight, content: content)
    }

    /// The document, with `title` as its accessible name (`<title>`, shown as a tooltip).
    func document(title: String) -> String {
        let size = "width=\"\(number(width))\" height=\"\(number(height))\" viewBox=\"0 0 \(number(width)) \(number(height))\""
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" \(size) font-family=\"sans-serif\" role=\"img\">",
            "<title>\(Markup.escaped(title))</title>",
        ]
        lines += elements
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func add(_ name: String, _ attributes: [(String, String)], content: String? = nil) {
        let attributeText = attributes.map { " \($0.0)=\"\(Markup.escaped($0.1))\"" }.joined()
        if let content {
            elements.append("<\(name)\(attributeText)>\(Markup.escaped(content))</\(name)>")
        } else {
            elements.append("<\(name)\(attributeText)/>")
        }
    }

    private func attributes(_ stroke: Stroke) -> [(String, String)] {
        [("stroke", stroke.color), ("stroke-width", number(stroke.width))] + (stroke.dash.map { [("stroke-dasharray", $0)] } ?? [])
    }

    private func opacityAttribute(_ opacity: Double?) -> [(String, String)] {
        opacity.map { [("fill-opacity", number($0))] } ?? []
    }

    private func pointList(_ points: [SVGPoint]) -> String {
        points.map { "\(number($0.x)),\(number($0.y))" }.joined(separator: " ")
    }

    private func number(_ value: Double) -> String {
        Self.coordinateFormat.format(value.isFinite ? value : 0, rounding: .decimals(2))
    }

    private static let coordinateFormat = CoordinateFormat()
}

/// Numbers as SVG wants them: `-12.50`, no grouping.
private struct CoordinateFormat: NumberFormatting {
    var groupSeparator: String { "" }
    var decimalSeparator: String { "." }
    var minusSign: String { "-" }
    func symbol(for unit: NumberUnit) -> String { "" }
    func rangeText(lower: String, upper: String) -> String { lower + " " + upper }
}
