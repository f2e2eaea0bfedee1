/// The stable order of rows by score: ties keep their input order. A least-significant-digit
/// radix sort on the scores' bits (16-bit digits; a digit every key shares is skipped), so a
/// month's few hundred thousand controls sort in a few passes over memory. Scores are finite;
/// −0 sorts as 0.
enum ScoreOrder {
    static func permutation(_ scores: [Double]) -> [Int32] {
        let n = scores.count
        // Doubles mapped to unsigned keys that sort as the doubles do.
        var keys = scores.map { x -> UInt64 in
            let bits = (x == 0 ? 0.0 : x).bitPattern
            return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
        }
        var order = (0..<n).map { Int32($0) }
        guard n > 1 else { return order }
        var nextKeys = keys, nextOrder = order
        var counts = [Int](repeating: 0, count: 1 << 16)
        for shift in stride(from: 0, to: 64, by: 16) {
            for i in counts.indices { counts[i] = 0 }
            for key in keys { counts[Int((key >> UInt64(shift)) & 0xFFFF)] += 1 }
            if counts.contains(n) { continue }
            var total = 0
            for d in counts.indices { (counts[d], total) = (total, total + counts[d]) }
            for i in 0..<n {
                let d = Int((keys[i] >> UInt64(shift)) & 0xFFFF)
                nextKeys[counts[d]] = keys[i]
                nextOrder[counts[d]] = order[i]
                counts[d] += 1
            }
            swap(&keys, &nextKeys)
            swap(&order, &nextOrder)
        }
        return order
    }
}
