import EffektNumerics

/// The unit × period layout of a (possibly unbalanced) panel, rows sorted by unit: what the
/// two-way within transformation needs, plus a fixed split into chunks of whole units for
/// deterministic parallel passes (the split depends on the data only, never on the core count).
struct TwoWayLayout: Sendable {
    let rowUnit: [Int32]
    let rowPeriod: [Int32]
    /// Rows of unit u are `unitStart[u]..<unitStart[u + 1]`.
    let unitStart: [Int]
    let unitCount: Int
    let periodCount: Int
    /// Rows per unit and per period.
    let unitRows: [Double]
    let periodRows: [Double]
    /// Consecutive ranges of whole units, about `targetRows` rows each.
    let chunks: [Range<Int>]

    static let targetRows = 131_072

    var rowCount: Int { rowUnit.count }

    init(rowUnit: [Int32], rowPeriod: [Int32], unitStart: [Int], periodCount: Int) {
        self.rowUnit = rowUnit
        self.rowPeriod = rowPeriod
        self.unitStart = unitStart
        unitCount = unitStart.count - 1
        self.periodCount = periodCount
        unitRows = (0..<unitCount).map { Double(unitStart[$0 + 1] - unitStart[$0]) }
        var pr = [Double](repeating: 0, count: periodCount)
        for t in rowPeriod { pr[Int(t)] += 1 }
        periodRows = pr
        var cuts: [Range<Int>] = []
        var first = 0
        for u in 0..<unitCount where unitStart[u + 1] - unitStart[first] >= TwoWayLayout.targetRows || u == unitCount - 1 {
            cuts.append(first..<(u + 1))
            first = u + 1
        }
        chunks = cuts
    }

    func rows(of units: Range<Int>) -> Range<Int> { unitStart[units.lowerBound]..<unitStart[units.upperBound] }
}

/// Columns of a design, read in blocks of rows: dense columns, or indicators of one category of a
/// per-row categorical code (event-time dummies are generated this way instead of being stored,
/// so an event study on 10⁷ rows costs one `Int32` per row rather than one `Double` per row and
/// dummy).
struct DesignColumns: Sendable {
    enum Column: Sendable {
        case values([Double])
        case indicator(Int32)
    }

    let columns: [Column]
    /// Category of each row (−1: none); used by `.indicator` columns.
    let categories: [Int32]
    /// Column of each category's indicator (−1: none).
    let indicatorColumn: [Int32]
    /// Indices of the dense and of the indicator columns.
    let denseColumns: [Int]
    let indicatorColumns: [Int]

    init(columns: [Column], categories: [Int32]) {
        self.columns = columns
        self.categories = categories
        var map: [Int32] = []
        var dense: [Int] = [], indicators: [Int] = []
        for (j, c) in columns.enumerated() {
            switch c {
            case .values: dense.append(j)
            case let .indicator(k):
                if Int(k) >= map.count { map += [Int32](repeating: -1, count: Int(k) + 1 - map.count) }
                map[Int(k)] = Int32(j)
                indicators.append(j)
            }
        }
        indicatorColumn = map
        denseColumns = dense
        indicatorColumns = indicators
    }

    var count: Int { columns.count }

    /// Writes rows `rows` of every column into a column-major block with leading dimension `ld`.
    func fill(_ rows: Range<Int>, into out: UnsafeMutablePointer<Double>, ld: Int) {
        let m = rows.count
        for j in denseColumns {
            guard case let .values(v) = columns[j] else { continue }
            let dst = out + j * ld
            v.withUnsafeBufferPointer { src in
                (dst).update(from: src.baseAddress! + rows.lowerBound, count: m)
            }
        }
        guard !indicatorColumns.isEmpty else { return }
        for j in indicatorColumns { (out + j * ld).update(repeating: 0, count: m) }
        categories.withUnsafeBufferPointer { c in indicatorColumn.withUnsafeBufferPointer { map in
            for i in 0..<m {
                let k = Int(c[rows.lowerBound + i])
                if k >= 0 && k < map.count {
                    let j = Int(map[k])
                    if j >= 0 { out[j * ld + i] = 1 }
                }
            }
        } }
    }
}

