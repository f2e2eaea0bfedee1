/// The size of a chart in CSS pixels: the SVG's `width`, `height` and `viewBox`.
public struct ChartSize: Sendable, Equatable {
    public let width: Double
    public let height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// 720 × 440: fits an A4 page's text width at print scale and a laptop screen.
    public static let standard = ChartSize(width: 720, height: 440)
}
