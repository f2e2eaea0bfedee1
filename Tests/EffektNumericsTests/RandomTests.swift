import Foundation
import Testing
import EffektTestSupport
@testable import EffektNumerics

/// Kolmogorov–Smirnov distance between a sample and a continuous cdf.
private func kolmogorovSmirnov(_ sample: [Double], cdf: (Double) -> Double) -> Double {
    let sorted = sample.sorted()
    let n = Double(sorted.count)
    var distance = 0.0
    for (i, x) in sorted.enumerated() {
        let f = cdf(x)
        distance = max(distance, f - Double(i) / n, Double(i + 1) / n - f)
    }
    return distance
}

/// The KS critical value at level α from the asymptotic Kolmogorov distribution,
/// P(√n D > λ) ≈ 2 exp(−2λ²): a deterministic test (fixed seed) that a wrong sampler fails.
private func kolmogorovSmirnovCritical(n: Int, alpha: Double = 1e-6) -> Double {
    (log(2 / alpha) / (2 * Double(n))).squareRoot()
}

/// Pearson's chi-square statistic of counts against expected probabilities, pooling the
/// categories with expectation below 5 into one, and its critical value at level α.
private func chiSquareGoodnessOfFit(counts: [Int: Int], probabilities: [Int: Double], draws: Int,
                                    alpha: Double = 1e-6) throws -> (statistic: Double, critical: Double)
{
    var statistic = 0.0
    var cells = 0
    var pooledObserved = 0.0
    var pooledExpected = 0.0
    for (k, p) in probabilities {
        let expected = p * Double(draws)
        let observed = Double(counts[k, default: 0])
        if expected < 5 {
            pooledObserved += observed
            pooledExpected += expected
        } else {
            statistic += (observed - expected) * (observed - expected) / expected
            cells += 1
        }
    }
    let outside = Double(draws - counts.filter { probabilities[$0.key] != nil }.values.reduce(0, +))
    pooledObserved += outside
    pooledExpected += Double(draws) * max(0, 1 - probabilities.values.reduce(0, +))
    if pooledExpected > 0 {
        statistic += (pooledObserved - pooledExpected) * (pooledObserved - pooledExpected) / max(pooledExpected, 1e-300)
        cells += 1
    }
    let critical = try ChiSquare(degreesOfFreedom: Double(cells - 1)).inverseSurvival(alpha)
    return (statistic, critical)
}

/// Sample mean and (n − 1) variance.
private func meanAndVariance(_ values: [Double]) -> (mean: Double, variance: Double) {
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    return (mean, variance)
}

@Suite struct RandomTests {
    private static func hex(_ s: Any?) -> UInt64 { UInt64(s as! String, radix: 16)! }

    @Test func rawOutputMatchesNumpyPhiloxBitForBit() throws {
        let fixture = try Fixtures.object("distributions/philox.json")
        let cases = try fixture.objects("cases")
        #expect(cases.count == 7)
        for item in cases {
            let seed = Self.hex(item["seed"])
            let stream = Self.hex(item["stream"])
            let raw = (item["raw"] as! [String]).map { Self.hex($0) }
            let uniformBits = (item["uniform_bits"] as! [String]).map { Self.hex($0) }
            var rng = RandomStream(seed: seed, stream: stream)
            #expect(raw.map { _ in rng.next() } == raw, "seed \(seed), stream \(stream)")
            var other = RandomStream(seed: seed, stream: stream)
            #expect(uniformBits.map { _ in other.uniform().bitPattern } == uniformBits, "seed \(seed), stream \(stream)")
        }
    }

    @Test func streamsAndSeedsDiffer() {
        func first(_ seed: UInt64, _ stream: UInt64, _ n: Int = 1000) -> [UInt64] {
            var rng = RandomStream(seed: seed, stream: stream)
            return (0..<n).map { _ in rng.next() }
        }
        let base = first(42, 0)
        for (seed, stream) in [(42, 1), (43, 0), (42, UInt64.max), (0, 0)] as [(UInt64, UInt64)] {
            let other = first(seed, stream)
            #expect(Set(base).isDisjoint(with: other), "seed \(seed), stream \(stream)")
        }
    }

