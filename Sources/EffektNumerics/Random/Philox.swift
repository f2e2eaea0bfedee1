/// The Philox4x64-10 block function (Salmon, Moraes, Dror & Shaw 2011, "Parallel random numbers:
/// as easy as 1, 2, 3", SC'11): a keyed bijection of 256-bit counters, built from ten rounds of
/// two 64×64→128-bit multiplications, with the key bumped by Weyl constants between rounds.
/// Constants and word order are those of Random123 and numpy's `Philox`, so outputs agree with
/// numpy bit for bit.
struct Philox4x64: Sendable {
    /// The 128-bit key, low word first.
    let key: (UInt64, UInt64)

    /// The four output words for the counter (c0, c1, c2, c3), low word first.
    @inline(__always)
    func block(_ counter: (UInt64, UInt64, UInt64, UInt64)) -> (UInt64, UInt64, UInt64, UInt64) {
        var (c0, c1, c2, c3) = counter
        var (k0, k1) = key
        for round in 0..<10 {
            if round > 0 {
                k0 &+= 0x9E37_79B9_7F4A_7C15
                k1 &+= 0xBB67_AE85_84CA_A73B
            }
            let p0 = UInt64(0xD2E7_470E_E14C_6C93).multipliedFullWidth(by: c0)
            let p1 = UInt64(0xCA5A_8263_9512_1157).multipliedFullWidth(by: c2)
            (c0, c1, c2, c3) = (p1.high ^ c1 ^ k0, p1.low, p0.high ^ c3 ^ k1, p0.low)
        }
        return (c0, c1, c2, c3)
    }
}
