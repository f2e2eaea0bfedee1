/// The summary's plain verdict on an insats, derived mechanically from the 95 % intervals at the
/// last horizon: *pays off* when the whole interval of the net saving (saving − cost) is above
/// zero; otherwise *reduces costs* when the whole interval of the saving is above zero,
/// *increases costs* when it is entirely below zero, and *uncertain* when it contains zero.
/// With several insatser evaluated, about one in twenty would look clear by chance, so an effect
/// also has to be significant after Holm's adjustment across insatser (`adjustedP` < 0.05) to be
/// called anything but uncertain; a NaN `adjustedP` (not computed) leaves the intervals alone.
enum Verdict: Equatable {
    case paysOff, reduces, increases, uncertain

    init(_ saving: CostSummary.Saving, adjustedP: Double) {
        if adjustedP >= 0.05 {
            self = .uncertain
        } else if let netLow = saving.netLow, let netHigh = saving.netHigh, min(netLow, netHigh) > 0 {
            self = .paysOff
        } else if min(saving.savedLow, saving.savedHigh) > 0 {
            self = .reduces
        } else if max(saving.savedLow, saving.savedHigh) < 0 {
            self = .increases
        } else {
            self = .uncertain
        }
    }

    /// Whether the insats clearly lowers social-assistance payments (paying off included).
    var lowersCosts: Bool { self == .paysOff || self == .reduces }
}
