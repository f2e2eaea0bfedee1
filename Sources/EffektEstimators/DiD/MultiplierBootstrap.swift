import EffektNumerics
import Foundation

/// Settings of the multiplier bootstrap.
public struct MultiplierBootstrapOptions: Sendable, Equatable {
    /// Number of bootstrap draws B (R `did`'s `biters`; 999 is DRDID's default).
    public var draws: Int
    /// Seed of the random streams; the same seed gives bit-identical draws on any number of threads.
    public var seed: UInt64

    public init(draws: Int = 999, seed: UInt64 = 20_210_601) {
        self.draws = draws
        self.seed = seed
    }
}

/// The multiplier bootstrap of R `did` (`mboot`): for each draw b, multiply the influence
/// functions by i.i.d. Mammen weights v and sum, B_b = Σ_c v_{bc} S_c / √G, where S_c is the sum
/// of the influence functions over cluster c (each unit its own cluster when there is no cluster
/// variable; cluster sums as in Callaway & Sant'Anna 2021, Remark 10, and current R `did`).
/// Standard errors are the robust scale of the draws, (q₀.₇₅ − q₀.₂₅)/(z₀.₇₅ − z₀.₂₅) · √G / n
/// with R's type-1 quantiles, and the critical value of a uniform (sup-t) band is the 1 − α
/// type-1 quantile of max_j |B_bj / σ_j| over the non-degenerate columns j.
///
/// Random streams belong to fixed blocks of 2048 units (clusters): block k draws all its weights
/// from `RandomStream(seed:, stream: k)`, unit by unit and draw by draw, so the draws do not
/// depend on the number of threads, and every influence-function matrix bootstrapped with the
/// same settings sees the same weights (the cells and all their aggregations are consistent).
/// Each block is a `dgemm` of its B × 2048 weights with its rows of the influence functions,
/// restricted to the columns where they can be non-zero; blocks are summed in 16 fixed partial
/// sums, reduced in order.
struct MultiplierBootstrap: Sendable {
    let options: MultiplierBootstrapOptions
    /// Cluster of each unit, or nil when every unit is its own cluster.
    let clusterOfUnit: [Int32]?
    let clusterCount: Int

    /// Units (or clusters) per random stream.
    static let unitsPerBlock = 2_048
    /// Fixed number of partial sums reduced in order (independent of the number of threads).
    static let parts = 16

    /// Where influence functions can be non-zero: for blocks of units (rows), the runs of
    /// columns. Lets the bootstrap skip the zero blocks (a cell only involves its cohort and its
    /// comparison units).
    struct Pattern: Sendable {
        struct Block: Sendable {
            let rows: Range<Int>
            let columns: [Range<Int>]
        }
        let blocks: [Block]
    }

    /// Mammen's two points and the probability of the lower one, computed as `RandomStream.mammen()`
    /// does: drawing `uniform() < lowProbability ? low : high` here gives the same weights
    /// (checked in the tests) without a call per weight.
    static let mammenLow = (1 - 5.0.squareRoot()) / 2
    static let mammenHigh = (1 + 5.0.squareRoot()) / 2
    static let mammenLowProbability = (5.0.squareRoot() + 1) / (2 * 5.0.squareRoot())

    /// The weights of block `block` of units: `count` units × `draws` draws from
    /// `RandomStream(seed:, stream: block)`, drawn unit by unit, draw by draw, stored draw-fastest
    /// (entry [i · draws + d]).
    static func weights(seed: UInt64, block: Int, draws b: Int, count: Int) -> [Double] {
        var stream = RandomStream(seed: seed, stream: UInt64(block))
        let low = mammenLow, high = mammenHigh, p = mammenLowProbability
        return [Double](unsafeUninitializedCapacity: count * b) { w, filled in
            for i in 0..<(count * b) { w[i] = stream.uniform() < p ? low : high }
            filled = count * b
        }
    }

