import EffektNumerics
import Foundation

/// Callaway & Sant'Anna group-time average treatment effects (the result of
/// `CallawaySantAnna.estimate()`, R `did`'s `MP` object): every ATT(g,t) with its standard error,
/// the influence functions, the pre-test, and what is needed to aggregate them (`aggregate`).
public struct GroupTimeATT: Sendable {
    /// One ATT(g,t).
    public struct Cell: Sendable, Equatable {
        public let group: Int
        public let time: Int
        /// The base period of the comparison; nil for the universal base period's own cell,
        /// whose ATT is 0 by construction (and has no standard error).
        public let basePeriod: Int?
        /// nil when the cell could not be estimated (see `note`).
        public let att: Double?
        /// The reported standard error: the bootstrap's when bootstrapped, else analytic;
        /// nil when it is (numerically) zero or the cell was not estimated.
        public let standardError: Double?
        /// √(Σ ψ²)/n from the influence function (cluster sums of ψ when clustering).
        public let analyticStandardError: Double?
        /// t ≥ g.
        public let isPostTreatment: Bool
        /// att ± z_{1−α/2} · SE.
        public let confidenceInterval: ClosedRange<Double>?
        /// att ± (uniform critical value) · SE, when bootstrapped.
        public let uniformBand: ClosedRange<Double>?
        /// Why the cell was not estimated.
        public let note: String?
    }

    public let cells: [Cell]
    /// Influence functions ψ, n units × cells (column j belongs to `cells[j]`; zero for cells not
    /// estimated and for universal base cells).
    public let influenceFunctions: Matrix
    /// Ids and groups of the n units (rows of `influenceFunctions`), ordered by group (never
    /// treated first), then id.
    public let unitIDs: [Int]
    public let unitGroups: [Int]
    public let periods: [Int]
    public let cohorts: [Int]
    public let specification: GroupTimeATTSpecification
    /// Wald test that all pre-treatment ATT(g,t) (t < g − anticipation) are 0, with the analytic
    /// covariance of the influence functions (R `did`'s `W`, `Wpval`; R rounds the p-value to 5
    /// digits, this does not).
    public let pretest: WaldTest?
    /// Uniform (sup-t) critical value of the bootstrap, nil without bootstrap.
    public let uniformCriticalValue: Double?
    /// Bootstrap replicates B × cells (nil without bootstrap).
    public let bootstrapDraws: Matrix?
    /// Clusters used by the analytic clustered SEs and the bootstrap (units when not clustering).
    public let clusterName: String
    public let clusterCount: Int
    /// Pre-processing, cells not estimated, propensity-score problems, pre-test notes.
    public let warnings: [String]

    let unitCluster: [Int32]?

    /// Number of units n.
    public var unitCount: Int { unitIDs.count }

    /// The cell of cohort `group` in period `time`.
    public func cell(group: Int, time: Int) -> Cell? { cells.first { $0.group == group && $0.time == time } }

    init(prepared: CallawaySantAnna, plan: [CallawaySantAnna.Plan], atts: [Double?], notes: [String?], influence: Matrix,
         warnings: [String]) throws {
        let spec = prepared.specification
        let n = prepared.unitCount, k = plan.count
        var warnings = warnings
        unitIDs = prepared.unitIDs
        unitGroups = prepared.unitGroups
        periods = prepared.periods
        cohorts = prepared.cohorts
        specification = spec
        influenceFunctions = influence
        unitCluster = prepared.unitCluster
        clusterCount = prepared.clusterCount
        clusterName = prepared.clusterName

        let analytic = GroupTimeATT.analyticStandardErrors(influence, cluster: prepared.unitCluster, clusters: prepared.clusterCount)
            .enumerated().map { atts[$0.offset] == nil ? nil : $0.element }
        var reported = analytic
        var crit: Double?
        var draws: Matrix?
        if let options = spec.bootstrap {
            let boot = MultiplierBootstrap(options: options, clusterOfUnit: prepared.unitCluster, clusterCount: prepared.clusterCount)
            let b = boot.replicates(influence, pattern: GroupTimeATT.pattern(prepared: prepared, plan: plan, estimated: atts.map { $0 != nil }))
            let summary = MultiplierBootstrap.summarize(b, units: n, clusters: prepared.clusterCount, alpha: spec.alpha)
            for j in 0..<k where analytic[j] != nil { reported[j] = summary.se[j] }
            crit = summary.criticalValue
            draws = b
            if let c = crit, c >= 7 {
                warnings.append("the simultaneous critical value (\(c)) is arguably too large to be reliable: groups may be small or outcomes vary little")
            }
        }
        uniformCriticalValue = crit
        bootstrapDraws = draws
        let z = try Normal.quantile(1 - spec.alpha / 2)
        let cellList = (0..<k).map { j -> Cell in
            let p = plan[j]
            let t = prepared.periods[p.time]
            let att = atts[j]
            let se = reported[j]
            var ci: ClosedRange<Double>?, band: ClosedRange<Double>?
            if let att, let se {
                ci = (att - z * se)...(att + z * se)
                if let crit { band = (att - crit * se)...(att + crit * se) }
            }
            return Cell(group: p.group, time: t, basePeriod: p.base.map { prepared.periods[$0] }, att: att,
                        standardError: se, analyticStandardError: analytic[j], isPostTreatment: t >= p.group,
                        confidenceInterval: ci, uniformBand: band, note: notes[j])
        }
        cells = cellList

        // Pre-test: pre-treatment cells (t < g − δ) with a non-zero analytic SE.
        let pre = (0..<k).filter { j in
            let c = cellList[j]
            return c.time < c.group - spec.anticipation && c.att != nil && analytic[j] != nil
        }
        if pre.isEmpty {
            warnings.append("no pre-treatment ATT(g,t) for the Wald pre-test of parallel trends" + (spec.anticipation > 0 ? " (anticipation = \(spec.anticipation) removes some)" : ""))
            pretest = nil
        } else {
            let v = GroupTimeATT.covariance(influence, columns: pre, cluster: prepared.unitCluster, clusters: prepared.clusterCount)
            do {
                pretest = try WaldTest(terms: pre.map { "ATT(\(cellList[$0].group),\(cellList[$0].time))" },
                                       estimates: pre.map { cellList[$0].att! }, covariance: v)
            } catch {
                warnings.append("Not returning pre-test Wald statistic due to singular covariance matrix")
                pretest = nil
            }
        }
        self.warnings = warnings
    }

