/// Pseudonymous person ids: a seeded permutation of a range at least 16 times the number of
/// persons (a four-round Feistel network on 2h bits), offset so ids have 7 digits or more. The
/// row order of `persons.csv` therefore says nothing about the id, and ids are never 1…N.
struct PseudonymousIDs: Sendable {
    let halfBits: Int
    let keys: [UInt64]
    static let offset = 1_000_000

    init(seed: UInt64, persons: Int) {
        var bits = 2
        while (1 << bits) < max(persons, 1) * 16 { bits += 2 }
        halfBits = max(bits / 2, 10)
        keys = (0..<4).map { PseudonymousIDs.mix(seed &+ 0x5EED_1D5 &+ UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
    }

    func id(_ index: Int) -> Int {
        let mask = (UInt64(1) << UInt64(halfBits)) - 1
        var left = (UInt64(index) >> UInt64(halfBits)) & mask
        var right = UInt64(index) & mask
        for key in keys {
            let f = PseudonymousIDs.mix(right ^ key) & mask
            (left, right) = (right, left ^ f)
        }
        return PseudonymousIDs.offset + Int((left << UInt64(halfBits)) | right)
    }

    /// SplitMix64's finaliser.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
