/// Event-time (leads and lags) dummies for a TWFE event study: one dummy per event time
/// e = period − first treatment period of treated units, omitting a reference event time
/// (−1 by default). Never-treated units have every dummy 0.
///
/// Without a window, every observed event time gets a dummy (as `i(rel_time, ref = -1)` in
/// fixest). With a window `lower...upper`, only those event times get dummies; event times
/// outside it are pooled into the end dummies when `binEndpoints` is true (names
/// `ev_le_mK` / `ev_ge_K`), and otherwise get no dummy (they then share the reference). An event
/// time in the window with no observation is reported as not estimable. Dummy names are
/// `ev_mK` for e = −K and `ev_K` for e = K (the fixture names of pyfixest event studies).
public struct EventTimeDesign: Sendable, Equatable {
    public var reference: Int
    public var window: ClosedRange<Int>?
    public var binEndpoints: Bool

    public init(reference: Int = -1, window: ClosedRange<Int>? = nil, binEndpoints: Bool = false) {
        self.reference = reference
        self.window = window
        self.binEndpoints = binEndpoints
    }

    /// One dummy of the design.
    struct Dummy: Sendable {
        var name: String
        /// The event time (for a pooled end bin, its endpoint).
        var eventTime: Int
        var observations: Int
    }

    /// Marks rows of never-treated units in `build(eventTimes:)`.
    static let none = Int.min

    /// The dummies and each row's dummy (−1 for none) from each row's event time (`none` for
    /// never-treated rows).
    func build(eventTimes: [Int]) throws -> (dummies: [Dummy], rowDummy: [Int32]) {
        if let window, window.lowerBound == window.upperBound, window.lowerBound == reference {
            throw EstimationError("the event-time window \(window) contains only the reference event time \(reference): there is nothing to estimate")
        }
        var lowest = Int.max, highest = Int.min
        for e in eventTimes where e != EventTimeDesign.none {
            lowest = min(lowest, e)
            highest = max(highest, e)
        }
        let times: [Int]
        if let window {
            times = Array(window)
        } else if lowest <= highest {
            var present = [Bool](repeating: false, count: highest - lowest + 1)
            for e in eventTimes where e != EventTimeDesign.none { present[e - lowest] = true }
            times = present.indices.filter { present[$0] }.map { $0 + lowest }
        } else {
            times = []
        }
        let kept = times.filter { $0 != reference }
        // Dummy of each event time, by offset from the smallest one considered.
        let lo = min(times.first ?? 0, reference), hi = max(times.last ?? 0, reference)
        var index = [Int32](repeating: -1, count: hi - lo + 1)
        for (k, e) in kept.enumerated() { index[e - lo] = Int32(k) }
        func name(_ e: Int) -> String { e < 0 ? "ev_m\(-e)" : "ev_\(e)" }
        var dummies = kept.map { e -> Dummy in
            var nm = name(e)
            if let window, binEndpoints {
                if e == window.lowerBound { nm = e < 0 ? "ev_le_m\(-e)" : "ev_le_\(e)" }
                if e == window.upperBound { nm = e < 0 ? "ev_ge_m\(-e)" : "ev_ge_\(e)" }
            }
            return Dummy(name: nm, eventTime: e, observations: 0)
        }
        var rowDummy = [Int32](repeating: -1, count: eventTimes.count)
        for (r, e) in eventTimes.enumerated() {
            guard e != EventTimeDesign.none else { continue }
            var e = e
            if let window, binEndpoints {
                e = min(max(e, window.lowerBound), window.upperBound)
            }
            guard e >= lo && e <= hi else { continue }
            let k = index[e - lo]
            if k >= 0 {
                rowDummy[r] = k
                dummies[Int(k)].observations += 1
            }
        }
        return (dummies, rowDummy)
    }
}
