/// The conventions of one language for numbers in report text and tables. `SwedishFormat` and
/// `EnglishFormat` supply the conventions; the formatting itself is shared (this protocol's
/// extension), so the two languages cannot drift apart in rounding or in the handling of bad
/// values.
///
/// A value that is not finite (NaN, ±infinity) is a programming error upstream: estimators in
/// Effekt refuse to return one. Formatting does not trap on it, because a report half-written
/// by a batch run helps nobody; it prints `missing` ("–") instead, so a NaN can never reach a
/// reader as "nan" or "inf". Tests of the callers are where such values are caught.
public protocol NumberFormatting: Sendable {
    /// Between groups of three digits in the integer part.
    var groupSeparator: String { get }
    var decimalSeparator: String { get }
    /// Printed before negative numbers.
    var minusSign: String { get }
    /// What follows the number for a unit, with any space before it ("" for `.none`).
    func symbol(for unit: NumberUnit) -> String
    /// An interval in running text, from its two formatted ends (the unit symbol follows).
    func rangeText(lower: String, upper: String) -> String
}

extension NumberFormatting {
    /// Printed for a suppressed or non-finite value: an en dash (U+2013).
    public var missing: String { "\u{2013}" }

    /// `value` with grouping, decimal separator, minus sign and unit symbol; `rounding` defaults
    /// to the unit's `defaultRounding`. Non-finite values print as `missing`.
    public func format(_ value: Double, unit: NumberUnit = .none, rounding: Rounding? = nil) -> String {
        guard let number = DecimalNumber(value)?.scaled(byPowerOfTen: unit.powerOfTenShift) else { return missing }
        let power = (rounding ?? unit.defaultRounding).power(for: [number])
        return digitsText(number, power: power) + symbol(for: unit)
    }

    /// A count of persons, months, …: grouped, no decimals.
    public func count(_ value: Int) -> String {
        digitsText(DecimalNumber(value), power: 0)
    }

    /// An interval for running text ("mellan −3 400 och −1 200 kr"): both ends rounded to the same
    /// power of ten (see `Rounding.power(for:)`), lower end first whatever the order given, the
    /// unit symbol once at the end. `missing` if an end is not finite.
    public func range(_ first: Double, _ second: Double, unit: NumberUnit = .none, rounding: Rounding? = nil) -> String {
        guard let a = DecimalNumber(first)?.scaled(byPowerOfTen: unit.powerOfTenShift),
              let b = DecimalNumber(second)?.scaled(byPowerOfTen: unit.powerOfTenShift) else { return missing }
        let power = (rounding ?? unit.defaultRounding).power(for: [a, b])
        let (lower, upper) = first <= second ? (a, b) : (b, a)
        return rangeText(lower: digitsText(lower, power: power), upper: digitsText(upper, power: power)) + symbol(for: unit)
    }

    /// The rounded digits with sign, grouping and as many decimals as `power` asks for. A value
    /// that rounds to zero prints without a sign.
    func digitsText(_ number: DecimalNumber, power: Int) -> String {
        let rounded = number.rounded(toPower: power)
        let digits = rounded.integerDigits()
        var integer = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { integer += groupSeparator }
            integer.append(digit)
        }
        let decimals = max(-power, 0)
        let fraction = decimals > 0 ? decimalSeparator + rounded.fractionDigits(decimals) : ""
        return (rounded.isNegative ? minusSign : "") + integer + fraction
    }
}
