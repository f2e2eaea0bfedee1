/// How a number is rounded before it is printed. Rounding works on the decimal digits a person
/// would see (see `DecimalNumber`), halves away from zero: 0,125 → 0,13 and −2,5 → −3.
public enum Rounding: Sendable, Equatable {
    /// This many decimals, always printed (`.decimals(1)`: 12 → "12,0"). A negative count rounds
    /// to tens, hundreds, … as R's `round(x, -2)` and Excel's AVRUNDA(x; −2) do:
    /// `.decimals(-2)`: 4 512 → "4 500".
    case decimals(Int)
    /// This many significant digits, but no more than `maxDecimals` decimals (a negative
    /// `maxDecimals` rounds at least to tens, hundreds, …). Zero prints as "0".
    case significant(Int, maxDecimals: Int)

    /// The rule for kronor in budget text: three significant digits, never öre. So amounts under
    /// 1 000 kr are whole kronor, 1 000–9 999 kr the nearest 10 kr, 10 000–99 999 kr the nearest
    /// 100 kr, and so on: 4 512 → 4 510 kr, 36 412 → 36 400 kr, 123 456 → 123 000 kr. Estimates
    /// with standard errors of thousands of kronor carry no more information than that, and
    /// more digits would suggest a precision that is not there.
    public static let budget = Rounding.significant(3, maxDecimals: 0)

    /// The power of ten to round to for a set of numbers printed together (an interval's two
    /// ends): under `.significant` the number of largest magnitude decides, so both ends are
    /// rounded alike.
    func power(for numbers: [DecimalNumber]) -> Int {
        switch self {
        case .decimals(let count):
            return -count
        case .significant(let digits, let maxDecimals):
            let nonZero = numbers.filter { !$0.isZero }
            guard let largest = nonZero.map(\.magnitude).max() else { return max(0, -maxDecimals) }
            return max(largest - max(digits, 1) + 1, -maxDecimals)
        }
    }
}
