import EffektNumerics

/// What to fit with `TWFE.fit`: y = α_unit + γ_period + Xβ + ε.
public struct TWFESpecification: Sendable, Equatable {
    /// The treatment regressors.
    public enum Treatment: Sendable, Equatable {
        /// D = 1{group > 0 and period ≥ group}, named "D".
        case fromGroup
        /// A treatment column of the panel (one of its covariates), used as it is.
        case column(String)
        /// Event-time (leads and lags) dummies relative to the first treatment period.
        case eventTime(EventTimeDesign)
    }

    /// Cluster variable of the CR1 covariance.
    public enum Clustering: Sendable, Equatable {
        /// Cluster on the unit.
        case unit
        /// Cluster on the panel's cluster variable.
        case panelVariable
    }

    public var treatment: Treatment
    /// Further regressors (names of panel covariates), after the treatment regressors.
    public var covariates: [String]
    public var clustering: Clustering
    /// Alternating projections stop when no fixed effect changes by more than this.
    public var tolerance: Double
    /// Cap on alternating-projection sweeps.
    public var maxIterations: Int
    /// Remove rows whose unit or period has a single observation, repeatedly (fixest/pyfixest
    /// `fixef_rm = "singleton"`): such rows are fitted exactly by their fixed effect.
    public var dropSingletons: Bool
    public var confidenceLevel: Double

    public init(treatment: Treatment = .fromGroup, covariates: [String] = [], clustering: Clustering = .unit,
                tolerance: Double = 1e-10, maxIterations: Int = 10_000, dropSingletons: Bool = true,
                confidenceLevel: Double = 0.95) {
        self.treatment = treatment
        self.covariates = covariates
        self.clustering = clustering
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.dropSingletons = dropSingletons
        self.confidenceLevel = confidenceLevel
    }
}

/// Two-way fixed-effects regression with unit and period fixed effects on a (possibly
/// unbalanced) panel, with cluster-robust CR1 inference as fixest/pyfixest report it by default.
///
/// The fixed effects are swept out by the within transformation (`TwoWayDemeaning`, alternating
/// projections converged to `tolerance` in the largest change of a fixed effect); β̂ solves
/// X̃ᵀX̃ β = X̃ᵀỹ on the demeaned data. Regressors absorbed by the fixed effects (a time-invariant
/// treatment, a treatment that starts in the same period for everyone) or collinear with earlier
/// regressors are reported as not estimable with the reason; the rest is still estimated.
/// V = G/(G−1)·(n−1)/(n−K)·B M B with B = (X̃ᵀX̃)⁻¹ and M the sum over clusters of the outer
/// products of the score sums X̃_gᵀû_g; K = slopes + Σ fixed-effect levels − (number of fixed
/// effects − 1) − levels of fixed effects nested in the clusters + number of nested fixed
/// effects (pyfixest 0.60 `ssc(k_fixef = "nonnested")`, fixest `fixef.K = "nested"`). t and p use
/// Student t with G − 1 degrees of freedom. Event studies get a joint Wald test of the
/// pre-period coefficients in χ²(q) and F(q, G − 1) form.
///
/// The passes over the rows are blocked (1024 rows), run in fixed chunks of whole units on
/// `Parallel` workers and are reduced in chunk order, so results do not depend on the number of
/// threads; event-time dummies are generated per block, never stored.
public enum TWFE {
    public static func fit(_ panel: PanelData, _ spec: TWFESpecification = TWFESpecification()) throws -> TWFEResult {
        try fit(panel, spec, compressedPeriodLimit: TwoWayDemeaning.compressedPeriodLimit)
    }

