/// A seeded, counter-based random number generator with independent streams, so that parallel
/// work is reproducible: the numbers drawn from `RandomStream(seed: s, stream: k)` depend only on
/// (s, k) and on how many have been drawn from that stream, not on threads or scheduling. Give
/// each unit of parallel work (a bootstrap replicate, a chunk of rows) its own stream index.
///
/// The core is Philox4x64-10 (Salmon et al. 2011) as numpy implements it: key = (seed, 0) and
/// 256-bit counter words (block index low, block index high, stream, 0). Each block yields four
/// 64-bit outputs, and the block index is incremented before each block (so the first block is
/// at index 1), which makes the raw outputs identical to numpy's
/// `Philox(key=seed, counter=stream << 128).random_raw()`. A stream owns the 2¹²⁸ counters with
/// its index in the third word, so distinct streams never share a counter, hence never overlap.
///
/// A value type: copying a stream copies its position (both copies then produce the same
/// numbers). Samplers for other distributions are in extensions, one per file.
public struct RandomStream: RandomNumberGenerator, Sendable {
    private let philox: Philox4x64
    /// The 128-bit block index (low, high); the stream index is the counter's third word.
    private var blockLow: UInt64 = 0
    private var blockHigh: UInt64 = 0
    private let stream: UInt64
    private var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var position = 4

    /// The stream `stream` of the generator seeded with `seed`.
    public init(seed: UInt64, stream: UInt64 = 0) {
        philox = Philox4x64(key: (seed, 0))
        self.stream = stream
    }

    /// The next 64 uniformly distributed bits.
    public mutating func next() -> UInt64 {
        switch position {
        case 0: position = 1; return buffer.0
        case 1: position = 2; return buffer.1
        case 2: position = 3; return buffer.2
        case 3: position = 4; return buffer.3
        default:
            blockLow &+= 1
            if blockLow == 0 { blockHigh &+= 1 }
            buffer = philox.block((blockLow, blockHigh, stream, 0))
            position = 1
            return buffer.0
        }
    }

    /// A uniform double in [0, 1) with 53 random bits: (next() >> 11) · 2⁻⁵³, as numpy's
    /// `Generator.random()`.
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// true with probability p.
    ///
    /// - Precondition: 0 ≤ p ≤ 1.
    public mutating func bernoulli(_ p: Double) -> Bool {
        precondition(p >= 0 && p <= 1, "bernoulli: p = \(p) is not a probability")
        return uniform() < p
    }
}