/// The two-way (unit and period) within transformation of an unbalanced panel by alternating
/// projections: x̃ = x − α_unit − γ_period with α, γ the fixed-effect coefficients of the
/// regression of x on unit and period dummies.
///
/// Alternating projections (demean by unit, then by period, repeat) are the Gauss–Seidel
/// iterations α ← D_u⁻¹(S_u − Nγ), γ ← D_t⁻¹(S_t − Nᵀα) on the normal equations, with N the
/// unit × period incidence matrix, D the row counts and S the sums of x. Substituting α, one
/// sweep is γ ← c + Pγ with P = D_t⁻¹ NᵀD_u⁻¹N (periods × periods) and
/// c = D_t⁻¹(S_t − NᵀD_u⁻¹S_u), so with few periods the sweeps run on the small matrix P (formed
/// once, by BLAS) and cost nothing per row; with many periods (> `compressedPeriodLimit`) each
/// sweep is two passes over the rows. Iteration stops when the largest absolute change of any γ
/// (hence of any α, an average of γ) is below `tolerance`; a balanced panel converges in one
/// sweep (the second confirms it). All columns are transformed together.
struct TwoWayDemeaning: Sendable {
    let columnCount: Int
    /// α, column-major (unitCount × columnCount).
    let unitEffects: [Double]
    /// γ, column-major (periodCount × columnCount).
    let periodEffects: [Double]
    let iterations: Int
    let lastChange: Double

    static let compressedPeriodLimit = 2_048
    static let blockRows = 1_024

    init(layout: TwoWayLayout, design: DesignColumns, tolerance: Double, maxIterations: Int,
         compressedPeriodLimit: Int = TwoWayDemeaning.compressedPeriodLimit) throws {
        let k = design.count
        let nu = layout.unitCount, nt = layout.periodCount
        columnCount = k
        // Unit sums (disjoint per chunk) and period sums (per chunk, reduced in order). Dense
        // columns are summed row by row (the unit sum in a register while the unit lasts);
        // indicator columns by one pass over the rows' categories.
        var unitSums = [Double](repeating: 0, count: nu * k)
        let periodSums: [Double] = unitSums.withUnsafeMutableBufferPointer { ub in
            let su = SharedBuffer(ub)
            let partials = Parallel.map(chunks: layout.chunks.count) { c -> [Double] in
                var st = [Double](repeating: 0, count: nt * k)
                let units = layout.chunks[c]
                layout.rowPeriod.withUnsafeBufferPointer { rp in st.withUnsafeMutableBufferPointer { stb in
                    for j in design.denseColumns {
                        guard case let .values(v) = design.columns[j] else { continue }
                        v.withUnsafeBufferPointer { x in
                            let sj = stb.baseAddress! + j * nt
                            for u in units {
                                var acc = 0.0
                                for r in layout.unitStart[u]..<layout.unitStart[u + 1] {
                                    acc += x[r]
                                    sj[Int(rp[r])] += x[r]
                                }
                                su[j * nu + u] = acc
                            }
                        }
                    }
                    if !design.indicatorColumns.isEmpty {
                        design.categories.withUnsafeBufferPointer { cat in design.indicatorColumn.withUnsafeBufferPointer { map in
                            for u in units {
                                for r in layout.unitStart[u]..<layout.unitStart[u + 1] {
                                    let q = Int(cat[r])
                                    guard q >= 0 && q < map.count && map[q] >= 0 else { continue }
                                    let j = Int(map[q])
                                    su[j * nu + u] += 1
                                    stb[j * nt + Int(rp[r])] += 1
                                }
                            }
                        } }
                    }
                } }
                return st
            }
            return TwoWayDemeaning.sumInOrder(partials, count: nt * k)
        }

        var gamma = [Double](repeating: 0, count: nt * k)
        var iterations = 0
        var change = Double.infinity
        if nt <= compressedPeriodLimit {
            let (p, c) = TwoWayDemeaning.compressedSystem(layout: layout, unitSums: unitSums, periodSums: periodSums, k: k)
            let pm = Matrix(rows: nt, columns: nt, columnMajor: p)
            var g = Matrix(rows: nt, columns: k)
            while iterations < maxIterations {
                var next = Matrix(rows: nt, columns: k, columnMajor: c)
                pm.withView { pv in g.withView { gv in next.withMutableView { nv in
                    BLAS.gemm(pv, gv, alpha: 1, beta: 1, into: nv)
                } } }
                change = 0
                for i in 0..<next.storage.count { change = max(change, abs(next.storage[i] - g.storage[i])) }
                g = next
                iterations += 1
                if change < tolerance { break }
            }
            gamma = g.storage
        } else {
            var alpha = [Double](repeating: 0, count: nu * k)
            while iterations < maxIterations {
                TwoWayDemeaning.updateUnitEffects(layout: layout, unitSums: unitSums, gamma: gamma, k: k, into: &alpha)
                let next = TwoWayDemeaning.updatePeriodEffects(layout: layout, periodSums: periodSums, alpha: alpha, k: k)
                change = 0
                for i in 0..<next.count { change = max(change, abs(next[i] - gamma[i])) }
                gamma = next
                iterations += 1
                if change < tolerance { break }
            }
        }
        guard change < tolerance else {
            throw EstimationError("the within transformation (alternating projections on the unit and period fixed effects) did not converge in \(maxIterations) sweeps: the largest change of a fixed effect is still \(change) > \(tolerance). The panel's units and periods may be weakly connected (few units observed in overlapping periods); raise the iteration cap or check the panel structure")
        }
        var alpha = [Double](repeating: 0, count: nu * k)
        TwoWayDemeaning.updateUnitEffects(layout: layout, unitSums: unitSums, gamma: gamma, k: k, into: &alpha)
        unitEffects = alpha
        periodEffects = gamma
        self.iterations = iterations
        lastChange = change
    }

