import SluiceCore

/// Operator precedence, loosest first (Trino's): OR, AND, NOT, comparisons and predicates
/// (BETWEEN, IN, LIKE, IS), `||`, `+ -`, `* / %`, unary `+ -`, then postfix `[ ]`, `.`, `::`,
/// `AT TIME ZONE`.
enum Precedence {
    static let or = 1
    static let and = 2
    static let not = 3
    static let predicate = 4
    static let concatenate = 5
    static let additive = 6
    static let multiplicative = 7
    static let unary = 8
    static let postfix = 9
}

extension Parser {
    /// A whole scalar expression.
    mutating func parseExpression() throws(SluiceError) -> Expression {
        try enter()
        defer { leave() }
        return try parseBinary(Precedence.or)
    }

    /// An expression whose operators all bind at least as tightly as `minimum` (precedence climbing).
    ///
    /// Chains of AND, OR and `||` (associative, and thousands of terms long in generated SQL)
    /// become balanced trees, so their depth grows with the logarithm of their length; every
    /// other operator in a left-deep chain counts one level towards ``Parser/maximumDepth``.
    mutating func parseBinary(_ minimum: Int) throws(SluiceError) -> Expression {
        var left = try parsePrefix()
        var chain: [Expression] = []
        var chainOperation = BinaryOperator.and
        var levels = 0
        defer { depth -= levels }
        while true {
            if let (operation, precedence) = binaryOperator(current) {
                guard precedence >= minimum else { break }
                advance()
                if precedence == Precedence.predicate { try refuseQuantifiedComparison() }
                let right = try parseBinary(precedence + 1)
                if operation.isAssociative {
                    if chain.isEmpty || chainOperation != operation {
                        left = Parser.balanced(chain, chainOperation) ?? left
                        chain = [left]
                        chainOperation = operation
                    }
                    chain.append(right)
                } else {
                    left = Parser.balanced(chain, chainOperation) ?? left
                    chain = []
                    try enter()
                    levels += 1
                    left = Expression(.binary(operation, left, right), span: left.span.union(right.span))
                }
                continue
            }
            guard Precedence.predicate >= minimum, current.is(.not) || current.is(.between) || current.is(.in)
                || current.is(.like) || current.is(.is) else { break }
            let operand = Parser.balanced(chain, chainOperation) ?? left
            chain = []
            guard let predicate = try parsePredicate(after: operand) else {
                left = operand
                break
            }
            try enter()
            levels += 1
            left = predicate
        }
        return Parser.balanced(chain, chainOperation) ?? left
    }

    /// `operands` joined by `operation` as a balanced tree (left-leaning where uneven); nil when empty.
    private static func balanced(_ operands: [Expression], _ operation: BinaryOperator) -> Expression? {
        guard !operands.isEmpty else { return nil }
        return balanced(operands[...], operation)
    }

    private static func balanced(_ operands: ArraySlice<Expression>, _ operation: BinaryOperator) -> Expression {
        guard operands.count > 1, let first = operands.first else { return operands[operands.startIndex] }
        if operands.count == 2, let last = operands.last {
            return Expression(.binary(operation, first, last), span: first.span.union(last.span))
        }
        let middle = operands.startIndex + (operands.count + 1) / 2
        let left = balanced(operands[..<middle], operation)
        let right = balanced(operands[middle...], operation)
        return Expression(.binary(operation, left, right), span: left.span.union(right.span))
    }

    /// The binary operator at `token` and its precedence.
    private func binaryOperator(_ token: Token) -> (BinaryOperator, Int)? {
        switch token.kind {
        case .word:
            if token.keyword == .or { return (.or, Precedence.or) }
            if token.keyword == .and { return (.and, Precedence.and) }
            return nil
        case .symbol(let symbol):
            switch symbol {
            case .equal: return (.equal, Precedence.predicate)
            case .notEqual, .bangEqual: return (.notEqual, Precedence.predicate)
            case .less: return (.less, Precedence.predicate)
            case .lessOrEqual: return (.lessOrEqual, Precedence.predicate)
            case .greater: return (.greater, Precedence.predicate)
            case .greaterOrEqual: return (.greaterOrEqual, Precedence.predicate)
            case .concatenate: return (.concatenate, Precedence.concatenate)
            case .plus: return (.add, Precedence.additive)
            case .minus: return (.subtract, Precedence.additive)
            case .star: return (.multiply, Precedence.multiplicative)
            case .slash: return (.divide, Precedence.multiplicative)
            case .percent: return (.modulo, Precedence.multiplicative)
            default: return nil
            }
        default:
            return nil
        }
    }

    private func refuseQuantifiedComparison() throws(SluiceError) {
        let token = current
        if (token.is(.any) || token.is(.some) || token.is(.all)) && peek().is(.leftParenthesis) {
            throw unsupported("Comparisons with \(token.text.uppercased()) (subquery) are not supported.",
                              at: token.span.start, hint: "Use IN (SELECT …), EXISTS (SELECT …), or compare with min() or max() of the subquery.")
        }
    }

    /// `NOT x`, `-x`, `+x`, or a postfix expression.
    private mutating func parsePrefix() throws(SluiceError) -> Expression {
        let token = current
        let operation: UnaryOperator
        let operandPrecedence: Int
        if token.is(.not) {
            (operation, operandPrecedence) = (.not, Precedence.not)
        } else if token.is(.minus) {
            (operation, operandPrecedence) = (.minus, Precedence.unary)
        } else if token.is(.plus) {
            (operation, operandPrecedence) = (.plus, Precedence.unary)
        } else {
            return try parsePostfix()
        }
        advance()
        try enter()
        defer { leave() }
        let operand = try parseBinary(operandPrecedence)
        return Expression(.unary(operation, operand), span: span(from: token.span.start))
    }

