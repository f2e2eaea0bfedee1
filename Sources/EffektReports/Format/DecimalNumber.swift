/// The exact decimal digits of a finite `Double`, taken from its shortest round-trip
/// representation (Swift's `description`, which is locale-independent), so that rounding and
/// printing work on the digits a person would see and never on binary noise: 1.005 rounds to
/// 1.01 and 999.95 to 1 000.0, as they would by hand.
///
/// The value is `±significand × 10^exponent` with `significand` the digits, most significant
/// first, without leading or trailing zeros (no digits for zero).
struct DecimalNumber: Equatable {
    var isNegative: Bool
    var digits: [UInt8]
    var exponent: Int

    /// `nil` for NaN and ±infinity.
    init?(_ value: Double) {
        guard value.isFinite else { return nil }
        self.init(parsing: value.magnitude.description, isNegative: value.sign == .minus)
    }

    init(_ value: Int) {
        self.init(parsing: String(value.magnitude), isNegative: value < 0)
    }

    /// Parses the forms `description` prints: `123.45`, `1e-05`, `1.2345e+20`, `0.0`.
    private init(parsing text: String, isNegative: Bool) {
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        var exponent = parts.count == 2 ? Int(parts[1])! : 0
        var digits: [UInt8] = []
        var seenPoint = false
        for character in mantissa {
            if character == "." { seenPoint = true; continue }
            digits.append(UInt8(character.asciiValue! - 48))
            if seenPoint { exponent -= 1 }
        }
        self.isNegative = isNegative
        self.digits = digits
        self.exponent = exponent
        normalize()
    }

    var isZero: Bool { digits.isEmpty }

    /// The power of ten of the leading digit (0 for zero).
    var magnitude: Int { isZero ? 0 : digits.count - 1 + exponent }

    /// The digit at power of ten `power` (0 outside the digits).
    func digit(atPower power: Int) -> UInt8 {
        let index = digits.count - 1 - (power - exponent)
        return digits.indices.contains(index) ? digits[index] : 0
    }

    /// Multiplied by 10^`shift` (exact).
    func scaled(byPowerOfTen shift: Int) -> DecimalNumber {
        var copy = self
        if !copy.isZero { copy.exponent += shift }
        return copy
    }

    /// Rounded to a multiple of 10^`power`, halves away from zero (power −1 keeps one decimal,
    /// power 2 rounds to the nearest hundred).
    func rounded(toPower power: Int) -> DecimalNumber {
        guard exponent < power else { return self }
        let dropped = power - exponent
        var padded = digits
        if padded.count <= dropped {
            padded.insert(contentsOf: repeatElement(0, count: dropped - padded.count + 1), at: 0)
        }
        var kept = Array(padded[..<(padded.count - dropped)])
        if padded[padded.count - dropped] >= 5 {
            var index = kept.count - 1
            while index >= 0 && kept[index] == 9 {
                kept[index] = 0
                index -= 1
            }
            if index >= 0 { kept[index] += 1 } else { kept.insert(1, at: 0) }
        }
        var result = DecimalNumber(isNegative: isNegative, digits: kept, exponent: power)
        result.normalize()
        return result
    }

    private init(isNegative: Bool, digits: [UInt8], exponent: Int) {
        self.isNegative = isNegative
        self.digits = digits
        self.exponent = exponent
    }

    private mutating func normalize() {
        let leading = digits.prefix { $0 == 0 }.count
        digits.removeFirst(leading)
        while let last = digits.last, last == 0 {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty {
            exponent = 0
            isNegative = false
        }
    }

    /// The integer part's digits, most significant first ("0" for none).
    func integerDigits() -> String {
        guard magnitude >= 0, !isZero else { return "0" }
        return String(stride(from: magnitude, through: 0, by: -1).map { Character(String(digit(atPower: $0))) })
    }

    /// The digits from power −1 down to power −`count`.
    func fractionDigits(_ count: Int) -> String {
        String((0..<max(count, 0)).map { Character(String(digit(atPower: -1 - $0))) })
    }

    /// The shortest text that reads back as the same `Double`, in plain notation for magnitudes
    /// from 1e-6 up to 1e21 and `d.ddde±x` outside it (the rule of JavaScript's number
    /// printing, so JSON and CSV readers everywhere parse it); ASCII minus, no grouping.
    func shortestText(decimalSeparator: String) -> String {
        let sign = isNegative ? "-" : ""
        if isZero { return "0" }
        if magnitude >= -6 && magnitude < 21 {
            let fraction = fractionDigits(max(-exponent, 0))
            return sign + integerDigits() + (fraction.isEmpty ? "" : decimalSeparator + fraction)
        }
        let all = digits.map(String.init).joined()
        let mantissa = all.count == 1 ? all : String(all.first!) + decimalSeparator + all.dropFirst()
        return sign + mantissa + "e" + (magnitude < 0 ? "-" : "+") + String(magnitude.magnitude)
    }
}
