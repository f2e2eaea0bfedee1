import EffektEstimators

/// What an insats costs against what it saves in försörjningsstöd, per participant and in total.
///
/// Savings are the negative of the cumulative kronor effect (a decrease in payments is a saving);
/// net = savings − cost; the break-even month is the first month h ≤ 24 whose cumulative saving
/// covers the cost, with a range from the months at which the 95 % interval's upper and lower
/// bounds first cover it. Shifts to other benefits (unemployment insurance, sickness benefit)
/// are not in these data and so not in the savings.
public struct CostSummary: Sendable, Equatable {
    /// Kronor per participant: the catalogue's cost per participant, or its cost per month times
    /// the participants' mean months in the insats.
    public var costPerParticipant: Double?
    /// How the cost was obtained, for the method section.
    public var costBasis: String
    public var savings: [Saving]
    /// First month the point estimate of savings covers the cost; nil if not within the horizon.
    public var breakEvenMonth: Int?
    /// Earliest (optimistic: upper CI bound) and latest (pessimistic: lower CI bound) month;
    /// nil when the bound never covers the cost within the horizon.
    public var breakEvenEarliest: Int?
    public var breakEvenLatest: Int?
    /// Effect on payments over 24 months as a share of the counterfactual (matched controls).
    public var shareOfCounterfactual: Double?
    /// Participants per year in the data (evaluable starts / years of starts).
    public var participantsPerYear: Double
    /// Net savings per year at that volume, in kronor (positive = the city saves).
    public var netPerYear: Double?

    public struct Saving: Sendable, Equatable {
        public var horizon: Int
        public var saved: Double
        public var savedLow: Double
        public var savedHigh: Double
        /// saved − cost, with the interval of the saving shifted by the (fixed) cost.
        public var net: Double?
        public var netLow: Double?
        public var netHigh: Double?
    }
}