    /// `[NOT] BETWEEN`, `[NOT] IN`, `[NOT] LIKE`, `IS [NOT] NULL|DISTINCT FROM` after `left`; nil if none follows.
    private mutating func parsePredicate(after left: Expression) throws(SluiceError) -> Expression? {
        let start = left.span.start
        var isNegated = false
        if current.is(.not) {
            let next = peek()
            guard next.is(.between) || next.is(.in) || next.is(.like) else { return nil }
            advance()
            isNegated = true
        }
        if accept(.between) {
            let low = try parseBinary(Precedence.concatenate)
            try expect(.and)
            let high = try parseBinary(Precedence.concatenate)
            return Expression(.between(left, low: low, high: high, isNegated: isNegated), span: span(from: start))
        }
        if current.is(.in) {
            advance()
            return try parseInPredicate(left, isNegated: isNegated, start: start)
        }
        if accept(.like) {
            let pattern = try parseBinary(Precedence.concatenate)
            let escape = accept(.escape) ? try parseBinary(Precedence.concatenate) : nil
            return Expression(.like(left, pattern: pattern, escape: escape, isNegated: isNegated), span: span(from: start))
        }
        guard current.is(.is) else { return nil }
        advance()
        let isNot = accept(.not)
        if accept(.null) {
            return Expression(.isNull(left, isNegated: isNot), span: span(from: start))
        }
        if accept(.distinct) {
            try expect(.from)
            let right = try parseBinary(Precedence.concatenate)
            return Expression(.isDistinctFrom(left, right, isNegated: isNot), span: span(from: start))
        }
        if current.is(.true) || current.is(.false) {
            // x IS TRUE means x IS NOT DISTINCT FROM TRUE (false for NULL).
            let token = advance()
            let literal = Expression(.literal(.boolean(token.is(.true))), span: token.span)
            return Expression(.isDistinctFrom(left, literal, isNegated: !isNot), span: span(from: start))
        }
        throw expected(isNot ? "NULL or DISTINCT FROM" : "NULL, NOT NULL or DISTINCT FROM")
    }

    /// `IN (a, b)` or `IN (SELECT …)`, after IN.
    private mutating func parseInPredicate(_ value: Expression, isNegated: Bool, start: Int) throws(SluiceError) -> Expression {
        let open = current
        guard open.is(.leftParenthesis) else { throw expected("'('") }
        if let query = try parseParenthesizedQueryIfAny() {
            return Expression(.inSubquery(value, query, isNegated: isNegated), span: span(from: start))
        }
        advance()
        var items = [try parseExpression()]
        while accept(.comma) { items.append(try parseExpression()) }
        try expectClosing(.rightParenthesis, opening: open)
        return Expression(.inList(value, items, isNegated: isNegated), span: span(from: start))
    }

    /// At `(`: reads `(query)` when the parentheses hold a query and returns it; otherwise
    /// returns nil with nothing consumed. `((…` is tried as a query and given up quietly.
    mutating func parseParenthesizedQueryIfAny() throws(SluiceError) -> Query? {
        let open = current
        let next = peek()
        if next.is(.select) || next.is(.with) || next.is(.values) || next.is(.table) {
            advance()
            let query = try parseQuery()
            try expectClosing(.rightParenthesis, opening: open)
            return query
        }
        guard next.is(.leftParenthesis), parenthesesLeadToQuery() else { return nil }
        let saved = self
        do {
            advance()
            let query = try parseQuery()
            try expectClosing(.rightParenthesis, opening: open)
            return query
        } catch {
            self = saved
            return nil
        }
    }

    /// True when the run of `(` starting at the current token ends at SELECT, WITH, VALUES or
    /// TABLE: only then is reading the parentheses as a query worth trying.
    func parenthesesLeadToQuery() -> Bool {
        var offset = 0
        while peek(offset).is(.leftParenthesis) { offset += 1 }
        let token = peek(offset)
        return token.is(.select) || token.is(.with) || token.is(.values) || token.is(.table)
    }

    /// A primary expression followed by `[index]`, `.field`, `::type` or `AT TIME ZONE zone`.
    private mutating func parsePostfix() throws(SluiceError) -> Expression {
        var expression = try parsePrimary()
        let start = expression.span.start
        while true {
            let token = current
            if token.is(.leftBracket) {
                advance()
                let index = try parseExpression()
                try expectClosing(.rightBracket, opening: token)
                expression = Expression(.element(expression, index: index), span: span(from: start))
            } else if token.is(.dot) {
                advance()
                if current.is(.star) {
                    throw error("'.*' is allowed only in the select list (SELECT t.* …).", at: current.span.start)
                }
                let field = try parseFieldName()
                expression = Expression(.dereference(expression, field), span: span(from: start))
            } else if token.is(.doubleColon) {
                advance()
                let type = try parseType()
                expression = Expression(.cast(expression, to: type, isTry: false), span: span(from: start))
            } else if token.is(.at) && peek().is(.time) && peek(2).is(.zone) {
                advance()
                advance()
                advance()
                let zone = try parsePrimary()
                let name = QualifiedName([Identifier("at_timezone", span: token.span)], span: token.span)
                let call = FunctionCall(name: name, arguments: [expression, zone], span: span(from: start))
                expression = Expression(.function(call), span: call.span)
            } else {
                return expression
            }
        }
    }
}

extension BinaryOperator {
    /// AND, OR and `||` give the same result however a chain of them is grouped.
    var isAssociative: Bool { self == .and || self == .or || self == .concatenate }
}
