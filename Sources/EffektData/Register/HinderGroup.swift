/// Groups of försörjningshinder codes as Stockholm's statistics report them (domain.md, 2006
/// tables): the coded reason a person needs assistance, collapsed to six groups.
public enum HinderGroup: String, Sendable, CaseIterable {
    case unemployment = "arbetslöshet"
    case sfi = "sfi"
    case lowInsurance = "låg ersättning"
    case sickWithoutPay = "sjuk utan ersättning"
    case socialMedical = "social/medicinsk"
    case other = "övrigt"

    /// The group of a code such as "01" or "23" (leading zeros optional); `other` when unknown.
    public static func group(ofCode code: String) -> HinderGroup {
        switch Int(code.trimmingCharacters(in: .whitespaces)) ?? -1 {
        case 1...5, 12, 13: return .unemployment
        case 10, 11: return .sfi
        case 7...9, 14: return .lowInsurance
        case 6, 24: return .sickWithoutPay
        case 23: return .socialMedical
        default: return .other
        }
    }
}

import Foundation

extension HinderGroup {
    /// The group of every person (index into `allCases`, −1 when missing) from the hinder column.
    static func codes(of column: Column) -> [Int32] {
        let index = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, Int32($0)) })
        return column.mapText { index[group(ofCode: $0)]! }.map { $0 ?? -1 }
    }
}