    /// B × k replicates of the k influence functions (columns of `influence`, n × k). With a
    /// `pattern` (and no cluster variable) only its blocks are multiplied.
    func replicates(_ influence: Matrix, pattern: Pattern? = nil, workers: Int = Parallel.defaultWorkers) -> Matrix {
        let n = influence.rows, k = influence.columns, b = options.draws
        let sums: Matrix
        if let clusterOfUnit {
            var s = Matrix(rows: clusterCount, columns: k)
            influence.storage.withUnsafeBufferPointer { src in s.storage.withUnsafeMutableBufferPointer { dst in
                for j in 0..<k { for i in 0..<n { dst[j * clusterCount + Int(clusterOfUnit[i])] += src[j * n + i] } }
            } }
            sums = s
        } else {
            sums = influence
        }
        let g = sums.rows
        let pieces = clusterOfUnit == nil ? pattern?.blocks ?? [.init(rows: 0..<g, columns: [0..<k])]
                                          : [.init(rows: 0..<g, columns: [0..<k])]
        let unitBlocks = (g + MultiplierBootstrap.unitsPerBlock - 1) / MultiplierBootstrap.unitsPerBlock
        let partRanges = Parallel.ranges(count: unitBlocks, parts: MultiplierBootstrap.parts)
        let seed = options.seed
        let partials: [[Double]] = Parallel.map(chunks: partRanges.count, workers: workers) { part in
            var out = [Double](repeating: 0, count: b * k)
            out.withUnsafeMutableBufferPointer { ob in sums.withView { sv in
                for block in partRanges[part] {
                    let r0 = block * MultiplierBootstrap.unitsPerBlock
                    let r1 = min(r0 + MultiplierBootstrap.unitsPerBlock, g)
                    let w = MultiplierBootstrap.weights(seed: seed, block: block, draws: b, count: r1 - r0)
                    w.withUnsafeBufferPointer { wb in
                        for piece in pieces {
                            let lo = max(piece.rows.lowerBound, r0), hi = min(piece.rows.upperBound, r1)
                            guard lo < hi else { continue }
                            let a = MatrixView(base: wb.baseAddress! + (lo - r0) * b, rows: b, columns: hi - lo, leadingDimension: b)
                            for run in piece.columns where !run.isEmpty {
                                let bv = MatrixView(base: sv.base! + lo + run.lowerBound * sv.leadingDimension,
                                                    rows: hi - lo, columns: run.count, leadingDimension: sv.leadingDimension)
                                BLAS.gemm(a, bv, alpha: 1, beta: 1,
                                          into: MutableMatrixView(base: ob.baseAddress! + run.lowerBound * b, rows: b,
                                                                  columns: run.count, leadingDimension: b))
                            }
                        }
                    }
                }
            } }
            return out
        }
        var out = Matrix(rows: b, columns: k)
        let scale = 1 / Double(g).squareRoot()
        out.storage.withUnsafeMutableBufferPointer { ob in
            for part in partials { for i in 0..<(b * k) { ob[i] += part[i] } }
            for i in 0..<(b * k) { ob[i] *= scale }
        }
        return out
    }

    /// Bootstrap standard errors (nil for degenerate columns) and the uniform critical value at
    /// level 1 − alpha (nil when no column is usable).
    static func summarize(_ draws: Matrix, units n: Int, clusters g: Int, alpha: Double) -> (se: [Double?], criticalValue: Double?) {
        let b = draws.rows, k = draws.columns
        let threshold = Double.ulpOfOne.squareRoot() * 10
        let zSpread = (try! Normal.quantile(0.75)) - (try! Normal.quantile(0.25))
        var sigma = [Double?](repeating: nil, count: k)
        for j in 0..<k {
            let column = Array(draws.storage[(j * b)..<((j + 1) * b)])
            let ss = column.reduce(0) { $0 + $1 * $1 }
            guard ss.isFinite, ss > threshold else { continue }
            let sorted = column.sorted()
            let s = (quantileType1(sorted, 0.75) - quantileType1(sorted, 0.25)) / zSpread
            if s > threshold { sigma[j] = s }
        }
        let se = sigma.map { $0.map { $0 * Double(g).squareRoot() / Double(n) } }
        var maxima: [Double] = []
        maxima.reserveCapacity(b)
        for r in 0..<b {
            var m = -Double.infinity
            for j in 0..<k { if let s = sigma[j] { m = max(m, abs(draws[r, j] / s)) } }
            if m.isFinite { maxima.append(m) }
        }
        let crit = maxima.isEmpty ? nil : quantileType1(maxima.sorted(), 1 - alpha)
        return (se, crit)
    }

    /// R's `quantile(x, p, type = 1)` (inverse of the empirical distribution function) of sorted x.
    static func quantileType1(_ sorted: [Double], _ p: Double) -> Double {
        let n = sorted.count
        let np = Double(n) * p
        let j = np.rounded(.down)
        var index = np - j > 0 ? Int(j) + 1 : Int(j)
        index = min(max(index, 1), n)
        return sorted[index - 1]
    }
}
