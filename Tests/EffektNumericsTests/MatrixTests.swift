import Testing
@testable import EffektNumerics

@Suite struct MatrixTests {
    @Test func columnMajorLayout() {
        let m = Matrix(rowMajor: [[1, 2, 3], [4, 5, 6]])
        #expect(m.storage == [1, 4, 2, 5, 3, 6])
        #expect(m[1, 2] == 6)
        #expect(m.transposed.storage == [1, 2, 3, 4, 5, 6])
        #expect(m.selectingColumns([2, 0]).storage == [3, 6, 1, 4])
        #expect(m.selectingRows([1]).storage == [4, 5, 6])
    }

    @Test func firstNonFiniteIsLocated() {
        var m = Matrix(rows: 3, columns: 2)
        #expect(m.firstNonFinite() == nil)
        m[2, 1] = .nan
        #expect(m.firstNonFinite()! == (row: 2, column: 1))
    }
}
