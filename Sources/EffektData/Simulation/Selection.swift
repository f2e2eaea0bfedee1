import Foundation

/// Who starts an insats: in month m, among the eligible (paid in m − 1, never started this
/// insats), the start probability is logistic in exactly the observables a matching design
/// uses: age at m, sex, born abroad, education, district, hinder group, and the payment history
/// in the window before m (kronor in m−3…m−1, m−6…m−1, m−12…m−1; months with a payment in
/// m−12…m−1 and m−24…m−1; months before the window count as none), plus a calendar-month
/// intercept (programme capacity and the summer break), which risk-set matching within the
/// start month absorbs. Never on the unobserved person effects.
///
/// Defaults are shared by all insatser: a strong positive weight on recent kronor with a
/// negative weight on the year's total (a payment rise just before entry, the "dip").
public struct SelectionModel: Sendable, Codable, Equatable {
    public var intercept: Double
    /// Per 10 years of age above 40.
    public var agePer10Years: Double = -0.35
    public var female: Double = 0
    public var bornAbroad: Double = 0
    /// By education (förgymnasial, gymnasial = reference, eftergymnasial, okänd).
    public var education: [Double] = [-0.1, 0, 0.1, -0.2]
    /// By hinder group (unemployment = reference, SFI, FK, sick-listed, social/medical, other).
    public var hinderGroup: [Double] = [0, -0.3, -0.6, -1.0, -1.2, -0.8]
    /// Multiplies each district's common referral shift (Population.districts).
    public var district: Double = 1
    public var kr3PerThousand: Double = 0.15
    public var kr6PerThousand: Double = 0.0
    public var kr12PerThousand: Double = 0.0
    public var months12: Double = 0.25
    public var months24: Double = 0.04

    enum CodingKeys: String, CodingKey {
        case intercept, agePer10Years = "age_per_10_years_above_40", female, bornAbroad = "born_abroad"
        case education = "education_1_2_3_9", hinderGroup = "hinder_group_by_index", district = "district_referral_multiplier"
        case kr3PerThousand = "kr_m3_per_1000", kr6PerThousand = "kr_m6_per_1000", kr12PerThousand = "kr_m12_per_1000"
        case months12 = "months_paid_m12", months24 = "months_paid_m24"
    }

    /// The time-invariant part of the log-odds for a person (everything but age, history and season).
    func staticPart(_ c: PersonCovariates) -> Double {
        intercept - 4 * agePer10Years + (c.female ? female : 0) + (c.bornAbroad ? bornAbroad : 0) + education[c.education]
            + hinderGroup[c.hinderGroup] + district * Population.districts[c.district].referralShift
    }

    @inline(__always) func dynamicPart(age: Int, history h: HistoryRing) -> Double {
        agePer10Years * Double(age) / 10 + kr3PerThousand * h.kr3 / 1000 + kr6PerThousand * h.kr6 / 1000
            + kr12PerThousand * h.kr12 / 1000 + months12 * Double(h.months12) + months24 * Double(h.months24)
    }
}

/// The payment-history covariates of a month m, from the window months before m.
struct HistoryRing {
    var kr3 = 0.0, kr6 = 0.0, kr12 = 0.0
    var months12 = 0, months24 = 0

    /// From a ring of the last 24 months' payments in öre (slot `month % 24`).
    @inline(__always) init(ring: InlineArray<24, Int64>, month m: Int) {
        var o3: Int64 = 0, o6: Int64 = 0, o12: Int64 = 0
        var n12 = 0, n24 = 0
        for lag in 1...24 where m - lag >= 0 {
            let v = ring[(m - lag) % 24]
            if v > 0 {
                n24 += 1
                if lag <= 12 { n12 += 1; o12 += v }
                if lag <= 6 { o6 += v }
                if lag <= 3 { o3 += v }
            }
        }
        kr3 = Double(o3) / 100; kr6 = Double(o6) / 100; kr12 = Double(o12) / 100
        months12 = n12; months24 = n24
    }
}

/// Calendar-month shifts of every insats's start log-odds: fewer starts in the summer and at
/// Christmas, more in September.
enum Season {
    static let factors: [Double] = [1.10, 1.10, 1.05, 1.00, 0.95, 0.75, 0.35, 0.90, 1.20, 1.10, 1.05, 0.60]
    static let shifts: [Double] = factors.map { log($0) }
}