    /// `compressedPeriodLimit`: up to this many periods the sweeps run on the period × period
    /// system, above it over the rows (tests force the row sweeps with 0).
    static func fit(_ panel: PanelData, _ spec: TWFESpecification, compressedPeriodLimit: Int) throws -> TWFEResult {
        guard spec.confidenceLevel > 0, spec.confidenceLevel < 1 else {
            throw EstimationError("confidence level \(spec.confidenceLevel) is not between 0 and 1")
        }
        var notes: [String] = []
        let n0 = panel.rowCount
        let names = panel.names

        // Regressors, in output order; event times with no observation are kept as slots.
        enum Slot { case column(Int), empty(name: String, eventTime: Int) }
        var columns: [DesignColumns.Column] = []
        var columnNames: [String] = []
        var columnEventTimes: [Int?] = []
        var fromTreatment: [Bool] = []
        var slots: [Slot] = []
        var categories: [Int32] = []
        switch spec.treatment {
        case .fromGroup:
            var d = [Double](repeating: 0, count: n0)
            for u in 0..<panel.unitCount where panel.unitGroup[u] > 0 {
                let g = panel.unitGroup[u]
                for r in panel.unitStart[u]..<panel.unitStart[u + 1] where panel.periods[Int(panel.rowPeriod[r])] >= g { d[r] = 1 }
            }
            slots.append(.column(columns.count))
            columns.append(.values(d)); columnNames.append("D"); columnEventTimes.append(nil); fromTreatment.append(true)
        case let .column(name):
            let j = try panel.covariateIndex(name)
            slots.append(.column(columns.count))
            columns.append(.values(panel.covariates[j])); columnNames.append(name); columnEventTimes.append(nil); fromTreatment.append(true)
        case let .eventTime(design):
            var ev = [Int](repeating: EventTimeDesign.none, count: n0)
            for u in 0..<panel.unitCount where panel.unitGroup[u] > 0 {
                let g = panel.unitGroup[u]
                for r in panel.unitStart[u]..<panel.unitStart[u + 1] { ev[r] = panel.periods[Int(panel.rowPeriod[r])] - g }
            }
            let (dummies, rowDummy) = try design.build(eventTimes: ev)
            categories = rowDummy
            for (k, d) in dummies.enumerated() {
                if d.observations == 0 {
                    slots.append(.empty(name: d.name, eventTime: d.eventTime))
                } else {
                    slots.append(.column(columns.count))
                    columns.append(.indicator(Int32(k))); columnNames.append(d.name); columnEventTimes.append(d.eventTime); fromTreatment.append(true)
                }
            }
        }
        for name in spec.covariates {
            if columnNames.contains(name) { throw EstimationError("'\(name)' is given twice as a regressor") }
            let j = try panel.covariateIndex(name)
            slots.append(.column(columns.count))
            columns.append(.values(panel.covariates[j])); columnNames.append(name); columnEventTimes.append(nil); fromTreatment.append(false)
        }
        let p = columns.count

        // Cluster codes per row (before singleton removal).
        let clusterName: String
        var rowCluster: [Int32]?
        switch spec.clustering {
        case .unit:
            clusterName = names.unit
        case .panelVariable:
            guard let codes = panel.clusterCodes else {
                throw EstimationError("clustering on the panel's cluster variable was asked for, but the panel has none (pass `cluster:` when building it)")
            }
            clusterName = names.cluster
            rowCluster = codes
        }

        // Fixed-effect singletons.
        var rowUnit = panel.rowUnit, rowPeriod = panel.rowPeriod, unitStart = panel.unitStart
        var periodCount = panel.periodCount
        var outcome = panel.outcome
        var unitOriginal = Array(0..<panel.unitCount)
        var dropped = 0
        if spec.dropSingletons, let keep = singletonFilter(panel) {
            dropped = n0 - keep.count
            notes.append("removed \(dropped) row(s) whose \(names.unit) or \(names.time) fixed effect has a single observation (fixed-effect singletons)")
            func pick<T>(_ a: [T]) -> [T] { keep.map { a[$0] } }
            outcome = pick(outcome)
            columns = columns.map { c in
                if case let .values(v) = c { return .values(pick(v)) }
                return c
            }
            if !categories.isEmpty { categories = pick(categories) }
            if let rc = rowCluster { rowCluster = pick(rc) }
            // Recode units and periods densely over the kept rows.
            let oldUnits = pick(rowUnit), oldPeriods = pick(rowPeriod)
            var newUnit = [Int32](repeating: 0, count: keep.count)
            unitStart = []
            unitOriginal = []
            for i in 0..<keep.count {
                if i == 0 || oldUnits[i] != oldUnits[i - 1] {
                    unitStart.append(i)
                    unitOriginal.append(Int(oldUnits[i]))
                }
                newUnit[i] = Int32(unitStart.count - 1)
            }
            unitStart.append(keep.count)
            var periodCode = [Int32](repeating: -1, count: panel.periodCount)
            for t in oldPeriods { periodCode[Int(t)] = 0 }
            periodCount = 0
            for t in 0..<panel.periodCount where periodCode[t] == 0 {
                periodCode[t] = Int32(periodCount)
                periodCount += 1
            }
            rowUnit = newUnit
            rowPeriod = oldPeriods.map { periodCode[Int($0)] }
        }
        let n = rowUnit.count
        guard n > 0 else { throw EstimationError("no observations are left after removing fixed-effect singletons") }
        let layout = TwoWayLayout(rowUnit: rowUnit, rowPeriod: rowPeriod, unitStart: unitStart, periodCount: periodCount)
        let design = DesignColumns(columns: columns + [.values(outcome)], categories: categories)
        let m = p + 1
        if layout.periodCount < 2 {
            notes.append("the panel has a single \(names.time): every regressor is absorbed by the fixed effects")
        }

        // Within transformation and the cross-products of the demeaned design.
        let demeaning = try TwoWayDemeaning(layout: layout, design: design, tolerance: spec.tolerance, maxIterations: spec.maxIterations,
                                             compressedPeriodLimit: compressedPeriodLimit)
        let moments = crossProducts(layout: layout, design: design, demeaning: demeaning)
        let gram = moments.gram
        let cohorts = Set(panel.unitGroup)

        // Which regressors are estimable.
        var estimable: [Int] = []
        var termNote: [Int: String] = [:]
        for j in 0..<p {
            let centered = moments.squares[j] - moments.sums[j] * moments.sums[j] / Double(n)
            if gram[j + j * m] <= 1e-14 * centered && centered > 0 || centered <= 0 {
                termNote[j] = absorptionNote(j, name: columnNames[j], treatment: fromTreatment[j], cohorts: cohorts,
                                             design: design, layout: layout, names: names)
            } else {
                estimable.append(j)
            }
        }
        var kept: [Int] = []
        if !estimable.isEmpty {
            var sub = Matrix(rows: estimable.count, columns: estimable.count)
            for (a, i) in estimable.enumerated() { for (b, j) in estimable.enumerated() { sub[a, b] = gram[i + j * m] } }
            kept = Cholesky.independentColumns(gram: sub).map { estimable[$0] }
            for j in estimable where !kept.contains(j) {
                termNote[j] = "'\(columnNames[j])' is collinear with the regressors before it (given the fixed effects) and was dropped (not estimable)"
            }
        }
        for j in 0..<p { if let note = termNote[j] { notes.append(note) } }
        let q = kept.count
        var beta: [Double] = []
        var bread = Matrix(rows: 0, columns: 0)
        if q > 0 {
            var xtx = Matrix(rows: q, columns: q)
            var xty = [Double](repeating: 0, count: q)
            for (a, i) in kept.enumerated() {
                xty[a] = gram[i + p * m]
                for (b, j) in kept.enumerated() { xtx[a, b] = gram[i + j * m] }
            }
            let factor = try Cholesky(xtx, what: "the cross-product of the demeaned regressors")
            beta = factor.solve(xty)
            bread = try factor.inverse()
        }

        // Cluster score sums.
        let unitScores = q > 0 ? scores(layout: layout, design: design, demeaning: demeaning, kept: kept, beta: beta,
                                       target: nil, targetCount: layout.unitCount) : []
        var clusterScores: [Double]
        var clusterCount: Int
        var unitNested: Bool
        var periodNested: Bool
        if let rc = rowCluster {
            // Recode the clusters present among the used rows.
            var code = [Int32](repeating: -1, count: panel.clusterCount)
            var used = rc
            clusterCount = 0
            for i in 0..<used.count {
                let c = Int(used[i])
                if code[c] < 0 { code[c] = Int32(clusterCount); clusterCount += 1 }
                used[i] = code[c]
            }
            var constantInUnit = true
            for u in 0..<layout.unitCount where constantInUnit {
                for r in unitStart[u]..<unitStart[u + 1] where used[r] != used[unitStart[u]] { constantInUnit = false; break }
            }
            unitNested = constantInUnit
            periodNested = nestedInClusters(rowLevel: rowPeriod, levels: layout.periodCount, clusters: used)
            if q == 0 {
                clusterScores = []
            } else if constantInUnit {
                clusterScores = [Double](repeating: 0, count: clusterCount * q)
                for u in 0..<layout.unitCount {
                    let c = Int(used[unitStart[u]])
                    for a in 0..<q { clusterScores[a * clusterCount + c] += unitScores[a * layout.unitCount + u] }
                }
            } else {
                clusterScores = scores(layout: layout, design: design, demeaning: demeaning, kept: kept, beta: beta,
                                       target: used, targetCount: clusterCount)
            }
        } else {
            clusterScores = unitScores
            clusterCount = layout.unitCount
            unitNested = true
            periodNested = nestedInClusters(rowLevel: rowPeriod, levels: layout.periodCount, clusters: rowUnit)
        }

        // Small-sample correction.
        var nestedNames: [String] = []
        var k = q + layout.unitCount + layout.periodCount - 1
        if unitNested { k -= layout.unitCount - 1; nestedNames.append(names.unit) }
        if periodNested { k -= layout.periodCount - 1; nestedNames.append(names.time) }
        let g = clusterCount
        let factor = g > 1 && n > k ? Double(g) / Double(g - 1) * Double(n - 1) / Double(n - k) : .nan
        let ssc = TWFEResult.SmallSampleCorrection(
            observations: n, clusters: g, parameters: k, factor: factor, tDegreesOfFreedom: g - 1,
            nestedFixedEffects: nestedNames, formula: "G/(G-1) * (n-1)/(n-K)")

        var covariance: Matrix?
        var seNote: String?
        if q > 0 {
            if g < 2 {
                seNote = "only \(g) cluster in '\(clusterName)': cluster-robust standard errors need at least two clusters, so none are reported"
            } else if n <= k {
                seNote = "n = \(n) observations do not exceed K = \(k) parameters: no standard errors"
            } else {
                let s = Matrix(rows: g, columns: q, columnMajor: clusterScores)
                let meat = s.crossProduct
                var v = bread.multiplied(by: meat).multiplied(by: bread)
                for i in 0..<v.storage.count { v.storage[i] *= factor }
                for j in 0..<q { for i in 0..<j { let a = 0.5 * (v[i, j] + v[j, i]); v[i, j] = a; v[j, i] = a } }
                covariance = v
            }
            if let seNote { notes.append(seNote) }
        }

        // Terms.
        let tDist = g > 1 ? try StudentT(degreesOfFreedom: Double(g - 1)) : nil
        let crit = try tDist?.quantile(1 - (1 - spec.confidenceLevel) / 2)
        var terms: [TWFEResult.Term] = []
        for slot in slots {
            switch slot {
            case let .empty(name, e):
                let note = "no observations at event time \(e): '\(name)' is not estimable"
                notes.append(note)
                terms.append(.init(name: name, estimate: nil, standardError: nil, tStatistic: nil, pValue: nil,
                                   confidenceInterval: nil, eventTime: e, note: note))
            case let .column(j):
                if let a = kept.firstIndex(of: j) {
                    let b = beta[a]
                    if let v = covariance, let tDist, let crit {
                        let se = v[a, a].squareRoot()
                        let t = b / se
                        terms.append(.init(name: columnNames[j], estimate: b, standardError: se, tStatistic: t,
                                           pValue: tDist.twoSidedP(t), confidenceInterval: (b - crit * se)...(b + crit * se),
                                           eventTime: columnEventTimes[j], note: nil))
                    } else {
                        terms.append(.init(name: columnNames[j], estimate: b, standardError: nil, tStatistic: nil, pValue: nil,
                                           confidenceInterval: nil, eventTime: columnEventTimes[j], note: seNote))
                    }
                } else {
                    terms.append(.init(name: columnNames[j], estimate: nil, standardError: nil, tStatistic: nil, pValue: nil,
                                       confidenceInterval: nil, eventTime: columnEventTimes[j], note: termNote[j]))
                }
            }
        }

        // Pre-trend test.
        var pretrend: WaldTest?
        if case .eventTime = spec.treatment {
            let pre = kept.enumerated().filter { (columnEventTimes[$0.element] ?? 0) < 0 }
            if pre.isEmpty {
                notes.append("no pre-period event-time coefficient was estimated, so there is no pre-trend test")
            } else if let v = covariance {
                var sub = Matrix(rows: pre.count, columns: pre.count)
                for (x, a) in pre.enumerated() { for (y, b) in pre.enumerated() { sub[x, y] = v[a.offset, b.offset] } }
                do {
                    pretrend = try WaldTest(terms: pre.map { columnNames[$0.element] }, estimates: pre.map { beta[$0.offset] },
                                            covariance: sub, denominatorDegreesOfFreedom: g - 1)
                } catch let error as EstimationError {
                    notes.append("no pre-trend test: \(error.message)")
                }
            }
        }

        return TWFEResult(
            terms: terms, estimatedTerms: kept.map { columnNames[$0] }, covariance: covariance,
            observations: n, droppedSingletons: dropped, units: layout.unitCount, periods: layout.periodCount,
            clusterName: clusterName, clusters: g, smallSample: ssc, confidenceLevel: spec.confidenceLevel,
            pretrendTest: pretrend, demeaningSweeps: demeaning.iterations, demeaningLastChange: demeaning.lastChange,
            notes: notes)
    }

