/// Exit reasons (avslutsorsak) of ended episodes, as in Flai: self-reported descriptions, never
/// the outcome. About 17 % are unknown, as in the city's reports.
public enum ExitReasons {
    public static let codes: [(code: String, name: String)] = [
        ("01", "Arbete utan subvention"),
        ("02", "Subventionerat arbete"),
        ("03", "Avslutad inom 5 dagar"),
        ("04", "Självförsörjande i program hos Arbetsförmedlingen"),
        ("05", "Studier"),
        ("06", "Återremitterad till stadsdelsförvaltningen"),
        ("07", "Övrigt (avliden, flyttat, militärtjänst, a-kassa, försörjd av partner)"),
        ("99", "Okänd"),
    ]
    static let unknownShare = 0.17
    static let withinFiveDaysShare = 0.30

    // Distributions over codes 01…07 by how the episode ended.
    private static let leftAssistance = Population.cumulative([0.50, 0.08, 0, 0.10, 0.17, 0, 0.15])
    private static let completedOn = Population.cumulative([0, 0, 0, 0.08, 0.10, 0.60, 0.22])
    private static let completedOff = Population.cumulative([0.45, 0.10, 0, 0.10, 0.15, 0, 0.20])
    private static let jobCompletedOn = Population.cumulative([0, 0.20, 0, 0, 0, 0.55, 0.25])
    private static let jobCompletedOff = Population.cumulative([0.30, 0.45, 0, 0, 0, 0, 0.25])

    /// The code of an ended episode, from its ending and its episode draws (3: reason,
    /// 4: unknown, 5: within five days).
    static func code(ending: EpisodeEnding, isJob: Bool, sameMonth: Bool, draws: InlineArray<6, Double>) -> String {
        if draws[4] < unknownShare { return "99" }
        if sameMonth && !isJob && draws[5] < withinFiveDaysShare { return "03" }
        let table: [Double]
        switch ending {
        case .leftAssistance: table = leftAssistance
        case .completedOnAssistance: table = isJob ? jobCompletedOn : completedOn
        case .completedOffAssistance, .open: table = isJob ? jobCompletedOff : completedOff
        }
        let target = draws[3] * table[table.count - 1]
        var i = 0
        while i < table.count - 1 && table[i] <= target { i += 1 }
        return codes[i].code
    }
}
