/// Positions 0..<count of a sorted array, some of them removed, answering "nearest position still
/// available at or below i" and "at or above i" in amortised near-constant time.
///
/// Two union-find forests with path halving: every position points to itself while available; a
/// removed position points one step down (resp. up), so a find skips whole runs of removed
/// positions and compresses them. Sentinels beyond both ends mean "none".
struct AvailablePositions {
    /// `below[i + 1]` leads to 1 + the nearest available position ≤ i; 0 means none.
    private var below: [Int]
    /// `above[i]` leads to the nearest available position ≥ i; `count` means none.
    private var above: [Int]
    private let count: Int

    init(count: Int) {
        self.count = count
        below = Array(0...count)
        above = Array(0...count)
    }

    /// The largest available position ≤ `i` (`i` may be −1).
    mutating func lastAvailable(atOrBefore i: Int) -> Int? {
        let root = Self.find(&below, i + 1)
        return root == 0 ? nil : root - 1
    }

    /// The smallest available position ≥ `i` (`i` may be `count`).
    mutating func firstAvailable(atOrAfter i: Int) -> Int? {
        let root = Self.find(&above, i)
        return root == count ? nil : root
    }

    mutating func remove(_ i: Int) {
        below[i + 1] = i
        above[i] = i + 1
    }

    private static func find(_ parent: inout [Int], _ start: Int) -> Int {
        var x = start
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }
}
