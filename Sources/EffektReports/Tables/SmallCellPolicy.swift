/// Suppression of small cells for tables meant for publication. Statistical offices suppress
/// counts under 5, and an estimate built on fewer than 5 persons describes those persons
/// rather than a group: both are shown as "–" with a footnote saying why.
///
/// Every count under `minCell` is suppressed, zero included: in a table whose other cells are
/// suppressed a zero can be as telling as a 1, and publishing it would invite differencing.
/// A negative count can only be a programming error and is suppressed as well.
/// Suppression of the margins that would let a reader recompute a suppressed cell (secondary
/// suppression) is the table builder's concern; `suppresses(persons:)` is the test it uses.
public struct SmallCellPolicy: Sendable, Hashable {
    /// The smallest number of persons shown.
    public let minCell: Int
    /// The note put on every suppressed cell.
    public let footnote: Footnote

    public init(minCell: Int = 5, footnote: Footnote) {
        self.minCell = minCell
        self.footnote = footnote
    }

    /// The policy with its footnote in `language` ("Färre än 5 personer; uppgiften redovisas inte.").
    public init(minCell: Int = 5, language: ReportLanguage) {
        let format = language.numberFormat
        let text = switch language {
        case .swedish: "Färre än \(format.count(minCell)) personer; uppgiften redovisas inte."
        case .english: "Fewer than \(format.count(minCell)) persons; not shown."
        }
        self.init(minCell: minCell, footnote: Footnote(id: "small", text: text))
    }

    /// Whether a count, or an estimate built on this many persons, must be withheld.
    public func suppresses(persons: Int) -> Bool {
        persons < minCell
    }

    /// A count of persons: the grouped number, or "–" with the footnote.
    public func countCell(_ persons: Int, format: any NumberFormatting) -> TableCell {
        suppresses(persons: persons) ? suppressedCell(format: format) : TableCell(format.count(persons))
    }

    /// An estimate built on `persons` persons: formatted as `format.format(_:unit:rounding:)`
    /// does, or "–" with the footnote when `persons` is under `minCell`.
    public func estimateCell(_ value: Double, persons: Int, unit: NumberUnit = .none, rounding: Rounding? = nil,
                             format: any NumberFormatting) -> TableCell {
        suppresses(persons: persons)
            ? suppressedCell(format: format)
            : TableCell(format.format(value, unit: unit, rounding: rounding))
    }

    private func suppressedCell(format: any NumberFormatting) -> TableCell {
        TableCell(format.missing, footnote: footnote)
    }
}