    @Test func sameSeedAndStreamReproduce() {
        var a = RandomStream(seed: 7, stream: 3)
        var b = RandomStream(seed: 7, stream: 3)
        for _ in 0..<200 {
            #expect(a.normal() == b.normal())
            #expect(a.gamma(shape: 0.7) == b.gamma(shape: 0.7))
            #expect(a.poisson(mean: 30) == b.poisson(mean: 30))
            #expect(a.binomial(count: 100, probability: 0.4) == b.binomial(count: 100, probability: 0.4))
            #expect(a.integer(below: 1000) == b.integer(below: 1000))
        }
        let copy = a                                     // a value type: a copy continues identically
        var c = copy
        #expect(a.next() == c.next())
    }

    /// The numbers of a stream do not depend on which thread draws them or in what order.
    @Test func parallelStreamsMatchSerialDraws() async {
        let streams = 0..<16
        let serial = streams.map { stream -> [Double] in
            var rng = RandomStream(seed: 2024, stream: UInt64(stream))
            return (0..<500).map { _ in rng.normal() }
        }
        let parallel = await withTaskGroup(of: (Int, [Double]).self) { group in
            for stream in streams.reversed() {
                group.addTask {
                    var rng = RandomStream(seed: 2024, stream: UInt64(stream))
                    return (stream, (0..<500).map { _ in rng.normal() })
                }
            }
            var result = [[Double]](repeating: [], count: streams.count)
            for await (stream, values) in group { result[stream] = values }
            return result
        }
        #expect(parallel == serial)
    }

    @Test func kolmogorovSmirnovOfContinuousSamplers() {
        let n = 100_000
        let critical = kolmogorovSmirnovCritical(n: n)
        var rng = RandomStream(seed: 20_240_601)
        let checks: [(String, () -> Double, (Double) -> Double)] = [
            ("uniform", { rng.uniform() }, { $0 }),
            ("normal", { rng.normal() }, Normal.cdf),
            ("normal(mean: 3, sd: 2)", { rng.normal(mean: 3, sd: 2) }, { Normal.cdf(($0 - 3) / 2) }),
            ("exponential", { rng.exponential() }, { -expm1(-$0) }),
            ("gamma(0.3)", { rng.gamma(shape: 0.3) }, { SpecialFunctions.regularizedGamma(a: 0.3, x: $0).lower }),
            ("gamma(1)", { rng.gamma(shape: 1) }, { SpecialFunctions.regularizedGamma(a: 1, x: $0).lower }),
            ("gamma(2.5)", { rng.gamma(shape: 2.5) }, { SpecialFunctions.regularizedGamma(a: 2.5, x: $0).lower }),
            ("gamma(40)", { rng.gamma(shape: 40) }, { SpecialFunctions.regularizedGamma(a: 40, x: $0).lower }),
        ]
        for (name, draw, cdf) in checks {
            let distance = kolmogorovSmirnov((0..<n).map { _ in draw() }, cdf: cdf)
            print("KS \(name): D = \(distance), critical (α = 1e-6) \(critical)")
            #expect(distance < critical, "\(name)")
        }
    }

    /// Every layer of the ziggurat has the area of the base layer, x₀ f(r), including the top one
    /// closed by x₂₅₆ = 0 (which checks the published r).
    @Test func zigguratLayersHaveEqualAreas() {
        let (x, f) = (Ziggurat.x, Ziggurat.f)
        let v = x[0] * f[1]
        var worst = 0.0
        for i in 1...255 { worst = max(worst, relativeError(x[i] * (f[i + 1] - f[i]), v)) }
        #expect(abs(v - 0.00492867323399) < 5e-14)   // the value Marsaglia & Tsang print, to their 12 digits
        #expect(x[1] == Ziggurat.r && x[256] == 0 && f[256] == 1)
        print("ziggurat: worst relative layer-area error \(worst)")
        #expect(worst < 1e-12, "worst layer area error \(worst)")
    }

