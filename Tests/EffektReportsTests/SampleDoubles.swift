/// Doubles spread over every exponent and bit pattern, the same on every run (SplitMix64), for
/// round-trip checks of number printing.
enum SampleDoubles {
    static func finite(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [Double] {
        var state = seed
        var values: [Double] = [0.1, 1.0 / 3, 123_456.789, -1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -0.0]
        while values.count < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            let value = Double(bitPattern: z ^ (z >> 31))
            if value.isFinite { values.append(value) }
        }
        return values
    }
}
