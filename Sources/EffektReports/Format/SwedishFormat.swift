/// Swedish number conventions (Språkrådet, and CLDR's `sv`): `1 234 567 kr`, `12,3 mnkr`,
/// `−4 512 kr`, `10,5 %`, "mellan −3 400 och −1 200 kr".
///
/// The thousands separator and the space before a unit are U+00A0 NO-BREAK SPACE. It never
/// wraps, so a number is not split over two lines, and unlike the typographically narrower
/// U+202F NARROW NO-BREAK SPACE it is in every font (it is Latin-1), renders in every browser
/// and in SVG rasterisers with a generic font, and survives copying into Excel and Word; U+202F
/// shows as a box or a full space in some of these. CLDR's Swedish data uses U+00A0 as well.
/// The minus is U+2212 MINUS SIGN, as Swedish typography asks: a hyphen is too short to be read
/// reliably in front of an amount.
public struct SwedishFormat: NumberFormatting {
    public init() {}

    public var groupSeparator: String { "\u{00A0}" }
    public var decimalSeparator: String { "," }
    public var minusSign: String { "\u{2212}" }

    public func symbol(for unit: NumberUnit) -> String {
        switch unit {
        case .none: ""
        case .kronor: "\u{00A0}kr"
        case .thousandKronor: "\u{00A0}tkr"
        case .millionKronor: "\u{00A0}mnkr"
        case .percent: "\u{00A0}%"
        }
    }

    public func rangeText(lower: String, upper: String) -> String {
        "mellan \(lower) och \(upper)"
    }
}
