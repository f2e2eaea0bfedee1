import EffektData

/// Which persons have an episode of another insats overlapping the event window around a month:
/// used to leave such people out of a design, and to report how common overlapping insatser are.
public struct OtherInsatsIndex: Sendable {
    /// Person p's episodes of other insatser are `windows[offsets[p]..<offsets[p + 1]]`, as
    /// (start, end) window months (episodes are sorted by person).
    private let offsets: [Int32]
    private let windows: [(start: Int32, end: Int32)]
    private let eventMonths: ClosedRange<Int>

    public init(register: Register, insats k: Int, eventMonths: ClosedRange<Int>) {
        self.eventMonths = eventMonths
        let first = register.panel.window.firstMonth
        let episodes = register.episodes
        var offsets = [Int32](repeating: 0, count: register.panel.persons + 1)
        var windows: [(start: Int32, end: Int32)] = []
        for i in 0..<episodes.count where Int(episodes.insats[i]) != k {
            let start = CalendarCode.month(ofDay: episodes.startDay[i]) - first
            let end = episodes.endDay[i] == EpisodeList.open ? Int32.max : CalendarCode.month(ofDay: episodes.endDay[i]) - first
            windows.append((start, end))
            offsets[Int(episodes.person[i]) + 1] += 1
        }
        for p in 0..<register.panel.persons { offsets[p + 1] += offsets[p] }
        self.offsets = offsets
        self.windows = windows
    }

    /// Whether person `p` has another insats in months m + first … m + last.
    public func overlaps(person p: Int, month m: Int) -> Bool {
        let lo = Int32(m + eventMonths.lowerBound), hi = Int32(m + eventMonths.upperBound)
        for i in Int(offsets[p])..<Int(offsets[p + 1]) where windows[i].start <= hi && windows[i].end >= lo { return true }
        return false
    }
}