    // MARK: - Passes over the rows

    struct Moments: Sendable {
        /// Cross-products of the demeaned columns (m × m, column-major, both triangles).
        var gram: [Double]
        /// Sums and sums of squares of the raw columns.
        var sums: [Double]
        var squares: [Double]
    }

    static func crossProducts(layout: TwoWayLayout, design: DesignColumns, demeaning: TwoWayDemeaning) -> Moments {
        let m = design.count
        let rowsPerBlock = TwoWayDemeaning.blockRows
        let parts = Parallel.map(chunks: layout.chunks.count) { c -> Moments in
            var part = Moments(gram: [Double](repeating: 0, count: m * m), sums: [Double](repeating: 0, count: m),
                               squares: [Double](repeating: 0, count: m))
            let rows = layout.rows(of: layout.chunks[c])
            let block = UnsafeMutablePointer<Double>.allocate(capacity: rowsPerBlock * m)
            defer { block.deallocate() }
            var r0 = rows.lowerBound
            while r0 < rows.upperBound {
                let r1 = min(r0 + rowsPerBlock, rows.upperBound)
                let len = r1 - r0
                design.fill(r0..<r1, into: block, ld: rowsPerBlock)
                // Raw moments (for the absorption check); an indicator's sum of squares is its sum.
                for j in 0..<m {
                    let x = block + j * rowsPerBlock
                    var s = (0.0, 0.0), ss = (0.0, 0.0)
                    var i = 0
                    while i + 1 < len {
                        s.0 += x[i]; s.1 += x[i + 1]
                        ss.0 += x[i] * x[i]; ss.1 += x[i + 1] * x[i + 1]
                        i += 2
                    }
                    if i < len { s.0 += x[i]; ss.0 += x[i] * x[i] }
                    part.sums[j] += s.0 + s.1
                    part.squares[j] += ss.0 + ss.1
                }
                demeaning.subtractEffects(layout: layout, rows: r0..<r1, from: block, ld: rowsPerBlock)
                part.gram.withUnsafeMutableBufferPointer { gb in
                    BLAS.syrkTransposed(MatrixView(base: block, rows: len, columns: m, leadingDimension: rowsPerBlock),
                                        alpha: 1, beta: 1,
                                        into: MutableMatrixView(base: gb.baseAddress, rows: m, columns: m, leadingDimension: m))
                }
                r0 = r1
            }
            return part
        }
        var total = Moments(gram: [Double](repeating: 0, count: m * m), sums: [Double](repeating: 0, count: m),
                            squares: [Double](repeating: 0, count: m))
        for part in parts {
            for i in 0..<(m * m) { total.gram[i] += part.gram[i] }
            for j in 0..<m { total.sums[j] += part.sums[j]; total.squares[j] += part.squares[j] }
        }
        for j in 0..<m { for i in (j + 1)..<max(m, j + 1) { total.gram[i + j * m] = total.gram[j + i * m] } }
        return total
    }

