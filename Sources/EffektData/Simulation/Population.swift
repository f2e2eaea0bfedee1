import EffektNumerics
import Foundation

/// The simulated population: codebooks (codes and Swedish labels) and the covariate
/// distributions, calibrated to the City of Stockholm's 2006 figures (see `Datasets/README.md`).
///
/// Each person's covariates come from the person's own random stream, so a person is the same
/// whatever chunk or thread simulates it.
public enum Population {
    /// A city district area (stadsdelsområde) of 2006, with its average number of adult
    /// recipients per month in 2006 as the sampling weight.
    public struct District: Sendable {
        public let code: String
        public let name: String
        let recipients2006: Double
        let bornAbroadShare: Double
        /// Shift of the monthly exit log-odds (local labour market).
        let exitShift: Double
        /// Shift of every insats's start log-odds (local referral practice).
        let referralShift: Double
    }

    /// The 18 district areas of 2006, with recipients per month from the city's 2006 tables.
    public static let districts: [District] = [
        District(code: "01", name: "Kista", recipients2006: 2019, bornAbroadShare: 0.80, exitShift: -0.15, referralShift: 0.10),
        District(code: "02", name: "Rinkeby", recipients2006: 2074, bornAbroadShare: 0.85, exitShift: -0.25, referralShift: 0.30),
        District(code: "03", name: "Spånga-Tensta", recipients2006: 2596, bornAbroadShare: 0.80, exitShift: -0.20, referralShift: -0.40),
        District(code: "04", name: "Hässelby-Vällingby", recipients2006: 2271, bornAbroadShare: 0.55, exitShift: -0.05, referralShift: 0.0),
        District(code: "06", name: "Bromma", recipients2006: 1054, bornAbroadShare: 0.35, exitShift: 0.15, referralShift: 0.0),
        District(code: "08", name: "Kungsholmen", recipients2006: 685, bornAbroadShare: 0.30, exitShift: 0.25, referralShift: -0.10),
        District(code: "09", name: "Norrmalm", recipients2006: 831, bornAbroadShare: 0.30, exitShift: 0.25, referralShift: -0.10),
        District(code: "10", name: "Östermalm", recipients2006: 406, bornAbroadShare: 0.30, exitShift: 0.25, referralShift: -0.10),
        District(code: "12", name: "Maria-Gamla stan", recipients2006: 1207, bornAbroadShare: 0.30, exitShift: 0.20, referralShift: 0.0),
        District(code: "13", name: "Katarina-Sofia", recipients2006: 858, bornAbroadShare: 0.30, exitShift: 0.20, referralShift: 0.0),
        District(code: "14", name: "Enskede-Årsta", recipients2006: 1283, bornAbroadShare: 0.45, exitShift: 0.05, referralShift: 0.0),
        District(code: "15", name: "Skarpnäck", recipients2006: 1810, bornAbroadShare: 0.50, exitShift: 0.0, referralShift: 0.0),
        District(code: "18", name: "Farsta", recipients2006: 2003, bornAbroadShare: 0.60, exitShift: -0.05, referralShift: -0.10),
        District(code: "20", name: "Vantör", recipients2006: 2404, bornAbroadShare: 0.65, exitShift: -0.10, referralShift: 0.05),
        District(code: "21", name: "Älvsjö", recipients2006: 352, bornAbroadShare: 0.40, exitShift: 0.10, referralShift: 0.0),
        District(code: "22", name: "Liljeholmen", recipients2006: 811, bornAbroadShare: 0.45, exitShift: 0.10, referralShift: 0.0),
        District(code: "23", name: "Hägersten", recipients2006: 673, bornAbroadShare: 0.40, exitShift: 0.10, referralShift: 0.0),
        District(code: "24", name: "Skärholmen", recipients2006: 1814, bornAbroadShare: 0.75, exitShift: -0.15, referralShift: -0.10),
    ]

    /// A group of försörjningshinder codes, as the city's 2006 tables group them.
    public struct HinderGroup: Sendable {
        public let name: String
        /// Share of adult recipients in 2006 (by last registered hinder) and share of kronor paid.
        public let personShare2006: Double
        public let kronorShare2006: Double
        let exitShift: Double
        let entryShift: Double
        let amountFactor: Double
    }