    /// The ziggurat's tail sampler (|Z| > r ≈ 3.654, 2.6e-4 of the draws) is too rare for the KS
    /// test above: check its frequency and its conditional distribution separately.
    @Test func normalTailBeyondTheZiggurat() {
        let n = 4_000_000
        let r = Ziggurat.r
        var rng = RandomStream(seed: 99)
        var tail: [Double] = []
        for _ in 0..<n {
            let z = rng.normal()
            if abs(z) > r { tail.append(abs(z)) }
        }
        let p = 2 * Normal.survival(r)
        let expected = p * Double(n)
        let se = (Double(n) * p * (1 - p)).squareRoot()
        #expect(abs(Double(tail.count) - expected) < 6 * se, "tail count \(tail.count), expected \(expected)")
        let distance = kolmogorovSmirnov(tail) { 1 - Normal.survival($0) / Normal.survival(r) }
        #expect(distance < kolmogorovSmirnovCritical(n: tail.count), "tail KS D = \(distance) over \(tail.count)")
    }

    @Test func poissonMomentsAndFrequencies() throws {
        var rng = RandomStream(seed: 5, stream: 1)
        let n = 200_000
        for mean in [0.3, 2.5, 9.99, 10, 45, 1e4] {
            let draws = (0..<n).map { _ in rng.poisson(mean: mean) }
            let (m, v) = meanAndVariance(draws.map(Double.init))
            let seMean = (mean / Double(n)).squareRoot()
            let seVariance = ((mean + 2 * mean * mean) / Double(n)).squareRoot()
            #expect(abs(m - mean) < 6 * seMean, "poisson(\(mean)) mean \(m)")
            #expect(abs(v - mean) < 6 * seVariance, "poisson(\(mean)) variance \(v)")
            var probabilities: [Int: Double] = [:]
            let center = Int(mean)
            for k in max(0, center - 8 * Int(mean.squareRoot()) - 10)...(center + 8 * Int(mean.squareRoot()) + 10) {
                let logP = Double(k) * log(mean) - mean - SpecialFunctions.logGamma(Double(k) + 1)
                probabilities[k] = exp(logP)
            }
            let counts = Dictionary(draws.map { ($0, 1) }, uniquingKeysWith: +)
            let fit = try chiSquareGoodnessOfFit(counts: counts, probabilities: probabilities, draws: n)
            #expect(fit.statistic < fit.critical, "poisson(\(mean)) chi-square \(fit.statistic) ≥ \(fit.critical)")
        }
        #expect(rng.poisson(mean: 0) == 0)
    }