    /// Sums of the scores x̃ᵢ ûᵢ of the kept regressors by unit (`target` nil; parallel over
    /// chunks of units) or by an arbitrary per-row code (serial, in row order). Column-major,
    /// targetCount × kept.count.
    static func scores(layout: TwoWayLayout, design: DesignColumns, demeaning: TwoWayDemeaning, kept: [Int], beta: [Double],
                       target: [Int32]?, targetCount: Int) -> [Double] {
        let m = design.count, q = kept.count, yColumn = m - 1
        let rowsPerBlock = TwoWayDemeaning.blockRows
        var out = [Double](repeating: 0, count: targetCount * q)
        out.withUnsafeMutableBufferPointer { ob in
            let shared = SharedBuffer(ob)
            let work: @Sendable (Int) -> Void = { c in
                let rows = layout.rows(of: layout.chunks[c])
                let block = UnsafeMutablePointer<Double>.allocate(capacity: rowsPerBlock * m)
                let resid = UnsafeMutablePointer<Double>.allocate(capacity: rowsPerBlock)
                defer { block.deallocate(); resid.deallocate() }
                var r0 = rows.lowerBound
                while r0 < rows.upperBound {
                    let r1 = min(r0 + rowsPerBlock, rows.upperBound)
                    let len = r1 - r0
                    demeaning.fillDemeaned(layout: layout, design: design, rows: r0..<r1, into: block, ld: rowsPerBlock)
                    let y = block + yColumn * rowsPerBlock
                    for i in 0..<len { resid[i] = y[i] }
                    for (a, j) in kept.enumerated() {
                        let x = block + j * rowsPerBlock, b = beta[a]
                        for i in 0..<len { resid[i] -= x[i] * b }
                    }
                    let index = target ?? layout.rowUnit
                    index.withUnsafeBufferPointer { ib in
                        let idx = ib.baseAddress! + r0
                        for (a, j) in kept.enumerated() {
                            let x = block + j * rowsPerBlock
                            let dst = shared.base! + a * targetCount
                            // Consecutive rows mostly share their unit/cluster: sum in a register.
                            var current = idx[0], acc = 0.0
                            for i in 0..<len {
                                if idx[i] != current {
                                    dst[Int(current)] += acc
                                    current = idx[i]
                                    acc = 0
                                }
                                acc += x[i] * resid[i]
                            }
                            dst[Int(current)] += acc
                        }
                    }
                    r0 = r1
                }
            }
            if target == nil {
                _ = Parallel.map(chunks: layout.chunks.count, work)
            } else {
                for c in 0..<layout.chunks.count { work(c) }
            }
        }
        return out
    }

