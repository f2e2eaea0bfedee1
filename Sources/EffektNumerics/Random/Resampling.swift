extension RandomStream {
    /// A uniform integer in 0..<n without modulo bias, by Lemire's (2019) multiply-and-reject
    /// method ("Fast random integer generation in an interval", ACM TOMACS 29(1)). Written out
    /// (rather than the standard library's `next(upperBound:)`) so that the sequence cannot
    /// change with the Swift version.
    ///
    /// - Precondition: n > 0.
    public mutating func integer(below n: Int) -> Int {
        precondition(n > 0, "integer(below:): n = \(n) must be positive")
        let bound = UInt64(n)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(product.high)
    }

    /// Shuffles `a` in place (Fisher–Yates / Durstenfeld, Knuth TAOCP 2, Algorithm 3.4.2 P),
    /// drawing j uniformly from 0...i for i = n−1 down to 1. Inlinable, so callers get it
    /// specialised for their element type.
    @inlinable
    public mutating func shuffle<T>(_ a: inout [T]) {
        var i = a.count - 1
        while i > 0 {
            a.swapAt(i, integer(below: i + 1))
            i -= 1
        }
    }

    /// An index drawn with probabilities given by cumulative (unnormalized) weights: the first i
    /// with U·total < cumulative[i], U uniform in [0, 1), total = cumulative.last, found by
    /// binary search. Indices whose cumulative weight does not increase are never drawn.
    ///
    /// - Precondition: `cumulative` is non-empty and nondecreasing with a positive, finite last
    ///   element (nondecreasing is not checked).
    public mutating func categorical(cumulative: [Double]) -> Int {
        guard let total = cumulative.last, total > 0, total.isFinite else {
            preconditionFailure("categorical: cumulative weights must end in a positive, finite total")
        }
        let target = min(uniform() * total, total.nextDown)   // the product may round up to total
        var low = 0
        var high = cumulative.count - 1                  // cumulative[high] = total > target
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