    // MARK: - Variance pieces

    static let zeroThreshold = Double.ulpOfOne.squareRoot() * 10

    /// Sums of ψ over clusters (cluster × columns), or ψ itself without clustering.
    static func clusterSums(_ psi: Matrix, cluster: [Int32]?, clusters: Int) -> Matrix {
        guard let cluster else { return psi }
        let n = psi.rows, k = psi.columns
        var s = Matrix(rows: clusters, columns: k)
        psi.storage.withUnsafeBufferPointer { src in s.storage.withUnsafeMutableBufferPointer { dst in
            for j in 0..<k { for i in 0..<n { dst[j * clusters + Int(cluster[i])] += src[j * n + i] } }
        } }
        return s
    }

    /// √(Σ_c S_c²)/n per column (S = ψ without clustering); nil where ≤ √ε·10 (R's rule).
    static func analyticStandardErrors(_ psi: Matrix, cluster: [Int32]?, clusters: Int) -> [Double?] {
        let s = clusterSums(psi, cluster: cluster, clusters: clusters)
        let n = Double(psi.rows)
        return (0..<s.columns).map { j in
            var ss = 0.0
            s.storage.withUnsafeBufferPointer { b in
                for i in 0..<s.rows { let v = b[j * s.rows + i]; ss += v * v }
            }
            let se = ss.squareRoot() / n
            return se > zeroThreshold && se.isFinite ? se : nil
        }
    }

    /// Covariance of the estimates of the given columns: SᵀS/n² (R `did`'s V/n). Without
    /// clustering the cross-product is accumulated over blocks of 4096 units (`dsyrk` on a copy
    /// of the block's columns), in 8 fixed partial sums reduced in order.
    static func covariance(_ psi: Matrix, columns: [Int], cluster: [Int32]?, clusters: Int) -> Matrix {
        let n = psi.rows, q = columns.count
        let n2 = Double(n) * Double(n)
        if cluster != nil {
            let s = clusterSums(psi.selectingColumns(columns), cluster: cluster, clusters: clusters)
            var v = s.crossProduct
            for i in 0..<v.storage.count { v.storage[i] /= n2 }
            return v
        }
        let rowsPerBlock = 4_096
        let blocks = (n + rowsPerBlock - 1) / rowsPerBlock
        let parts = Parallel.ranges(count: blocks, parts: 8)
        let partials: [[Double]] = Parallel.map(chunks: parts.count) { part in
            var gram = [Double](repeating: 0, count: q * q)
            var buffer = [Double](repeating: 0, count: rowsPerBlock * q)
            psi.storage.withUnsafeBufferPointer { src in buffer.withUnsafeMutableBufferPointer { buf in
                gram.withUnsafeMutableBufferPointer { g in
                    for block in parts[part] {
                        let r0 = block * rowsPerBlock, len = min(rowsPerBlock, n - r0)
                        for (a, j) in columns.enumerated() {
                            (buf.baseAddress! + a * rowsPerBlock).update(from: src.baseAddress! + j * n + r0, count: len)
                        }
                        BLAS.syrkTransposed(MatrixView(base: buf.baseAddress, rows: len, columns: q, leadingDimension: rowsPerBlock),
                                            alpha: 1, beta: 1,
                                            into: MutableMatrixView(base: g.baseAddress, rows: q, columns: q, leadingDimension: q))
                    }
                }
            } }
            return gram
        }
        var v = Matrix(rows: q, columns: q)
        for part in partials { for i in 0..<(q * q) { v.storage[i] += part[i] } }
        for i in 0..<(q * q) { v.storage[i] /= n2 }
        v.symmetrizeUpper()
        return v
    }

    /// Blocks of units (groups) and the runs of cells whose influence functions involve them.
    static func pattern(prepared: CallawaySantAnna, plan: [CallawaySantAnna.Plan], estimated: [Bool]) -> MultiplierBootstrap.Pattern {
        let blocks = prepared.groupBlocks
        var involved = [[Bool]](repeating: [Bool](repeating: false, count: plan.count), count: blocks.count)
        let blockOf = Dictionary(uniqueKeysWithValues: blocks.enumerated().map { ($1.units.lowerBound, $0) })
        for (j, cell) in plan.enumerated() where estimated[j] {
            guard let base = cell.base else { continue }
            let (treated, controls) = prepared.cellBlocks(cell, base: base)
            for r in (treated.map { [$0] } ?? []) + controls { if let b = blockOf[r.lowerBound] { involved[b][j] = true } }
        }
        return MultiplierBootstrap.Pattern(blocks: blocks.enumerated().map { b, block in
            var runs: [Range<Int>] = []
            var j = 0
            while j < plan.count {
                guard involved[b][j] else { j += 1; continue }
                let start = j
                while j < plan.count && involved[b][j] { j += 1 }
                runs.append(start..<j)
            }
            return .init(rows: block.units, columns: runs)
        })
    }
}
