/// The stable order of values: the indices sorted by value, ties in index order, as
/// `values.indices.sorted { values[$0] < values[$1] }` but by a least-significant-digit radix
/// sort on the values' bits (11-bit digits, so a pass scatters into 2048 buckets that stay in
/// cache; a digit every key shares is skipped): a few passes over memory for the hundreds of
/// thousands of scores of a month's risk set or of a balance sample. Values are finite; −0
/// sorts as 0.
enum StableOrder {
    static func permutation(_ values: [Double]) -> [Int32] {
        let n = values.count
        // Doubles mapped to unsigned keys that sort as the doubles do.
        var keys = values.map { x -> UInt64 in
            let bits = (x == 0 ? 0.0 : x).bitPattern
            return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
        }
        var order = (0..<n).map { Int32($0) }
        guard n > 1 else { return order }
        var nextKeys = keys, nextOrder = order
        let digits = 1 << 11, mask: UInt64 = 0x7FF
        var counts = [Int](repeating: 0, count: digits)
        for shift in stride(from: UInt64(0), to: 64, by: 11) {
            let skip = keys.withUnsafeBufferPointer { k in
                counts.withUnsafeMutableBufferPointer { c in
                    for d in 0..<digits { c[d] = 0 }
                    for key in k { c[Int((key >> shift) & mask)] += 1 }
                    if c[Int((k[0] >> shift) & mask)] == n { return true }
                    var total = 0
                    for d in 0..<digits { (c[d], total) = (total, total + c[d]) }
                    return false
                }
            }
            if skip { continue }
            keys.withUnsafeBufferPointer { k in
                order.withUnsafeBufferPointer { o in
                    nextKeys.withUnsafeMutableBufferPointer { nk in
                        nextOrder.withUnsafeMutableBufferPointer { no in
                            counts.withUnsafeMutableBufferPointer { c in
                                for i in 0..<n {
                                    let d = Int((k[i] >> shift) & mask)
                                    nk[c[d]] = k[i]
                                    no[c[d]] = o[i]
                                    c[d] += 1
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &nextKeys)
            swap(&order, &nextOrder)
        }
        return order
    }
}
