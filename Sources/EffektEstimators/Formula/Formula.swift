import Foundation

/// A model formula in R's notation, parsed: `treat ~ age + I(age^2) + educ + factor(stadsdel) + married:re74`.
///
/// Supported: `+` (add a term), `:` (interaction), `*` (`a*b` = `a + b + a:b`), `(a + b)^2`
/// (all interactions up to that order), `-1` / `+0`
/// (no intercept), `factor(x)` (treat x as categorical), `I(expr)` with `+ - * / ^`, numbers and
/// `log`, `exp`, `sqrt`, `abs` inside. Terms are ordered as R orders them: by interaction order,
/// then by first appearance.
public struct Formula: Sendable, Equatable, CustomStringConvertible {
    public var response: String?
    public var terms: [Term]
    public var hasIntercept: Bool

    /// One term: a product of factors (a single factor for main effects).
    /// Two terms are equal when they have the same factors in any order (`a:b` is `b:a`).
    public struct Term: Sendable, Equatable, Hashable {
        public var factors: [Factor]
        public var label: String { factors.map(\.label).joined(separator: ":") }

        public static func == (a: Term, b: Term) -> Bool { Set(a.factors) == Set(b.factors) }
        public func hash(into hasher: inout Hasher) { hasher.combine(Set(factors)) }
    }

    /// A variable as it enters a term.
    public indirect enum Factor: Sendable, Equatable, Hashable {
        /// A column, numeric or categorical according to the data.
        case variable(String)
        /// `factor(x)`: the column treated as categorical.
        case factor(String)
        /// `I(expr)`: an arithmetic expression of numeric columns.
        case expression(Expression)

        public var label: String {
            switch self {
            case let .variable(name): return name
            case let .factor(name): return "factor(\(name))"
            case let .expression(e): return "I(\(e.text))"
            }
        }
    }

    public var description: String {
        let rhs = terms.isEmpty ? (hasIntercept ? "1" : "0") : terms.map(\.label).joined(separator: " + ") + (hasIntercept ? "" : " - 1")
        return (response.map { "\($0) ~ " } ?? "~ ") + rhs
    }

    /// Variables the formula reads, response first.
    public var variables: [String] {
        var seen: [String] = []
        func add(_ name: String) { if !seen.contains(name) { seen.append(name) } }
        if let response { add(response) }
        for term in terms {
            for factor in term.factors {
                switch factor {
                case let .variable(n), let .factor(n): add(n)
                case let .expression(e): e.variables.forEach(add)
                }
            }
        }
        return seen
    }
}

/// Arithmetic inside `I(…)`.
public indirect enum Expression: Sendable, Equatable, Hashable {
    case number(Double)
    case variable(String)
    case unary(String, Expression)              // "-" or a function name
    case binary(Character, Expression, Expression)

    /// The text as R deparses it: spaces around `+`, `-` and `*`, none around `/` and `^`
    /// (`I(log(re74 + 1))`, `I(re75/1000)`, `I(age^2)`), so column names match `model.matrix`.
    public var text: String {
        switch self {
        case let .number(v): return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
        case let .variable(n): return n
        case let .unary("-", e): return "-\(e.text)"
        case let .unary(f, e): return "\(f)(\(e.text))"
        case let .binary(op, a, b):
            let wrap = { (e: Expression) -> String in
                if case .binary = e { return "(\(e.text))" }
                return e.text
            }
            let left = op == "^" || op == "/" || op == "*" ? wrap(a) : a.text
            let right = op == "+" ? b.text : wrap(b)
            return op == "/" || op == "^" ? "\(left)\(op)\(right)" : "\(left) \(op) \(right)"
        }
    }

    public var variables: [String] {
        switch self {
        case .number: return []
        case let .variable(n): return [n]
        case let .unary(_, e): return e.variables
        case let .binary(_, a, b): return a.variables + b.variables.filter { !a.variables.contains($0) }
        }
    }

    /// Evaluates for rows `range` into `out` (one value per row), taking each variable's values
    /// from `column` (indexed by row).
    public func evaluate(_ range: Range<Int>, column: (String) -> [Double], into out: UnsafeMutableBufferPointer<Double>) {
        switch self {
        case let .number(v):
            out.update(repeating: v)
        case let .variable(n):
            column(n).withUnsafeBufferPointer { values in
                for k in out.indices { out[k] = values[range.lowerBound + k] }
            }
        case let .unary(f, e):
            e.evaluate(range, column: column, into: out)
            switch f {
            case "-": for k in out.indices { out[k] = -out[k] }
            case "log": for k in out.indices { out[k] = log(out[k]) }
            case "exp": for k in out.indices { out[k] = exp(out[k]) }
            case "sqrt": for k in out.indices { out[k] = out[k].squareRoot() }
            default: for k in out.indices { out[k] = abs(out[k]) }
            }
        case let .binary(op, a, b):
            a.evaluate(range, column: column, into: out)
            let right = UnsafeMutableBufferPointer<Double>.allocate(capacity: out.count)
            defer { right.deallocate() }
            b.evaluate(range, column: column, into: right)
            switch op {
            case "+": for k in out.indices { out[k] += right[k] }
            case "-": for k in out.indices { out[k] -= right[k] }
            case "*": for k in out.indices { out[k] *= right[k] }
            case "/": for k in out.indices { out[k] /= right[k] }
            default: for k in out.indices { out[k] = pow(out[k], right[k]) }
            }
        }
    }
}
