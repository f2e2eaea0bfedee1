import Foundation

/// How an insats changes a participant's assistance process, by event month e = months since
/// the start month (e = 0 is the start month).
///
/// On the exit log-odds: `lockIn` while participating, plus a gain that builds up as
/// `gain · (1 − exp(−(a + 1)/buildUp))`, where a counts months from the start (or from the end
/// of participation when `gainAfterParticipation`), optionally fading after `fadeAfter` months
/// since the start. The re-entry log-odds (when off) shift by −`reentryFactor` × the gain. Both
/// are multiplied by the participant's heterogeneity factor, fixed at the start. A job
/// (Stockholmsjobb) replaces assistance by a wage while it lasts.
public struct InsatsEffect: Sendable {
    public var lockIn: Double = 0
    public var gain: Double = 0
    public var buildUp: Double = 3
    public var gainAfterParticipation = false
    public var fadeAfter: Int? = nil
    public var fadeTime: Double = 6
    public var reentryFactor: Double = 0.5
    public var isJob = false
    // Heterogeneity multipliers.
    public var women: Double = 1
    public var bornAbroad: Double = 1
    public var bornInSweden: Double = 1
    public var under30: Double = 1
    public var over50: Double = 1
    public var hinderGroup: [Double] = [1, 1, 1, 1, 1, 1]
    /// One line in Swedish-free English for truth.json and the README.
    public var summary: String = ""

    func heterogeneity(female: Bool, bornAbroad abroad: Bool, age: Int, hinderGroup group: Int) -> Double {
        (female ? women : 1) * (abroad ? bornAbroad : bornInSweden) * (age < 30 ? under30 : (age >= 50 ? over50 : 1))
            * hinderGroup[group]
    }

    /// The gain (before heterogeneity) in a month `sinceStart` months after the start, for an
    /// episode whose participation ended in `endedAgo` months ago (nil while participating).
    @inline(__always) func gainNow(sinceStart e: Int, endedAgo: Int?) -> Double {
        guard gain != 0 else { return 0 }
        var g: Double
        if gainAfterParticipation {
            guard let a = endedAgo else { return 0 }
            g = gain * (1 - exp(-Double(a + 1) / buildUp))
        } else {
            g = gain * (1 - exp(-Double(e + 1) / buildUp))
        }
        if let fade = fadeAfter, e > fade { g *= exp(-Double(e - fade) / fadeTime) }
        return g
    }
}

/// Stockholmsjobb: while in the job (event months 1 … duration − 1) assistance stops except a
/// small top-up for some households; the start month is paid at half; in the three months after
/// the job ends, re-entry is much more likely (the job was fixed-term).
enum JobRules {
    static let startMonthFactor = 0.5
    static let topUpProbabilityWithChildren = 0.15
    static let topUpProbabilityOtherwise = 0.05
    static let topUpFraction = 0.30
    static let returnBump = 1.0
    static let returnBumpMonths = 3
}

/// One insats of the catalogue: code, Swedish name, cost, typical duration, effect and
/// selection model.
public struct SimulatedInsats: Sendable {
    public let code: String
    public let name: String
    /// Kronor per participant (nil for insatser costed per month).
    public let costPerParticipant: Double?
    /// Kronor per participant-month (Stockholmsjobb).
    public let costPerMonth: Double?
    /// Planned participation in months, both ends included (drawn uniformly at the start).
    public let duration: ClosedRange<Int>
    public let effect: InsatsEffect
    public let selection: SelectionModel
}

