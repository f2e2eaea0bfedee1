/// Person × month register data: kronor of försörjningsstöd paid, receipt, and the month each
/// person first started each insats, with prefix sums for payment history.
///
/// Storage is person-major and contiguous (`kronor[p * months + t]`), so one person's history is
/// one run of memory. History over any window of months is O(1) from the prefix sums
/// `P[p][t] = Σ_{s<t} kronor[p][s]` and `R[p][t] = #{s < t : kronor[p][s] > 0}`.
public struct PersonMonthPanel: Sendable {
    public let window: StudyWindow
    public let persons: Int
    public let months: Int
    /// Kronor paid, `persons × months`, person-major; months with no payment are 0.
    public let kronor: [Double]
    let prefixKronor: [Double]
    let prefixReceipt: [UInt16]
    /// Number of insatser in the catalogue.
    public let insatsCount: Int
    /// `firstStart[k * persons + p]`: the window month index (may be negative, before the window)
    /// in which person p first started insats k, or `PersonMonthPanel.never`.
    public let firstStart: [Int32]

    public static let never = Int32.max

    /// Builds the panel. `payments` are (person row, month index in window, kronor) triples;
    /// several payments in one person-month are added. `starts` are (insats, person, month index).
    public init(window: StudyWindow, persons: Int, insatsCount: Int,
                payments: (person: [Int32], month: [Int32], kronor: [Double]),
                starts: (insats: [Int32], person: [Int32], month: [Int32])) {
        let t = window.count
        self.window = window
        self.persons = persons
        self.months = t
        self.insatsCount = insatsCount
        var kr = [Double](repeating: 0, count: persons * t)
        kr.withUnsafeMutableBufferPointer { out in
            for i in payments.person.indices {
                let p = Int(payments.person[i]), m = Int(payments.month[i])
                out[p * t + m] += payments.kronor[i]
            }
        }
        var prefix = [Double](repeating: 0, count: persons * (t + 1))
        var receipt = [UInt16](repeating: 0, count: persons * (t + 1))
        kr.withUnsafeBufferPointer { k in
            prefix.withUnsafeMutableBufferPointer { pk in
                receipt.withUnsafeMutableBufferPointer { pr in
                    for p in 0..<persons {
                        var s = 0.0
                        var r: UInt16 = 0
                        let base = p * (t + 1)
                        for m in 0..<t {
                            let v = k[p * t + m]
                            s += v
                            if v > 0 { r += 1 }
                            pk[base + m + 1] = s
                            pr[base + m + 1] = r
                        }
                    }
                }
            }
        }
        var first = [Int32](repeating: Self.never, count: insatsCount * persons)
        for i in starts.person.indices {
            let slot = Int(starts.insats[i]) * persons + Int(starts.person[i])
            first[slot] = min(first[slot], starts.month[i])
        }
        kronor = kr
        prefixKronor = prefix
        prefixReceipt = receipt
        firstStart = first
    }

    /// Kronor paid to person `p` in window month `m` (0 outside the window).
    @inlinable
    public func kronor(_ p: Int, _ m: Int) -> Double {
        m >= 0 && m < months ? kronor[p * months + m] : 0
    }

    /// Whether person `p` received försörjningsstöd in window month `m`.
    @inlinable
    public func receives(_ p: Int, _ m: Int) -> Bool { kronor(p, m) > 0 }

    /// Σ kronor over months `lo..<hi`, clipped to the window.
    public func kronorSum(_ p: Int, _ lo: Int, _ hi: Int) -> Double {
        let a = min(max(lo, 0), months), b = min(max(hi, 0), months)
        guard b > a else { return 0 }
        let base = p * (months + 1)
        return prefixKronor[base + b] - prefixKronor[base + a]
    }

    /// Number of months with a payment among `lo..<hi`, clipped to the window.
    public func monthsOnAssistance(_ p: Int, _ lo: Int, _ hi: Int) -> Int {
        let a = min(max(lo, 0), months), b = min(max(hi, 0), months)
        guard b > a else { return 0 }
        let base = p * (months + 1)
        return Int(prefixReceipt[base + b]) - Int(prefixReceipt[base + a])
    }

    /// The month index person `p` first started insats `k` (`never` if not).
    @inlinable
    public func firstStart(insats k: Int, person p: Int) -> Int32 { firstStart[k * persons + p] }

    /// Payment history of person `p` before window month `m` (months m−12 … m−1 etc.).
    public func history(_ p: Int, before m: Int) -> PaymentHistory {
        PaymentHistory(kronorLast3: kronorSum(p, m - 3, m), kronorLast6: kronorSum(p, m - 6, m),
                       kronorLast12: kronorSum(p, m - 12, m), monthsLast12: monthsOnAssistance(p, m - 12, m),
                       monthsLast24: monthsOnAssistance(p, m - 24, m))
    }

    /// Bytes held by the panel's arrays.
    public var storageBytes: Int {
        kronor.count * 8 + prefixKronor.count * 8 + prefixReceipt.count * 2 + firstStart.count * 4
    }
}

/// Payment history before a reference month, the covariates risk-set matching balances.
public struct PaymentHistory: Sendable, Equatable {
    public var kronorLast3: Double
    public var kronorLast6: Double
    public var kronorLast12: Double
    public var monthsLast12: Int
    public var monthsLast24: Int

    /// Names as they appear in formulas and balance tables.
    public static let variableNames = ["kr_3m", "kr_6m", "kr_12m", "months_12m", "months_24m"]

    public var values: [Double] {
        [kronorLast3, kronorLast6, kronorLast12, Double(monthsLast12), Double(monthsLast24)]
    }
}
