import EffektNumerics
import EffektTestSupport
import Testing

/// Cholesky and the pivoted QR checked against mathematical identities.
@Suite struct FactorizationTests {
    let spd = Matrix(rowMajor: [[4, 2, 0.6], [2, 5, 1.5], [0.6, 1.5, 3]])

    @Test func choleskySolvesAndInverts() throws {
        let c = try Cholesky(spd)
        let x = c.solve([1, 2, 3])
        let back = spd.multiplied(by: x)
        for (a, b) in zip(back, [1.0, 2, 3]) { #expect(abs(a - b) < 1e-14) }
        let product = spd.multiplied(by: try c.inverse())
        for i in 0..<3 { for j in 0..<3 { #expect(abs(product[i, j] - (i == j ? 1 : 0)) < 1e-14) } }
        // UᵀU reproduces A.
        let u = c.factor
        let a = u.multiplied(by: u, transposeSelf: true)
        for k in 0..<9 { #expect(abs(a.storage[k] - spd.storage[k]) < 1e-14) }
    }

    @Test func qrSolvesLeastSquaresLikeTheNormalEquations() throws {
        let x = Matrix(columns: [[1, 1, 1, 1, 1, 1], [1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5]])
        let y: [Double] = [1.5, 2.1, 3.9, 4.2, 6.1, 5.8]
        let qr = PivotedQR(x)
        #expect(qr.rank == 3)
        let beta = qr.solve(y)
        let normal = try Cholesky(x.crossProduct).solve(x.multiplied(by: y, transposeSelf: true))
        for (a, b) in zip(beta, normal) { #expect(relativeError(a, b) < 1e-12) }
        // (RᵀR)⁻¹ = (XᵀX)⁻¹.
        let v = try qr.unscaledCovariance(), w = try Cholesky(x.crossProduct).inverse()
        for k in 0..<9 { #expect(relativeError(v.storage[k], w.storage[k]) < 1e-11) }
    }

    @Test func dependentColumnsAreFoundInOrder() {
        // Column 2 = 2·col0 − col1; column 4 duplicates column 3.
        let c0: [Double] = [1, 1, 1, 1, 1, 1], c1: [Double] = [1, 3, 2, 5, 4, 6], c3: [Double] = [0, 1, 0, 1, 1, 0]
        let x = Matrix(columns: [c0, c1, zip(c0, c1).map { 2 * $0 - $1 }, c3, c3])
        let qr = PivotedQR(x)
        #expect(qr.keptColumns == [0, 1, 3])
        #expect(qr.aliasedColumns == [2, 4])
        #expect(Cholesky.independentColumns(gram: x.crossProduct) == [0, 1, 3])
    }
}