    /// Demeaned values of rows `rows`, column-major with leading dimension `ld`.
    func fillDemeaned(layout: TwoWayLayout, design: DesignColumns, rows: Range<Int>,
                      into out: UnsafeMutablePointer<Double>, ld: Int) {
        design.fill(rows, into: out, ld: ld)
        subtractEffects(layout: layout, rows: rows, from: out, ld: ld)
    }

    /// Subtracts α_unit + γ_period from a block of raw values of rows `rows`, unit segment by
    /// unit segment (α is constant within a segment).
    func subtractEffects(layout: TwoWayLayout, rows: Range<Int>, from out: UnsafeMutablePointer<Double>, ld: Int) {
        let nu = layout.unitCount, nt = layout.periodCount
        layout.rowUnit.withUnsafeBufferPointer { ru in layout.rowPeriod.withUnsafeBufferPointer { rp in
            unitEffects.withUnsafeBufferPointer { a in periodEffects.withUnsafeBufferPointer { g in
                var s = rows.lowerBound
                while s < rows.upperBound {
                    let u = Int(ru[s])
                    let e = min(layout.unitStart[u + 1], rows.upperBound)
                    let offset = s - rows.lowerBound
                    for j in 0..<columnCount {
                        let x = out + j * ld + offset
                        let au = a[j * nu + u]
                        let gj = g.baseAddress! + j * nt
                        let periods = rp.baseAddress! + s
                        for i in 0..<(e - s) { x[i] -= au + gj[Int(periods[i])] }
                    }
                    s = e
                }
            } }
        } }
    }

    // MARK: - Pieces

    static func sumInOrder(_ partials: [[Double]], count: Int) -> [Double] {
        var total = [Double](repeating: 0, count: count)
        for part in partials { for i in 0..<count { total[i] += part[i] } }
        return total
    }

