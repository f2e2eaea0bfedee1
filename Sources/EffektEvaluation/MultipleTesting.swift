/// Adjustments for testing many insatser at once.
public enum MultipleTesting {
    /// Holm (1979) step-down adjusted p-values: p₍ᵢ₎ · (m − i + 1), made monotone, capped at 1.
    /// NaN entries (not estimated) are left out of m and stay NaN.
    public static func holm(_ p: [Double]) -> [Double] {
        let valid = p.indices.filter { !p[$0].isNaN }.sorted { p[$0] < p[$1] }
        let m = Double(valid.count)
        var out = [Double](repeating: .nan, count: p.count)
        var running = 0.0
        for (i, index) in valid.enumerated() {
            running = max(running, min(1, (m - Double(i)) * p[index]))
            out[index] = running
        }
        return out
    }

    /// Benjamini & Hochberg (1995) q-values: p₍ᵢ₎ · m / i, made monotone from the largest down.
    public static func benjaminiHochberg(_ p: [Double]) -> [Double] {
        let valid = p.indices.filter { !p[$0].isNaN }.sorted { p[$0] < p[$1] }
        let m = Double(valid.count)
        var out = [Double](repeating: .nan, count: p.count)
        var running = 1.0
        for (i, index) in valid.enumerated().reversed() {
            running = min(running, p[index] * m / Double(i + 1))
            out[index] = running
        }
        return out
    }
}
