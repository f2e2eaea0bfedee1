import EffektData
import EffektEstimators

/// The participant characteristics subgroup effects are reported by, measured at the reference
/// month: sex, born abroad, försörjningshinder group, district and age band (under 30, 30–49, 50+).
public enum SubgroupVariable: String, CaseIterable, Sendable {
    case sex
    case bornAbroad = "born_abroad"
    case hinderGroup = "hinder_group"
    case district
    case age
}

/// The matched pairs of one level of a subgroup variable, with the persons on each side.
public struct SubgroupSplit: Sendable {
    /// Nil for the whole matched sample (level `all`).
    public let variable: SubgroupVariable?
    public let level: String
    public let pairs: [MatchedPair]
    /// Distinct participants and distinct controls among the pairs.
    public let participants: Int
    public let controls: Int

    init(variable: SubgroupVariable?, level: String, pairs: [MatchedPair]) {
        self.variable = variable
        self.level = level
        self.pairs = pairs
        participants = Set(pairs.map(\.treated)).count
        controls = Set(pairs.map(\.control)).count
    }

    /// All pairs as one level, `all`.
    public static func whole(_ pairs: [MatchedPair]) -> SubgroupSplit { SubgroupSplit(variable: nil, level: "all", pairs: pairs) }

    /// True when both sides have at least `minCell` persons, so an estimate may be published.
    public func isPublishable(minCell: Int) -> Bool { participants >= minCell && controls >= minCell }

    /// The pairs split by the participant's level of each variable (levels sorted; pairs whose
    /// participant has no value are in none). Variables the register does not hold are skipped.
    public static func split(register: Register, pairs: [MatchedPair], by variables: [SubgroupVariable]) -> [SubgroupSplit] {
        let values = register.covariates(persons: pairs.map(\.treated), months: pairs.map(\.month))
        var out: [SubgroupSplit] = []
        for variable in variables {
            let labels: [String?]
            switch (variable, values.variable(named: variable.rawValue)) {
            case let (.age, .numeric(age, missing)?):
                labels = age.indices.map { i in
                    missing?[i] == true || !age[i].isFinite ? nil : (age[i] < 30 ? "under 30" : (age[i] < 50 ? "30–49" : "50+"))
                }
            case let (_, .categorical(codes, levels)?) where variable != .age:
                labels = codes.map { $0 < 0 ? nil : register.label(variable.rawValue, levels[Int($0)]) }
            default:
                continue
            }
            for level in Set(labels.compactMap { $0 }).sorted() {
                out.append(SubgroupSplit(variable: variable, level: level, pairs: pairs.indices.filter { labels[$0] == level }.map { pairs[$0] }))
            }
        }
        return out
    }
}
