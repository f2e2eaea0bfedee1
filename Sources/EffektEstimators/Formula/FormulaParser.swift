extension Formula {
    /// Parses R formula text. Errors say what was expected and at which character.
    public init(parsing text: String) throws {
        var parser = FormulaParser(text)
        self = try parser.parseFormula()
    }
}

/// Recursive-descent parser for the subset of R's formula language described on `Formula`.
struct FormulaParser {
    enum Token: Equatable {
        case name(String), number(Double), symbol(Character), end
    }

    private let text: String
    private var tokens: [(token: Token, position: Int)] = []
    private var index = 0

    init(_ text: String) { self.text = text }

    private func error(_ message: String, at position: Int) -> EstimationError {
        EstimationError("formula \"\(text)\": \(message) at character \(position + 1)")
    }

    private mutating func tokenize() throws {
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            if c.isLetter || c == "_" || (c == "." && i + 1 < chars.count && !chars[i + 1].isNumber) {
                let start = i
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "." { i += 1 }
                tokens.append((.name(String(chars[start..<i])), start))
            } else if c == "`" {
                let start = i
                i += 1
                while i < chars.count, chars[i] != "`" { i += 1 }
                guard i < chars.count else { throw error("unterminated `quoted name`", at: start) }
                tokens.append((.name(String(chars[(start + 1)..<i])), start))
                i += 1
            } else if c.isNumber || c == "." {
                let start = i
                while i < chars.count, chars[i].isNumber || chars[i] == "." || chars[i] == "e" || chars[i] == "E"
                    || ((chars[i] == "-" || chars[i] == "+") && (chars[i - 1] == "e" || chars[i - 1] == "E")) { i += 1 }
                guard let v = Double(String(chars[start..<i])) else { throw error("malformed number", at: start) }
                tokens.append((.number(v), start))
            } else if "~+-*/^:(),".contains(c) {
                tokens.append((.symbol(c), i))
                i += 1
            } else {
                throw error("unexpected character '\(c)'", at: i)
            }
        }
        tokens.append((.end, chars.count))
    }

    private var current: Token { tokens[index].token }
    private var position: Int { tokens[index].position }
    private mutating func advance() { index += 1 }

    private mutating func expect(_ symbol: Character) throws {
        guard current == .symbol(symbol) else { throw error("expected '\(symbol)'", at: position) }
        advance()
    }

    mutating func parseFormula() throws -> Formula {
        try tokenize()
        var response: String?
        if case let .name(n) = current, tokens.count > 1, tokens[1].token == .symbol("~") {
            response = n
            advance()
        }
        try expect("~")
        var intercept = true
        let terms = try parseSum(intercept: &intercept)
        guard current == .end else { throw error("unexpected text", at: position) }
        var unique: [Formula.Term] = []
        for t in terms where !unique.contains(t) { unique.append(t) }
        let ordered = unique.enumerated().sorted { ($0.element.factors.count, $0.offset) < ($1.element.factors.count, $1.offset) }.map(\.element)
        return Formula(response: response, terms: ordered, hasIntercept: intercept)
    }

    /// sum := ['-'] product (('+' | '-') product)*, with `1`/`0` toggling the intercept.
    private mutating func parseSum(intercept: inout Bool) throws -> [Formula.Term] {
        var terms: [Formula.Term] = []
        var sign: Character = "+"
        if current == .symbol("-") { sign = "-"; advance() }
        while true {
            if case let .number(v) = current, v == 0 || v == 1 {
                advance()
                intercept = (v == 1) == (sign == "+")
            } else {
                let product = try parseProduct()
                if sign == "+" { terms += product } else { terms.removeAll { product.contains($0) } }
            }
            if current == .symbol("+") { sign = "+"; advance() } else if current == .symbol("-") { sign = "-"; advance() } else { break }
        }
        return terms
    }

    /// product := interaction ('*' interaction)*; `a*b` expands to a + b + a:b.
    private mutating func parseProduct() throws -> [Formula.Term] {
        var terms = try parseInteraction()
        while current == .symbol("*") {
            advance()
            let right = try parseInteraction()
            terms = terms + right + Self.interact(terms, right)
        }
        return terms
    }

    /// interaction := power (':' power)*.
    private mutating func parseInteraction() throws -> [Formula.Term] {
        var terms = try parseTermPower()
        while current == .symbol(":") {
            advance()
            terms = Self.interact(terms, try parseTermPower())
        }
        return terms
    }

    /// power := atom ('^' n)?: the terms and all their interactions up to order n.
    private mutating func parseTermPower() throws -> [Formula.Term] {
        let base = try parseAtom()
        guard current == .symbol("^") else { return base }
        advance()
        guard case let .number(v) = current, v >= 1, v == v.rounded() else { throw error("expected a whole number after '^'", at: position) }
        advance()
        var terms = base
        var order = base
        for _ in 1..<Int(v) {
            order = Self.interact(order, base).filter { $0.factors.count > order.first!.factors.count || order.isEmpty }
            terms += order.filter { !terms.contains($0) }
        }
        return terms
    }

    static func interact(_ a: [Formula.Term], _ b: [Formula.Term]) -> [Formula.Term] {
        a.flatMap { x in b.map { y in Formula.Term(factors: x.factors + y.factors.filter { !x.factors.contains($0) }) } }
    }

    private mutating func parseAtom() throws -> [Formula.Term] {
        let at = position
        switch current {
        case .symbol("("):
            advance()
            var ignored = true
            let inner = try parseSum(intercept: &ignored)
            try expect(")")
            return inner
        case let .name(name):
            advance()
            guard current == .symbol("(") else { return [Formula.Term(factors: [.variable(name)])] }
            advance()
            switch name {
            case "factor", "as.factor":
                guard case let .name(variable) = current else { throw error("factor() takes a variable name", at: position) }
                advance()
                try expect(")")
                return [Formula.Term(factors: [.factor(variable)])]
            case "I":
                let e = try parseExpression()
                try expect(")")
                return [Formula.Term(factors: [.expression(e)])]
            default:
                throw error("unknown function '\(name)' (use factor(x) or I(expression))", at: at)
            }
        default:
            throw error("expected a variable, factor(…), I(…) or (…)", at: at)
        }
    }

    // Arithmetic inside I(): expr := term (('+'|'-') term)*; term := power (('*'|'/') power)*;
    // power := unary ('^' power)?; unary := '-' unary | primary.
    private mutating func parseExpression() throws -> Expression {
        var left = try parseMultiplicative()
        while case let .symbol(op) = current, op == "+" || op == "-" {
            advance()
            left = .binary(op, left, try parseMultiplicative())
        }
        return left
    }

    private mutating func parseMultiplicative() throws -> Expression {
        var left = try parsePower()
        while case let .symbol(op) = current, op == "*" || op == "/" {
            advance()
            left = .binary(op, left, try parsePower())
        }
        return left
    }

    private mutating func parsePower() throws -> Expression {
        let base = try parseUnary()
        if current == .symbol("^") {
            advance()
            return .binary("^", base, try parsePower())
        }
        return base
    }

    private mutating func parseUnary() throws -> Expression {
        if current == .symbol("-") {
            advance()
            return .unary("-", try parseUnary())
        }
        let at = position
        switch current {
        case let .number(v):
            advance()
            return .number(v)
        case .symbol("("):
            advance()
            let e = try parseExpression()
            try expect(")")
            return e
        case let .name(name):
            advance()
            guard current == .symbol("(") else { return .variable(name) }
            guard ["log", "exp", "sqrt", "abs"].contains(name) else {
                throw error("unknown function '\(name)' inside I() (log, exp, sqrt and abs are supported)", at: at)
            }
            advance()
            let e = try parseExpression()
            try expect(")")
            return .unary(name, e)
        default:
            throw error("expected a number, a variable or (…)", at: at)
        }
    }
}
