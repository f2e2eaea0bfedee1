/// Person × month register data: kronor of försörjningsstöd paid, receipt, and the month each
/// person first started each insats.
///
/// Storage is person-major and contiguous (`kronor[p * months + t]`), so one person's history is
/// one run of memory and a window sum reads at most a few cache lines: no prefix sums are kept
/// (they would double the panel's memory for O(1) sums over windows of at most 24 months).
public struct PersonMonthPanel: Sendable {
    public let window: StudyWindow
    public let persons: Int
    public let months: Int
    /// Kronor paid, `persons × months`, person-major; months with no payment are 0.
    public let kronor: [Double]
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
        var kr = [Double](repeating: 0, count: persons * t)
        kr.withUnsafeMutableBufferPointer { out in
            for i in payments.person.indices {
                out[Int(payments.person[i]) * t + Int(payments.month[i])] += payments.kronor[i]
            }
        }
        self.init(window: window, persons: persons, insatsCount: insatsCount, kronor: kr, starts: starts)
    }

    /// The panel over kronor already laid out person-major (`kronor.count == persons × window.count`).
    init(window: StudyWindow, persons: Int, insatsCount: Int, kronor: [Double],
         starts: (insats: [Int32], person: [Int32], month: [Int32])) {
        precondition(kronor.count == persons * window.count, "kronor must hold persons × months values")
        self.window = window
        self.persons = persons
        self.months = window.count
        self.insatsCount = insatsCount
        var first = [Int32](repeating: Self.never, count: insatsCount * persons)
        for i in starts.person.indices {
            let slot = Int(starts.insats[i]) * persons + Int(starts.person[i])
            first[slot] = min(first[slot], starts.month[i])
        }
        self.kronor = kronor
        self.firstStart = first
    }

    /// Kronor paid to person `p` in window month `m` (0 outside the window).
    @inlinable
    public func kronor(_ p: Int, _ m: Int) -> Double {
        m >= 0 && m < months ? kronor[p * months + m] : 0
    }

    /// Whether person `p` received försörjningsstöd in window month `m`.
    @inlinable
    public func receives(_ p: Int, _ m: Int) -> Bool { kronor(p, m) > 0 }

    /// Σ kronor over months `lo..<hi`, clipped to the window, added in month order.
    public func kronorSum(_ p: Int, _ lo: Int, _ hi: Int) -> Double {
        let (a, b) = clipped(lo, hi)
        return kronor.withUnsafeBufferPointer { k in
            var s = 0.0
            for i in (p * months + a)..<(p * months + b) { s += k[i] }
            return s
        }
    }

    /// Number of months with a payment among `lo..<hi`, clipped to the window.
    public func monthsOnAssistance(_ p: Int, _ lo: Int, _ hi: Int) -> Int {
        let (a, b) = clipped(lo, hi)
        return kronor.withUnsafeBufferPointer { k in
            var n = 0
            for i in (p * months + a)..<(p * months + b) where k[i] > 0 { n += 1 }
            return n
        }
    }

    private func clipped(_ lo: Int, _ hi: Int) -> (Int, Int) {
        let a = min(max(lo, 0), months), b = min(max(hi, 0), months)
        return (a, max(a, b))
    }

    /// The month index person `p` first started insats `k` (`never` if not).
    @inlinable
    public func firstStart(insats k: Int, person p: Int) -> Int32 { firstStart[k * persons + p] }

    /// Payment history of person `p` before window month `m` (months m−12 … m−1 etc.); sums
    /// add months in order, as `kronorSum`.
    public func history(_ p: Int, before m: Int) -> PaymentHistory {
        kronor.withUnsafeBufferPointer { Self.history(row: $0.baseAddress! + p * months, months: months, before: m) }
    }

    /// Payment histories of many (person, month) rows: kr_3m, kr_6m, kr_12m, months_12m and
    /// months_24m, in the order of `PaymentHistory.variableNames`.
    public func histories(persons: [Int32], months reference: [Int32]) -> [[Double]] {
        let n = persons.count
        var kr3 = [Double](repeating: 0, count: n), kr6 = kr3, kr12 = kr3, months12 = kr3, months24 = kr3
        kronor.withUnsafeBufferPointer { k in
            for i in 0..<n {
                let h = Self.history(row: k.baseAddress! + Int(persons[i]) * months, months: months, before: Int(reference[i]))
                kr3[i] = h.kronorLast3
                kr6[i] = h.kronorLast6
                kr12[i] = h.kronorLast12
                months12[i] = Double(h.monthsLast12)
                months24[i] = Double(h.monthsLast24)
            }
        }
        return [kr3, kr6, kr12, months12, months24]
    }

    /// The history before month `m` of one person's row of `months` values: one pass over the
    /// 24 months, each sum adding its months in order (the sums are independent chains, so they
    /// overlap), counts without branches as receipt is unpredictable.
    @inline(__always)
    private static func history(row: UnsafePointer<Double>, months: Int, before m: Int) -> PaymentHistory {
        let end = max(min(m, months), 0)
        var kr3 = 0.0, kr6 = 0.0, kr12 = 0.0, months12 = 0, months24 = 0
        for t in min(max(m - 24, 0), end)..<end {
            let v = row[t], paid = v > 0 ? 1 : 0
            months24 &+= paid
            guard t >= m - 12 else { continue }
            kr12 += v
            months12 &+= paid
            if t >= m - 6 { kr6 += v }
            if t >= m - 3 { kr3 += v }
        }
        return PaymentHistory(kronorLast3: kr3, kronorLast6: kr6, kronorLast12: kr12, monthsLast12: months12, monthsLast24: months24)
    }

    /// Bytes held by the panel's arrays.
    public var storageBytes: Int { kronor.count * 8 + firstStart.count * 4 }
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

    /// Months of history each variable needs before the reference month, by name.
    public static let monthsNeeded = ["kr_3m": 3, "kr_6m": 6, "kr_12m": 12, "months_12m": 12, "months_24m": 24]

    public var values: [Double] {
        [kronorLast3, kronorLast6, kronorLast12, Double(monthsLast12), Double(monthsLast24)]
    }
}
