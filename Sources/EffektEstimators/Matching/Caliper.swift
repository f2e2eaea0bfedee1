/// The largest distance at which a control may be matched (MatchIt `caliper`, `std.caliper`).
///
/// A control is eligible when |score_t − score_c| ≤ width; a treated unit with no eligible control
/// stays unmatched. Calipers apply to a score distance only.
public enum Caliper: Sendable, Equatable, CustomStringConvertible {
    /// Width in standard deviations of the score (`std.caliper = TRUE`, MatchIt's default):
    /// width = value × sd(score of non-discarded units), the n − 1 sample SD over treated and
    /// control units together, computed after common-support discarding.
    case standardDeviations(Double)
    /// Width on the score's own scale (`std.caliper = FALSE`).
    case distanceUnits(Double)

    public var description: String {
        switch self {
        case let .standardDeviations(v): return "\(v) SD of the distance"
        case let .distanceUnits(v): return "\(v) in distance units"
        }
    }

    var value: Double {
        switch self {
        case let .standardDeviations(v), let .distanceUnits(v): return v
        }
    }

    /// The width on the score's scale.
    func width(score: [Double], discarded: [Bool]) -> Double {
        switch self {
        case let .distanceUnits(v):
            return v
        case let .standardDeviations(v):
            let kept = score.indices.filter { !discarded[$0] }.map { score[$0] }
            let mean = kept.reduce(0, +) / Double(kept.count)
            let ss = kept.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return v * (ss / Double(kept.count - 1)).squareRoot()
        }
    }
}
