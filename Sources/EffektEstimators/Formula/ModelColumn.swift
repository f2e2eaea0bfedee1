import Foundation

/// One column of a model matrix: the product of its factors' codings over the rows used, the
/// first factor first (as R multiplies them); no factors is the intercept. Written block by block
/// straight into the matrix storage.
struct ModelColumn: Sendable {
    /// How one factor enters the column, indexed by the rows used.
    enum Coding: Sendable {
        /// A numeric variable as it is.
        case numeric([Double])
        /// `I(expr)` of numeric variables.
        case expression(Expression, variables: [String: [Double]])
        /// `value[code]` of each row's category code: 1 for this column's level, else 0.
        case indicator(codes: [Int32], value: [Double])
    }

    var name: String
    /// The formula term (−1 for the intercept).
    var term: Int
    var factors: [Coding]

    /// Whether the column is a product of indicators (or the intercept): finite and 0/1 by construction.
    var isIndicator: Bool {
        factors.allSatisfy { if case .indicator = $0 { true } else { false } }
    }

    /// Writes rows `range` into `out`; `scratch` holds as many values (for products).
    func write(_ range: Range<Int>, into out: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) {
        guard let first = factors.first else { out.update(repeating: 1); return }
        Self.write(first, range, into: out)
        for factor in factors.dropFirst() {
            Self.write(factor, range, into: scratch)
            for k in out.indices { out[k] *= scratch[k] }
        }
    }

    private static func write(_ coding: Coding, _ range: Range<Int>, into out: UnsafeMutableBufferPointer<Double>) {
        switch coding {
        case let .numeric(values):
            values.withUnsafeBufferPointer { v in
                for k in out.indices { out[k] = v[range.lowerBound + k] }
            }
        case let .expression(e, variables):
            e.evaluate(range, column: { variables[$0]! }, into: out)
        case let .indicator(codes, value):
            codes.withUnsafeBufferPointer { c in
                value.withUnsafeBufferPointer { v in
                    for k in out.indices { out[k] = v[Int(c[range.lowerBound + k])] }
                }
            }
        }
    }
}
