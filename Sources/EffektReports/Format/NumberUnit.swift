/// What a number measures, which decides its scale and the symbol printed after it.
public enum NumberUnit: Sendable, Equatable, CaseIterable {
    /// A plain number, no symbol.
    case none
    /// Kronor (kr, SEK).
    case kronor
    /// Thousands of kronor (tkr, TSEK): the value is given in kronor and divided by 1 000.
    case thousandKronor
    /// Millions of kronor (mnkr, MSEK): the value is given in kronor and divided by 1 000 000.
    case millionKronor
    /// A percentage: the value is given as a fraction (0,105) and printed as 10,5 %.
    case percent

    /// The exact decimal shift from the value given to the number printed.
    var powerOfTenShift: Int {
        switch self {
        case .none, .kronor: 0
        case .thousandKronor: -3
        case .millionKronor: -6
        case .percent: 2
        }
    }

    /// The rounding used when the caller names none: `Rounding.budget` for kronor, whole
    /// numbers for tkr and plain numbers, one decimal for mnkr and percentages.
    public var defaultRounding: Rounding {
        switch self {
        case .none, .thousandKronor: .decimals(0)
        case .kronor: .budget
        case .millionKronor, .percent: .decimals(1)
        }
    }
}
