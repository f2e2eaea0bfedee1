/// The language a report is written in (`--lang sv|en`): its number conventions and its code
/// for HTML's `lang` attribute. Chart and table labels are the caller's strings.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case swedish = "sv"
    case english = "en"

    /// The BCP 47 code ("sv", "en").
    public var code: String { rawValue }

    public var numberFormat: any NumberFormatting {
        switch self {
        case .swedish: SwedishFormat()
        case .english: EnglishFormat()
        }
    }
}
