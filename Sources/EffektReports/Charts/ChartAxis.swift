/// One axis of a chart: its title, the data range it spans, and its labelled ticks. Categories
/// (covariate terms, horizons) are the positions 0, 1, 2, … with their names as tick labels.
struct ChartAxis {
    struct Tick {
        var value: Double
        var label: String
    }

    var title: String
    var domain: ClosedRange<Double>
    var ticks: [Tick]
    /// Whether grid lines are drawn at the ticks.
    var showsGrid = true

    /// A numeric axis spanning `domain` (by default the scale's first to last tick), labelled
    /// with `label` (by default the value in `format` with the decimals the step needs).
    init(title: String, scale: NiceScale, domain: ClosedRange<Double>? = nil, format: any NumberFormatting,
         label: ((Double) -> Double)? = nil) {
        let domain = domain ?? scale.lower...scale.upper
        self.title = title
        self.domain = domain
        self.ticks = scale.ticks(within: domain).map {
            Tick(value: $0, label: format.format(label?($0) ?? $0, rounding: .decimals(scale.decimals)))
        }
    }

    /// Categories at 0, 1, …, `labels.count − 1`, with half a category's room at either end.
    init(title: String, categories labels: [String]) {
        self.title = title
        self.domain = -0.5...(Double(max(labels.count, 1)) - 0.5)
        self.ticks = labels.enumerated().map { Tick(value: Double($0.offset), label: $0.element) }
    }
}
