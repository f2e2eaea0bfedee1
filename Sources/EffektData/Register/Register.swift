/// A validated register ready for analysis: persons and their covariates, the insats catalogue,
/// the episodes, and the person-month panel. Built by `Register.build(from:)`, which validates
/// first and refuses to build when there are errors.
public struct Register: Sendable {
    public let spec: DatasetSpec
    /// The persons file; row p is person p of the panel.
    public let persons: Table
    public let catalogue: [Insats]
    public let episodes: EpisodeList
    public let panel: PersonMonthPanel
    /// Each person's försörjningshinder group (index into `HinderGroup.allCases`, −1 missing),
    /// when the spec maps a hinder column.
    public let hinderGroups: [Int32]?

    /// The persons-file column playing `role` (`sex`, `district`, …), if the spec maps it.
    public func personColumn(role: String) -> Column? {
        spec.files.persons.columns[role].flatMap { persons[$0] }
    }

    /// The label a codebook gives a code, or the code itself.
    public func label(_ codebook: String, _ code: String) -> String {
        spec.codebooks?[codebook]?[code] ?? code
    }
}

/// One insats of the catalogue and what it costs.
public struct Insats: Sendable, Equatable {
    public var code: String
    public var name: String
    /// Cost per participant in kronor, when the catalogue gives one.
    public var costPerParticipant: Double?
    /// Cost per participant-month in kronor, when the catalogue gives one.
    public var costPerMonth: Double?
}

/// Episodes (enrolments in an insats), columnar, sorted by person then start day.
public struct EpisodeList: Sendable {
    public var person: [Int32] = []
    /// Index into the catalogue.
    public var insats: [Int32] = []
    /// Days since 1970-01-01.
    public var startDay: [Int32] = []
    /// Days since 1970-01-01, or `EpisodeList.open`.
    public var endDay: [Int32] = []
    /// Index into `exitReasonCodes`, or −1 when not given.
    public var exitReason: [Int32] = []
    public var exitReasonCodes: [String] = []

    public static let open = Int32.max
    public var count: Int { person.count }
}