    /// Unemployment, SFI, low or no pay from Försäkringskassan, sick-listed without pay,
    /// social/medical reasons, other: 13,536 / 4,374 / 5,828 / 4,546 / 5,810 / 4,396 adults and
    /// 34 / 14 / 11 / 15 / 21 / 5 % of the kronor in 2006.
    public static let hinderGroups: [HinderGroup] = [
        HinderGroup(name: "Arbetslöshet", personShare2006: 13536.0 / 38490, kronorShare2006: 0.341,
                    exitShift: 0.30, entryShift: 0.0, amountFactor: 1.14),
        HinderGroup(name: "SFI", personShare2006: 4374.0 / 38490, kronorShare2006: 0.144,
                    exitShift: -0.30, entryShift: 0.0, amountFactor: 1.10),
        HinderGroup(name: "Låg eller ingen ersättning från Försäkringskassan", personShare2006: 5828.0 / 38490,
                    kronorShare2006: 0.107, exitShift: 0.10, entryShift: 0.0, amountFactor: 0.67),
        HinderGroup(name: "Sjukskriven utan ersättning från Försäkringskassan", personShare2006: 4546.0 / 38490,
                    kronorShare2006: 0.145, exitShift: -0.55, entryShift: 0.2, amountFactor: 0.95),
        HinderGroup(name: "Sociala eller medicinska skäl", personShare2006: 5810.0 / 38490, kronorShare2006: 0.213,
                    exitShift: -0.75, entryShift: 0.3, amountFactor: 0.98),
        HinderGroup(name: "Övriga hinder", personShare2006: 4396.0 / 38490, kronorShare2006: 0.050,
                    exitShift: 0.55, entryShift: -0.2, amountFactor: 0.56),
    ]

    /// One försörjningshinder code with its 2006 label, group and number of adults.
    public struct Hinder: Sendable {
        public let code: String
        public let label: String
        public let group: Int
        let adults2006: Double
        let bornAbroadOnly: Bool
    }

    /// The codes of the city's 2006 tables (labels as there).
    public static let hinders: [Hinder] = [
        Hinder(code: "01", label: "Arbetslös med ersättning från A-kassa/Alfa", group: 0, adults2006: 1584, bornAbroadOnly: false),
        Hinder(code: "02", label: "Arbetslös utan ersättning från A-kassa/Alfa", group: 0, adults2006: 9225, bornAbroadOnly: false),
        Hinder(code: "03", label: "Arbetslös utan ersättning från A-kassa/Alfa – i aktivitet", group: 0, adults2006: 5630, bornAbroadOnly: false),
        Hinder(code: "04", label: "Ofrivilligt deltidsarbete – söker heltid", group: 0, adults2006: 1746, bornAbroadOnly: false),
        Hinder(code: "05", label: "Arbetslös i program med ersättning från AF", group: 0, adults2006: 995, bornAbroadOnly: false),
        Hinder(code: "12", label: "Väntar inkomst i form av lön", group: 0, adults2006: 1952, bornAbroadOnly: false),
        Hinder(code: "13", label: "Väntar på inkomst i form av ersättning från AF (A-kassa/Alfa)", group: 0, adults2006: 443, bornAbroadOnly: false),
        Hinder(code: "10", label: "SFI-studerande", group: 1, adults2006: 4145, bornAbroadOnly: true),
        Hinder(code: "11", label: "SFI-studerande i heldagsaktivitet", group: 1, adults2006: 821, bornAbroadOnly: true),
        Hinder(code: "14", label: "Väntar inkomst i form av ersättning från FK", group: 2, adults2006: 1395, bornAbroadOnly: false),
        Hinder(code: "07", label: "Otillräcklig inkomst av sjukpenning", group: 2, adults2006: 865, bornAbroadOnly: false),
        Hinder(code: "08", label: "Otillräcklig inkomst av föräldrapenning", group: 2, adults2006: 2187, bornAbroadOnly: false),
        Hinder(code: "09", label: "Otillräcklig inkomst av sjukersättning/tidsbegränsad sjukersättning/aktivitetsersättning",
               group: 2, adults2006: 2164, bornAbroadOnly: false),
        Hinder(code: "06", label: "Sjukskriven, 0-placerad", group: 3, adults2006: 4537, bornAbroadOnly: false),
        Hinder(code: "24", label: "Indragen ersättning från FK vid sjukdom", group: 3, adults2006: 25, bornAbroadOnly: false),
        Hinder(code: "23", label: "Sociala/medicinska skäl", group: 4, adults2006: 5810, bornAbroadOnly: false),
        Hinder(code: "15", label: "Person omfattad av flyktingförordningen, ej svensk medborgare, med varaktigt nedsatt arbetsförmåga eller över 60 år",
               group: 5, adults2006: 521, bornAbroadOnly: true),
        Hinder(code: "40", label: "Utlänning med ersättning enligt LMA", group: 5, adults2006: 45, bornAbroadOnly: true),
        Hinder(code: "16", label: "Över 65 år med ingen eller låg ålderspension", group: 5, adults2006: 307, bornAbroadOnly: false),
        Hinder(code: "17", label: "Sökt och väntar på barnomsorgsplats", group: 5, adults2006: 502, bornAbroadOnly: false),
        Hinder(code: "18", label: "Otillräcklig inkomst av arbete på heltid", group: 5, adults2006: 746, bornAbroadOnly: false),
        Hinder(code: "19", label: "Avtjänar straff med fotboja", group: 5, adults2006: 48, bornAbroadOnly: false),
        Hinder(code: "22", label: "Utan försörjningshinder – saknar etableringsersättning", group: 5, adults2006: 1782, bornAbroadOnly: false),
        Hinder(code: "30", label: "Utan försörjningshinder – har etableringsersättning", group: 5, adults2006: 724, bornAbroadOnly: true),
    ]