    @Test func binomialMomentsAndFrequencies() throws {
        var rng = RandomStream(seed: 6, stream: 2)
        let n = 200_000
        for (count, p) in [(20, 0.3), (50, 0.97), (1000, 0.4), (1_000_000, 1e-5), (5000, 0.999), (7, 0.5)] {
            let draws = (0..<n).map { _ in rng.binomial(count: count, probability: p) }
            #expect(draws.allSatisfy { (0...count).contains($0) })
            let trials = Double(count)
            let mean = trials * p
            let variance = trials * p * (1 - p)
            let fourth = variance * (1 + 3 * p * (1 - p) * (trials - 2))
            let (m, v) = meanAndVariance(draws.map(Double.init))
            #expect(abs(m - mean) < 6 * (variance / Double(n)).squareRoot(), "binomial(\(count), \(p)) mean \(m)")
            #expect(abs(v - variance) < 6 * ((fourth - variance * variance) / Double(n)).squareRoot(),
                    "binomial(\(count), \(p)) variance \(v)")
            var probabilities: [Int: Double] = [:]
            let spread = 8 * variance.squareRoot() + 10
            for k in max(0, Int(mean - spread))...min(count, Int(mean + spread)) {
                let x = Double(k)
                probabilities[k] = exp(SpecialFunctions.logGamma(trials + 1) - SpecialFunctions.logGamma(x + 1)
                    - SpecialFunctions.logGamma(trials - x + 1) + x * log(p) + (trials - x) * log1p(-p))
            }
            let counts = Dictionary(draws.map { ($0, 1) }, uniquingKeysWith: +)
            let fit = try chiSquareGoodnessOfFit(counts: counts, probabilities: probabilities, draws: n)
            #expect(fit.statistic < fit.critical, "binomial(\(count), \(p)) chi-square \(fit.statistic) ≥ \(fit.critical)")
        }
        #expect(rng.binomial(count: 0, probability: 0.5) == 0)
        #expect(rng.binomial(count: 9, probability: 1) == 9)
        #expect(rng.binomial(count: 9, probability: 0) == 0)
    }

    /// Mammen's weights: mean 0, variance 1, third moment 1, each within 6 standard errors
    /// (computed from the exact two-point distribution); Rademacher and Bernoulli likewise.
    @Test func multiplierWeightMoments() {
        var rng = RandomStream(seed: 11)
        let n = 400_000
        let w = (0..<n).map { _ in rng.mammen() }
        #expect(Set(w) == [MammenWeights.low, MammenWeights.high])
        let p = MammenWeights.lowProbability
        func exactMoment(_ k: Double) -> Double { p * pow(MammenWeights.low, k) + (1 - p) * pow(MammenWeights.high, k) }
        #expect(abs(exactMoment(1)) < 1e-15 && abs(exactMoment(2) - 1) < 1e-15 && abs(exactMoment(3) - 1) < 1e-14)
        for k in [1.0, 2, 3] {
            let sample = w.reduce(0) { $0 + pow($1, k) } / Double(n)
            let se = ((exactMoment(2 * k) - exactMoment(k) * exactMoment(k)) / Double(n)).squareRoot()
            #expect(abs(sample - exactMoment(k)) < 6 * se, "Mammen moment \(k): \(sample)")
        }
        let r = (0..<n).map { _ in rng.rademacher() }
        #expect(Set(r) == [-1, 1])
        #expect(abs(r.reduce(0, +) / Double(n)) < 6 / Double(n).squareRoot())
        let b = (0..<n).filter { _ in rng.bernoulli(0.3) }.count
        #expect(abs(Double(b) / Double(n) - 0.3) < 6 * (0.21 / Double(n)).squareRoot())
        #expect(!rng.bernoulli(0) && rng.bernoulli(1))
    }

    @Test func integersCategoriesAndShuffles() throws {
        var rng = RandomStream(seed: 12)
        let n = 120_000
        let sevens = Dictionary((0..<n).map { _ in (rng.integer(below: 7), 1) }, uniquingKeysWith: +)
        let uniform7 = Dictionary(uniqueKeysWithValues: (0..<7).map { ($0, 1.0 / 7) })
        let fit7 = try chiSquareGoodnessOfFit(counts: sevens, probabilities: uniform7, draws: n)
        #expect(fit7.statistic < fit7.critical)
        let huge = Int.max / 3 * 2
        #expect((0..<1000).allSatisfy { _ in (0..<huge).contains(rng.integer(below: huge)) })
        #expect(rng.integer(below: 1) == 0)

        let cumulative = [0.1, 0.1, 0.6, 0.6, 1.2, 1.2]  // weights 0.1, 0, 0.5, 0, 0.6, 0
        let categories = Dictionary((0..<n).map { _ in (rng.categorical(cumulative: cumulative), 1) }, uniquingKeysWith: +)
        #expect(Set(categories.keys) == [0, 2, 4])
        let fit = try chiSquareGoodnessOfFit(counts: categories, probabilities: [0: 0.1 / 1.2, 2: 0.5 / 1.2, 4: 0.6 / 1.2], draws: n)
        #expect(fit.statistic < fit.critical)

        var permutations: [[Int]: Int] = [:]
        for _ in 0..<n {
            var a = [0, 1, 2]
            rng.shuffle(&a)
            permutations[a, default: 0] += 1
        }
        #expect(permutations.count == 6)
        let keys = Array(permutations.keys)
        let fitShuffle = try chiSquareGoodnessOfFit(
            counts: Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.offset, permutations[$0.element]!) }),
            probabilities: Dictionary(uniqueKeysWithValues: keys.indices.map { ($0, 1.0 / 6) }), draws: n)
        #expect(fitShuffle.statistic < fitShuffle.critical)
        var long = Array(0..<1000)
        rng.shuffle(&long)
        #expect(long.sorted() == Array(0..<1000) && long != Array(0..<1000))
        var empty: [Int] = []
        rng.shuffle(&empty)
        #expect(empty.isEmpty)
    }
}
