/// Maps data rows to the 1-based physical lines of the file they start on, compactly.
///
/// Row `r` starts on line `firstLine + r + shift(r)`, where the shift grows by one for every
/// newline inside a quoted field and every skipped empty line before the row. Only the rows
/// where the shift changes are stored, so a file with one record per line costs nothing.
struct RowLines: Sendable, Equatable {
    /// The line of row 0 when nothing is skipped before it.
    let firstLine: Int
    private var changeRows: [Int] = []
    private var shifts: [Int] = []

    init(firstLine: Int) { self.firstLine = firstLine }

    /// Notes that row `row` starts on `line`. Rows must be noted in increasing order.
    @inline(__always)
    mutating func note(row: Int, line: Int) {
        let shift = line &- firstLine &- row                 // both bounded by the input's length
        if shift != (shifts.last ?? 0) { record(row: row, shift: shift) }
    }

    private mutating func record(row: Int, shift: Int) {
        changeRows.append(row)
        shifts.append(shift)
    }

    /// The line row `row` starts on.
    func line(ofRow row: Int) -> Int {
        var low = 0, high = changeRows.count       // first change after `row`
        while low < high {
            let mid = (low + high) / 2
            if changeRows[mid] <= row { low = mid + 1 } else { high = mid }
        }
        return firstLine + row + (low == 0 ? 0 : shifts[low - 1])
    }

    /// Appends `part`, whose rows start at `rowOffset` here and whose lines are counted from
    /// `lineOffset` (the part's line 0 is line `lineOffset` here).
    mutating func append(_ part: RowLines, rows: Int, rowOffset: Int, lineOffset: Int) {
        guard rows > 0 else { return }
        note(row: rowOffset, line: lineOffset + part.line(ofRow: 0))
        for (row, shift) in zip(part.changeRows, part.shifts) {
            note(row: rowOffset + row, line: lineOffset + part.firstLine + row + shift)
        }
    }
}
