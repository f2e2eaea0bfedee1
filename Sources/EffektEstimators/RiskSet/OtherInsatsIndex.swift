import EffektData

/// Which persons have an episode of another insats overlapping the event window around a month:
/// used to leave such people out of a design, and to report how common overlapping insatser are.
public struct OtherInsatsIndex: Sendable {
    /// Per person, the (start, end) window months of episodes of other insatser.
    private var windows: [Int32: [(Int32, Int32)]] = [:]
    private let eventMonths: ClosedRange<Int>

    public init(register: Register, insats k: Int, eventMonths: ClosedRange<Int>) {
        self.eventMonths = eventMonths
        let first = register.panel.window.firstMonth
        let episodes = register.episodes
        for i in 0..<episodes.count where Int(episodes.insats[i]) != k {
            let start = CalendarCode.month(ofDay: episodes.startDay[i]) - first
            let end = episodes.endDay[i] == EpisodeList.open ? Int32.max : CalendarCode.month(ofDay: episodes.endDay[i]) - first
            windows[episodes.person[i], default: []].append((start, end))
        }
    }

    /// Whether person `p` has another insats in months m + first … m + last.
    public func overlaps(person p: Int, month m: Int) -> Bool {
        guard let list = windows[Int32(p)] else { return false }
        let lo = Int32(m + eventMonths.lowerBound), hi = Int32(m + eventMonths.upperBound)
        return list.contains { $0.0 <= hi && $0.1 >= lo }
    }
}
