import EffektData

/// The outcomes read from the person-month panel.
public enum PanelOutcome: String, Sendable, CaseIterable, Codable {
    /// Kronor of försörjningsstöd paid in the month.
    case kronor = "kr"
    /// Received försörjningsstöd in the month (0/1).
    case receipt
    /// "Självförsörjande": no payment in the month nor in the `selfSufficientMonths − 1` months
    /// before it (0/1).
    case selfSufficient = "self_sufficient"

    /// The outcome of person `p` in window month `t` (caller keeps t inside the window).
    @inlinable
    public func value(_ panel: PersonMonthPanel, person p: Int, month t: Int, selfSufficientMonths: Int = 3) -> Double {
        switch self {
        case .kronor:
            return panel.kronor(p, t)
        case .receipt:
            return panel.receives(p, t) ? 1 : 0
        case .selfSufficient:
            return panel.monthsOnAssistance(p, t - selfSufficientMonths + 1, t + 1) == 0 ? 1 : 0
        }
    }
}