    /// Whether every level of a fixed effect lies within a single cluster.
    static func nestedInClusters(rowLevel: [Int32], levels: Int, clusters: [Int32]) -> Bool {
        var first = [Int32](repeating: -1, count: levels)
        for i in 0..<rowLevel.count {
            let l = Int(rowLevel[i])
            if first[l] < 0 { first[l] = clusters[i] } else if first[l] != clusters[i] { return false }
        }
        return true
    }

    /// Rows to keep after repeatedly removing rows whose unit or period has one row; nil when
    /// there is no singleton.
    static func singletonFilter(_ panel: PanelData) -> [Int]? {
        let n = panel.rowCount
        var unitRows = (0..<panel.unitCount).map { panel.unitStart[$0 + 1] - panel.unitStart[$0] }
        var periodRows = [Int](repeating: 0, count: panel.periodCount)
        for t in panel.rowPeriod { periodRows[Int(t)] += 1 }
        guard unitRows.contains(1) || periodRows.contains(1) else { return nil }
        var keep = [Bool](repeating: true, count: n)
        var changed = true
        while changed {
            changed = false
            for r in 0..<n where keep[r] {
                let u = Int(panel.rowUnit[r]), t = Int(panel.rowPeriod[r])
                if unitRows[u] == 1 || periodRows[t] == 1 {
                    keep[r] = false
                    unitRows[u] -= 1
                    periodRows[t] -= 1
                    changed = true
                }
            }
        }
        return (0..<n).filter { keep[$0] }
    }