    /// A household type with its mean monthly payment when on assistance (kronor, before the
    /// person's own level and the month's noise).
    public struct Household: Sendable {
        public let code: String
        public let name: String
        let level: Double
        let exitShift: Double
    }

    public static let households: [Household] = [
        Household(code: "1", name: "Ensamstående utan barn", level: 3050, exitShift: 0.0),
        Household(code: "2", name: "Ensamstående med barn", level: 5200, exitShift: -0.10),
        Household(code: "3", name: "Sammanboende utan barn", level: 4300, exitShift: 0.05),
        Household(code: "4", name: "Sammanboende med barn", level: 6600, exitShift: -0.05),
        Household(code: "5", name: "Övriga (t.ex. vuxet hemmaboende barn)", level: 2100, exitShift: 0.10),
    ]

    public static let sexes: [(code: String, name: String)] = [("1", "Man"), ("2", "Kvinna")]
    public static let educations: [(code: String, name: String)] = [
        ("1", "Förgymnasial"), ("2", "Gymnasial"), ("3", "Eftergymnasial"), ("9", "Okänd"),
    ]
    /// Shift of the exit log-odds by education (same order as `educations`).
    static let educationExitShift: [Double] = [-0.20, 0.0, 0.25, -0.10]
    public static let bornAbroadCodes: [(code: String, name: String)] = [("0", "Född i Sverige"), ("1", "Född utomlands")]

    /// Age at first month on assistance in the window: bands and their weights.
    static let ageBands: [(low: Int, high: Int, weight: Double)] = [
        (18, 24, 0.16), (25, 29, 0.15), (30, 39, 0.25), (40, 49, 0.21), (50, 64, 0.23),
    ]

    // Cumulative weights, built once.
    static let districtCumulative = cumulative(districts.map(\.recipients2006))
    static let ageCumulative = cumulative(ageBands.map(\.weight))
    /// Education by born abroad (false, true).
    static let educationCumulative = [cumulative([0.30, 0.50, 0.17, 0.03]), cumulative([0.44, 0.31, 0.15, 0.10])]
    /// Household by sex (man, woman) for age ≥ 25, and for age < 25.
    static let householdCumulative = [
        cumulative([0.66, 0.06, 0.08, 0.13, 0.07]), cumulative([0.44, 0.29, 0.06, 0.14, 0.07]),
        cumulative([0.55, 0.10, 0.04, 0.04, 0.27]),
    ]
    /// Hinder group given born abroad, chosen so that the mix of persons matches 2006
    /// (35 / 11 / 15 / 12 / 15 / 11 %) with about 60 % born abroad.
    static let hinderGroupCumulative = [
        cumulative([0.385, 0.0, 0.185, 0.140, 0.170, 0.120]),   // born in Sweden
        cumulative([0.330, 0.190, 0.130, 0.105, 0.140, 0.105]), // born abroad
    ]
    /// Hinder code given group and born abroad.
    static let hinderCodeCumulative: [[(codes: [Int], cumulative: [Double])]] = (0..<2).map { abroad in
        (0..<hinderGroups.count).map { group in
            let codes = hinders.indices.filter { hinders[$0].group == group && (abroad == 1 || !hinders[$0].bornAbroadOnly) }
            return (codes, cumulative(codes.map { hinders[$0].adults2006 }))
        }
    }

