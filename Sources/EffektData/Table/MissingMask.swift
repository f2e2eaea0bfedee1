/// Which rows of a column hold no value, one bit per row.
///
/// The mask is the truth about missingness: whatever a column's value array holds at a missing
/// row (0, NaN or −1, see each column type) is a placeholder, not data.
public struct MissingMask: Sendable, Equatable {
    /// Number of rows covered.
    public let count: Int
    /// Number of rows whose value is missing.
    public let missingCount: Int
    /// Bit `r % 64` of word `r / 64` is set when row `r` is missing; empty when nothing is missing.
    let words: [UInt64]

    /// A mask over `count` rows; `words` may be shorter than needed (absent words are all
    /// present), and is dropped when it marks nothing.
    init(count: Int, words: [UInt64]) {
        let missing = words.reduce(0) { $0 + $1.nonzeroBitCount }
        self.count = count
        self.missingCount = missing
        if missing == 0 {
            self.words = []
        } else {
            let needed = (count + 63) / 64
            self.words = words.count >= needed ? words : words + repeatElement(0, count: needed - words.count)
        }
    }

    /// A mask over `count` rows with nothing missing.
    public init(noneMissingOf count: Int) {
        self.init(count: count, words: [])
    }

    /// A mask marking `isMissing[r]` for each row `r`.
    public init(_ isMissing: [Bool]) {
        var words = [UInt64](repeating: 0, count: (isMissing.count + 63) / 64)
        for (row, missing) in isMissing.enumerated() where missing {
            words[row >> 6] |= 1 << UInt64(row & 63)
        }
        self.init(count: isMissing.count, words: words)
    }

    /// Whether row `row` is missing.
    public subscript(row: Int) -> Bool {
        words.isEmpty ? false : (words[row >> 6] >> UInt64(row & 63)) & 1 == 1
    }

    /// The missing rows, ascending.
    public var missingRows: [Int] {
        var rows: [Int] = []
        rows.reserveCapacity(missingCount)
        for (index, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                rows.append(index * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return rows
    }

    /// Bytes held by the bitset.
    public var storageBytes: Int { words.count * 8 }

    /// The masks one after another, as the mask of the rows they cover in that order.
    static func joined(_ parts: [MissingMask]) -> MissingMask {
        let total = parts.reduce(0) { $0 + $1.count }
        guard parts.contains(where: { $0.missingCount > 0 }) else { return MissingMask(noneMissingOf: total) }
        var words = [UInt64](repeating: 0, count: (total + 63) / 64)
        var offset = 0
        for part in parts {
            let shift = UInt64(offset & 63)
            for (index, word) in part.words.enumerated() where word != 0 {
                let target = offset / 64 + index
                words[target] |= word << shift
                if shift > 0 && target + 1 < words.count { words[target + 1] |= word >> (64 - shift) }
            }
            offset += part.count
        }
        return MissingMask(count: total, words: words)
    }
}
