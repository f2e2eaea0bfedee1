import Foundation

/// Axis ticks at "nice" values: steps of 1, 2 or 5 times a power of ten (the 1–2–5 rule), or,
/// for months, steps of 1, 2, 3, 6 or 12 months and multiples of a year beyond, so an event
/// study's axis reads −12, −6, 0, 6, 12, 18, 24, the city's own follow-up points.
///
/// Tick values are computed as integer multiples, exact in decimal (0.3, not
/// 0.30000000000000004), and `decimals` is the number of decimals their labels need.
struct NiceScale: Equatable {
    enum Steps {
        case decimal
        case months
    }

    /// The step is `multiplier × 10^power`.
    let multiplier: Int
    let power: Int
    /// Tick values from the largest tick not above the covered range's lower end to the smallest
    /// not below its upper end.
    let ticks: [Double]

    var step: Double { value(of: 1) }
    var lower: Double { ticks.first! }
    var upper: Double { ticks.last! }
    var decimals: Int { max(0, -power) }

    /// Ticks covering `low...high` with about `targetCount` intervals. A range of zero width is
    /// widened (to −1…1 around zero, by 10 % of the value otherwise); non-finite ends, which are
    /// a programming error, and ranges narrower than 1e-290 give 0…1.
    init(covering low: Double, _ high: Double, targetCount: Int = 5, steps: Steps = .decimal) {
        var (low, high) = (min(low, high), max(low, high))
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        if low == high {
            let widening = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - widening, high + widening)
        }
        let intervals = Double(max(targetCount, 1))
        var rough = high / intervals - low / intervals
        if !(rough >= 1e-290) { (low, high, rough) = (0, 1, 1 / intervals) }
        switch steps {
        case .decimal:
            (multiplier, power) = Self.decimalStep(atLeast: rough)
        case .months:
            if rough <= 12 {
                (multiplier, power) = ([1, 2, 3, 6, 12].first { Double($0) >= rough } ?? 12, 0)
            } else {
                let years = Self.decimalStep(atLeast: rough / 12)
                (multiplier, power) = (12 * years.multiplier, years.power)
            }
        }
        let scale = (multiplier, power)
        let step = Self.value(of: 1, step: scale)
        let first = Int((low / step + 1e-9).rounded(.down))
        let last = Int((high / step - 1e-9).rounded(.up))
        ticks = (min(first, last)...max(first, last)).map { Self.value(of: $0, step: scale) }
    }

    /// The ticks inside `domain` (for an axis padded beyond its ticks).
    func ticks(within domain: ClosedRange<Double>) -> [Double] {
        ticks.filter { domain.contains($0) }
    }

    private func value(of index: Int) -> Double {
        Self.value(of: index, step: (multiplier, power))
    }

    /// `index × multiplier × 10^power`, correctly rounded (dividing by an exact power of ten).
    private static func value(of index: Int, step: (multiplier: Int, power: Int)) -> Double {
        let units = Double(index * step.multiplier)
        return step.power >= 0 ? units * pow(10, Double(step.power)) : units / pow(10, Double(-step.power))
    }

    /// The smallest 1, 2 or 5 × 10^k not below `rough` (> 0).
    private static func decimalStep(atLeast rough: Double) -> (multiplier: Int, power: Int) {
        let power = Int(log10(rough).rounded(.down))
        let unit = value(of: 1, step: (1, power))
        for multiplier in [1, 2, 5] where Double(multiplier) * unit >= rough * (1 - 1e-12) {
            return (multiplier, power)
        }
        return (1, power + 1)
    }
}