/// The catalogue of simulated insatser. Costs follow the city's figures for earlier projects:
/// job-search activities ≈ 10,000 kr, basic education ≈ 50,000 kr, matching ≈ 70,000 kr,
/// municipal projects ≈ 25,000 kr per participant.
public enum InsatsCatalogue {
    public static let all: [SimulatedInsats] = [
        SimulatedInsats(code: "SE", name: "Matchning och coachning (Supported Employment)", costPerParticipant: 70_000, costPerMonth: nil,
               duration: 6...12,
               effect: InsatsEffect(gain: 0.55, buildUp: 3, reentryFactor: 0.5, bornAbroad: 0.8, under30: 1.3, over50: 0.6,
                                    summary: "exit odds up, building up over ~3 months from the start; stronger under 30, weaker from 50 and for born abroad"),
               selection: SelectionModel(intercept: -9.39, agePer10Years: -0.40)),
        SimulatedInsats(code: "CV", name: "CV-skola och jobbsökaraktiviteter", costPerParticipant: 10_000, costPerMonth: nil,
               duration: 1...2,
               effect: InsatsEffect(gain: 0.40, buildUp: 1, fadeAfter: 5, fadeTime: 4, reentryFactor: 0.3,
                                    summary: "small quick rise in exit odds that fades after 5 months"),
               selection: SelectionModel(intercept: -9.63, agePer10Years: -0.30, education: [-0.2, 0, 0.3, -0.2])),
        SimulatedInsats(code: "ATR", name: "Arbetsträning", costPerParticipant: 25_000, costPerMonth: nil,
               duration: 3...6,
               effect: InsatsEffect(lockIn: -0.40, gain: 0.70, buildUp: 3, gainAfterParticipation: true, reentryFactor: 0.5,
                                    women: 1.3, summary: "lock-in while training, then exit odds up after it ends; stronger for women"),
               selection: SelectionModel(intercept: -9.55, hinderGroup: [0, -0.3, 0.0, -0.1, 0.2, -0.5], months24: 0.0)),
        SimulatedInsats(code: "SJOBB", name: "Stockholmsjobb", costPerParticipant: nil, costPerMonth: 18_500,
               duration: 6...12,
               effect: InsatsEffect(gain: 0.30, buildUp: 3, gainAfterParticipation: true, reentryFactor: 0.6, isJob: true,
                                    summary: "a municipal fixed-term job: assistance mostly stops while it lasts, many return when it ends, slightly better exit odds afterwards"),
               selection: SelectionModel(intercept: -10.02, agePer10Years: -0.20, female: 0.3, kr3PerThousand: 0.10, months24: 0.06)),
        SimulatedInsats(code: "SPRAK", name: "Språkstöd och språkpraktik", costPerParticipant: 50_000, costPerMonth: nil,
               duration: 4...8,
               effect: InsatsEffect(lockIn: -0.25, gain: 0.50, buildUp: 4, gainAfterParticipation: true, reentryFactor: 0.4,
                                    bornInSweden: 0.2, summary: "mild lock-in, then exit odds up; almost no effect for the few born in Sweden"),
               selection: SelectionModel(intercept: -11.85, bornAbroad: 2.0, hinderGroup: [0, 1.0, -0.6, -1.0, -1.2, -0.8])),
        SimulatedInsats(code: "YRKE", name: "Yrkesutbildning (upphandlad)", costPerParticipant: 50_000, costPerMonth: nil,
               duration: 6...10,
               effect: InsatsEffect(lockIn: -0.80, gain: 1.00, buildUp: 4, gainAfterParticipation: true, reentryFactor: 0.5,
                                    under30: 1.2, summary: "strong lock-in during the course, large gain after it: costs rise at first and fall later"),
               selection: SelectionModel(intercept: -10.01, agePer10Years: -0.45, education: [-0.3, 0, -0.2, -0.3])),
        SimulatedInsats(code: "HALSA", name: "Hälsoinsatser och KBT-coachning", costPerParticipant: 25_000, costPerMonth: nil,
               duration: 3...6,
               effect: InsatsEffect(lockIn: -0.10, gain: 0.45, buildUp: 6, reentryFactor: 0.5,
                                    hinderGroup: [0.5, 0.5, 1.0, 1.5, 1.5, 0.5],
                                    summary: "slow build-up of exit odds; strongest for the sick-listed and social/medical hinder"),
               selection: SelectionModel(intercept: -11.12, hinderGroup: [0, -0.5, 0.5, 1.2, 1.5, 0.0])),
        SimulatedInsats(code: "VAGL", name: "Studie- och yrkesvägledning", costPerParticipant: 10_000, costPerMonth: nil,
               duration: 1...3,
               effect: InsatsEffect(summary: "no effect at all"),
               selection: SelectionModel(intercept: -10.14, agePer10Years: -0.50)),
        SimulatedInsats(code: "STARTA", name: "Starta eget-coachning", costPerParticipant: 25_000, costPerMonth: nil,
               duration: 6...12,
               effect: InsatsEffect(lockIn: -0.90, gain: 0.15, buildUp: 6, gainAfterParticipation: true, reentryFactor: 0.3,
                                    summary: "long lock-in while building a business, little gain after: raises costs"),
               selection: SelectionModel(intercept: -10.49, agePer10Years: -0.15, bornAbroad: 0.3, education: [-0.2, 0, 0.3, -0.2])),
        SimulatedInsats(code: "KVINNOR", name: "Uppsökande verksamhet för kvinnor långt från arbetsmarknaden", costPerParticipant: 25_000,
               costPerMonth: nil, duration: 6...12,
               effect: InsatsEffect(gain: 0.40, buildUp: 8, reentryFactor: 0.4, bornAbroad: 1.2,
                                    summary: "slow, steady rise in exit odds; a little stronger for women born abroad"),
               selection: SelectionModel(intercept: -12.93, female: 3.5, bornAbroad: 0.8, months24: 0.02)),
    ]

    /// The most insatser the per-month random draws have room for.
    static let capacity = 10
}