    /// Why regressor j is absorbed by the fixed effects, in words.
    static func absorptionNote(_ j: Int, name: String, treatment: Bool, cohorts: Set<Int>, design: DesignColumns,
                               layout: TwoWayLayout, names: PanelData.Names) -> String {
        let n = layout.rowCount
        var values = [Double](repeating: 0, count: n)
        let single = DesignColumns(columns: [design.columns[j]], categories: design.categories)
        values.withUnsafeMutableBufferPointer { single.fill(0..<n, into: $0.baseAddress!, ld: max(n, 1)) }
        var variesInUnit = false
        for u in 0..<layout.unitCount where !variesInUnit {
            let start = layout.unitStart[u]
            for r in start..<layout.unitStart[u + 1] where values[r] != values[start] { variesInUnit = true; break }
        }
        var firstInPeriod = [Double?](repeating: nil, count: layout.periodCount)
        var variesInPeriod = false
        for r in 0..<n {
            let t = Int(layout.rowPeriod[r])
            if let f = firstInPeriod[t] { if f != values[r] { variesInPeriod = true; break } } else { firstInPeriod[t] = values[r] }
        }
        let treated = cohorts.subtracting([0])
        if treatment, !cohorts.contains(0), treated.count == 1, let g = treated.first, variesInUnit || !variesInPeriod {
            return "every \(names.unit) is first treated in \(names.time) \(g): '\(name)' then depends on the \(names.time) alone and is absorbed by the \(names.time) fixed effects; with all units treated at once there is no untreated comparison, so it is not estimable"
        }
        if !variesInUnit {
            return "'\(name)' does not vary within any \(names.unit) (time-invariant), so it is absorbed by the \(names.unit) fixed effects and is not estimable; a time-invariant treatment such as 'ever treated' needs the post-treatment indicator instead"
        }
        if !variesInPeriod {
            return "'\(name)' is the same for every \(names.unit) within each \(names.time), so it is absorbed by the \(names.time) fixed effects and is not estimable"
        }
        return "'\(name)' is a linear combination of the \(names.unit) and \(names.time) fixed effects and is not estimable"
    }
}
