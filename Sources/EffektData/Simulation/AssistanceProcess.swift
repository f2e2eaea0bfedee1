import Foundation

/// The monthly försörjningsstöd process of one person: on/off with exit and re-entry hazards,
/// and the amount paid in a month on assistance.
///
/// Exit (on → off) log-odds: `exitIntercept` + covariate shifts (age, sex, born abroad,
/// education, district, hinder group, household) − 0.35·log(months on) − 0.6·dependence
/// + a business cycle + the effects of insatser. Re-entry (off → on) log-odds:
/// `entryIntercept` − 0.5·log(months off) + 0.5·dependence + hinder shift + effects. The
/// amount is the household level × hinder factor × exp(person level + AR(1) transitory
/// component + month noise), plus an occasional one-off supplement; the first month of a spell
/// is partial. People leave at realistic rates on their own: about 13 % a month early in a
/// spell, 5 % after a year.
enum AssistanceProcess {
    static let exitIntercept = -2.05
    static let entryIntercept = -2.45
    static let exitDuration = -0.35
    static let entryDuration = -0.50
    static let exitDependence = -0.60
    static let entryDependence = 0.50
    /// Amplitude and period (months) of the business cycle on the exit log-odds.
    static let cycleAmplitude = 0.20
    static let cyclePeriod = 72.0

    /// The transitory log-amount component: t ← ρ t + σ z each month.
    static let transitoryRho = 0.65
    static let transitorySigma = 0.20
    static let transitoryStationarySD = transitorySigma / (1 - transitoryRho * transitoryRho).squareRoot()
    static let monthNoiseSD = 0.10
    /// A one-off supplement (rent arrears, dental care, …) in this share of months on, of
    /// 20–100 % of the level.
    static let supplementProbability = 0.05
    /// Overall scale of amounts, calibrated to ≈ 3,400 kr per recipient-month.
    static let amountScale = 0.94

    /// The parts of a person's hazards and amount that do not change over time.
    static func exitBase(_ c: PersonCovariates, ageAtEntry: Int) -> Double {
        exitIntercept - 0.015 * Double(ageAtEntry - 40) - (c.female ? 0.05 : 0) - (c.bornAbroad ? 0.15 : 0)
            + Population.educationExitShift[c.education] + Population.districts[c.district].exitShift
            + Population.hinderGroups[c.hinderGroup].exitShift + Population.households[c.household].exitShift
            + exitDependence * c.dependence
    }

    static func entryBase(_ c: PersonCovariates) -> Double {
        entryIntercept + entryDependence * c.dependence + Population.hinderGroups[c.hinderGroup].entryShift
            + (c.bornAbroad ? 0.10 : 0)
    }

    static func amountLevel(_ c: PersonCovariates) -> Double {
        amountScale * Population.households[c.household].level * Population.hinderGroups[c.hinderGroup].amountFactor
            * exp(c.amountEffect - 0.5 * (transitoryStationarySD * transitoryStationarySD + monthNoiseSD * monthNoiseSD))
    }

    /// The business cycle's shift of the exit log-odds in calendar month `code` (year·12 + month − 1).
    static func cycle(calendarMonth code: Int32) -> Double {
        cycleAmplitude * sin(2 * Double.pi * Double(code) / cyclePeriod)
    }

    @inline(__always) static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// Kronor paid in a month on assistance, in öre (hundredths), never below 100 kr.
    @inline(__always)
    static func amount(level: Double, transitory: Double, noise: Double, supplementDraw: Double, supplementSize: Double,
                       partial: Double) -> Int64 {
        var kronor = level * exp(transitory + monthNoiseSD * noise)
        if supplementDraw < supplementProbability { kronor += level * (0.2 + 0.8 * supplementSize) }
        kronor *= partial
        return max(Int64((kronor * 100).rounded()), 10_000)
    }
}