    /// P = D_t⁻¹ NᵀD_u⁻¹N and c = D_t⁻¹(S_t − NᵀD_u⁻¹S_u), both column-major. Units observed in
    /// every period add 1/T to every entry of NᵀD_u⁻¹N and are only counted; the others are
    /// accumulated by `dsyrk` on blocks of 1/√n_u-scaled incidence rows.
    static func compressedSystem(layout: TwoWayLayout, unitSums: [Double], periodSums: [Double], k: Int) -> ([Double], [Double]) {
        let nu = layout.unitCount, nt = layout.periodCount
        struct Part: Sendable { var a: [Double]; var r: [Double]; var complete: Int }
        let parts = Parallel.map(chunks: layout.chunks.count) { c -> Part in
            var a = [Double](repeating: 0, count: nt * nt)
            var r = [Double](repeating: 0, count: nt * k)
            var complete = 0
            // Units observed in every period add S_u/n_u to every period of R: summed per column.
            var completeShare = [Double](repeating: 0, count: k)
            let blockUnits = 256
            var block = [Double](repeating: 0, count: blockUnits * nt)
            var filled = 0
            func flush() {
                guard filled > 0 else { return }
                block.withUnsafeBufferPointer { b in a.withUnsafeMutableBufferPointer { ab in
                    BLAS.syrkTransposed(MatrixView(base: b.baseAddress, rows: filled, columns: nt, leadingDimension: blockUnits),
                                        alpha: 1, beta: 1,
                                        into: MutableMatrixView(base: ab.baseAddress, rows: nt, columns: nt, leadingDimension: nt))
                } }
                for i in 0..<block.count { block[i] = 0 }
                filled = 0
            }
            layout.rowPeriod.withUnsafeBufferPointer { rp in unitSums.withUnsafeBufferPointer { su in
                for u in layout.chunks[c] {
                    let start = layout.unitStart[u], end = layout.unitStart[u + 1]
                    let inv = 1 / Double(end - start)
                    if end - start == nt {
                        complete += 1
                        for j in 0..<k { completeShare[j] += su[j * nu + u] * inv }
                    } else {
                        for j in 0..<k {
                            let s = su[j * nu + u] * inv
                            for i in start..<end { r[j * nt + Int(rp[i])] += s }
                        }
                        let w = inv.squareRoot()
                        for i in start..<end { block[filled + Int(rp[i]) * blockUnits] = w }
                        filled += 1
                        if filled == blockUnits { flush() }
                    }
                }
            } }
            flush()
            for j in 0..<k { for t in 0..<nt { r[j * nt + t] += completeShare[j] } }
            return Part(a: a, r: r, complete: complete)
        }
        var a = [Double](repeating: 0, count: nt * nt)
        var r = [Double](repeating: 0, count: nt * k)
        var complete = 0
        for part in parts {
            for i in 0..<a.count { a[i] += part.a[i] }
            for i in 0..<r.count { r[i] += part.r[i] }
            complete += part.complete
        }
        let share = Double(complete) / Double(nt)
        var p = [Double](repeating: 0, count: nt * nt)
        for col in 0..<nt {
            for row in 0..<nt {
                let upper = row <= col ? a[row + col * nt] : a[col + row * nt]
                p[row + col * nt] = (upper + share) / layout.periodRows[row]
            }
        }
        var c = [Double](repeating: 0, count: nt * k)
        for j in 0..<k {
            for t in 0..<nt { c[j * nt + t] = (periodSums[j * nt + t] - r[j * nt + t]) / layout.periodRows[t] }
        }
        return (p, c)
    }

    /// α_u = (S_u − Σ_{rows of u} γ_period) / n_u.
    static func updateUnitEffects(layout: TwoWayLayout, unitSums: [Double], gamma: [Double], k: Int, into alpha: inout [Double]) {
        let nu = layout.unitCount, nt = layout.periodCount
        alpha.withUnsafeMutableBufferPointer { ab in
            let out = SharedBuffer(ab)
            _ = Parallel.map(chunks: layout.chunks.count) { c in
                layout.rowPeriod.withUnsafeBufferPointer { rp in unitSums.withUnsafeBufferPointer { su in gamma.withUnsafeBufferPointer { g in
                    // Σ_t γ_t, the sum over the periods of a unit observed in every period.
                    var all = [Double](repeating: 0, count: k)
                    for j in 0..<k { for t in 0..<nt { all[j] += g[j * nt + t] } }
                    for u in layout.chunks[c] {
                        let start = layout.unitStart[u], end = layout.unitStart[u + 1]
                        for j in 0..<k {
                            var s = 0.0
                            if end - start == nt {
                                s = all[j]
                            } else {
                                for i in start..<end { s += g[j * nt + Int(rp[i])] }
                            }
                            out[j * nu + u] = (su[j * nu + u] - s) / Double(end - start)
                        }
                    }
                } } }
            }
        }
    }

    /// γ_t = (S_t − Σ_{rows in t} α_unit) / n_t.
    static func updatePeriodEffects(layout: TwoWayLayout, periodSums: [Double], alpha: [Double], k: Int) -> [Double] {
        let nu = layout.unitCount, nt = layout.periodCount
        let partials = Parallel.map(chunks: layout.chunks.count) { c -> [Double] in
            var acc = [Double](repeating: 0, count: nt * k)
            layout.rowPeriod.withUnsafeBufferPointer { rp in alpha.withUnsafeBufferPointer { a in
                for u in layout.chunks[c] {
                    for i in layout.unitStart[u]..<layout.unitStart[u + 1] {
                        let t = Int(rp[i])
                        for j in 0..<k { acc[j * nt + t] += a[j * nu + u] }
                    }
                }
            } }
            return acc
        }
        let total = sumInOrder(partials, count: nt * k)
        var gamma = [Double](repeating: 0, count: nt * k)
        for j in 0..<k {
            for t in 0..<nt { gamma[j * nt + t] = (periodSums[j * nt + t] - total[j * nt + t]) / layout.periodRows[t] }
        }
        return gamma
    }
}