    static func cumulative(_ weights: [Double]) -> [Double] {
        var total = 0.0
        return weights.map { total += $0; return total }
    }
}

/// One simulated person's fixed characteristics: the observed covariates written to
/// `persons.csv` and the unobserved ones that drive the assistance process.
public struct PersonCovariates: Sendable, Equatable {
    public var birthYear: Int
    public var female: Bool
    public var bornAbroad: Bool
    /// Indices into `Population.educations`, `.districts`, `.households`, `.hinders`, `.hinderGroups`.
    public var education: Int
    public var district: Int
    public var household: Int
    public var hinder: Int
    public var hinderGroup: Int
    /// Window month (0-based) of the first payment: 0 for persons already on assistance when the
    /// window opens.
    public var entryMonth: Int
    /// Months already on assistance before the window (persons with `entryMonth == 0`).
    public var priorSpell: Int
    /// Unobserved: higher means a stronger tendency to stay on (and return to) assistance.
    public var dependence: Double
    /// Unobserved: the person's log amount level relative to the household type's.
    public var amountEffect: Double
    /// The transitory log-amount component at the window start.
    public var initialTransitory: Double

    /// Draws person `index`'s covariates from its own stream (`stream = index << 12 | 0xFFF`).
    static func draw(seed: UInt64, index: Int, months: Int, firstMonth: Int32) -> PersonCovariates {
        var rng = RandomStream(seed: seed, stream: UInt64(index) << 12 | 0xFFF)
        let alreadyOn = rng.uniform() < 0.40
        let laterEntry = months > 1 ? 1 + rng.integer(below: months - 1) : 0
        let entryMonth = alreadyOn ? 0 : laterEntry
        let priorSpell = min(Int(-log1p(-rng.uniform()) * 16), 120)
        let female = rng.uniform() < 0.47
        let band = Population.ageBands[rng.categorical(cumulative: Population.ageCumulative)]
        let age = band.low + rng.integer(below: band.high - band.low + 1)
        let entryYear = Int(firstMonth + Int32(entryMonth)) / 12
        let district = rng.categorical(cumulative: Population.districtCumulative)
        let bornAbroad = rng.uniform() < Population.districts[district].bornAbroadShare
        let education = rng.categorical(cumulative: Population.educationCumulative[bornAbroad ? 1 : 0])
        let household = rng.categorical(cumulative: Population.householdCumulative[age < 25 ? 2 : (female ? 1 : 0)])
        let group = rng.categorical(cumulative: Population.hinderGroupCumulative[bornAbroad ? 1 : 0])
        let codes = Population.hinderCodeCumulative[bornAbroad ? 1 : 0][group]
        let hinder = codes.codes[rng.categorical(cumulative: codes.cumulative)]
        let z = rng.boxMullerPair()
        let z3 = rng.boxMullerPair()
        return PersonCovariates(
            birthYear: entryYear - age, female: female, bornAbroad: bornAbroad, education: education,
            district: district, household: household, hinder: hinder, hinderGroup: group,
            entryMonth: entryMonth, priorSpell: priorSpell, dependence: z.0, amountEffect: 0.15 * z.1,
            initialTransitory: AssistanceProcess.transitoryStationarySD * z3.0)
    }

    /// Age in whole years during window month `month` (calendar year minus birth year).
    func age(atMonth month: Int, firstMonth: Int32) -> Int {
        Int(firstMonth + Int32(month)) / 12 - birthYear
    }
}

extension RandomStream {
    /// Two independent standard normals from exactly two uniforms (Box–Muller), so the number
    /// of draws never varies.
    mutating func boxMullerPair() -> (Double, Double) {
        let r = (-2 * log1p(-uniform())).squareRoot()
        let angle = 2 * Double.pi * uniform()
        return (r * cos(angle), r * sin(angle))
    }
}
