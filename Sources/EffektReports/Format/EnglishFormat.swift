/// English number conventions for `--lang en`: `1,234,567 SEK`, `12.3 MSEK`, `−4,512 SEK`,
/// `10.5%`, "between −3,400 and −1,200 SEK". TSEK and MSEK are the abbreviations Swedish
/// public bodies and companies use in English. The minus is U+2212 as in Swedish, the correct
/// sign in typeset English too; the space before a currency is U+00A0 (see `SwedishFormat`).
public struct EnglishFormat: NumberFormatting {
    public init() {}

    public var groupSeparator: String { "," }
    public var decimalSeparator: String { "." }
    public var minusSign: String { "\u{2212}" }

    public func symbol(for unit: NumberUnit) -> String {
        switch unit {
        case .none: ""
        case .kronor: "\u{00A0}SEK"
        case .thousandKronor: "\u{00A0}TSEK"
        case .millionKronor: "\u{00A0}MSEK"
        case .percent: "%"
        }
    }

    public func rangeText(lower: String, upper: String) -> String {
        "between \(lower) and \(upper)"
    }
}
