import SluiceCore

extension Parser {
    /// `name([DISTINCT|ALL] args [ORDER BY …]) [FILTER (WHERE …)] [IGNORE|RESPECT NULLS] [OVER (…)]`,
    /// with the current token at `(`; `count(*)` gets one `.star` argument.
    mutating func parseFunctionCall(name: QualifiedName) throws(SluiceError) -> Expression {
        let start = name.span.start
        let open = try expect(.leftParenthesis)
        var arguments: [Expression] = []
        var isDistinct = false
        var orderBy: [OrderByItem] = []
        if current.is(.star) && peek().is(.rightParenthesis) {
            let star = advance()
            arguments = [Expression(.star, span: star.span)]
        } else if !current.is(.rightParenthesis) {
            let next = peek()
            let quantifierFollows = !next.is(.comma) && !next.is(.rightParenthesis)
            if current.is(.distinct) {
                advance()
                isDistinct = true
            } else if current.is(.all) && quantifierFollows {
                advance()
            }
            repeat {
                arguments.append(try parseExpression())
            } while accept(.comma)
            if current.is(.order) {
                advance()
                try expect(.by)
                orderBy = try parseOrderByItems()
            }
        }
        try expectClosing(.rightParenthesis, opening: open)
        var filter: Expression?
        if current.is(.filter) && peek().is(.leftParenthesis) {
            advance()
            let filterOpen = advance()
            try expect(.where)
            filter = try parseExpression()
            try expectClosing(.rightParenthesis, opening: filterOpen)
        }
        var ignoresNulls = false
        if (current.is(.ignore) || current.is(.respect)) && peek().is(.nulls) {
            ignoresNulls = current.is(.ignore)
            advance()
            advance()
        }
        var window: WindowSpecification?
        if current.is(.over) {
            let over = advance()
            guard current.is(.leftParenthesis) else {
                if current.isName {
                    throw unsupported("Named windows (OVER \(current.text)) are not supported.", at: current.span.start,
                                      hint: "Write the window inline: OVER (PARTITION BY … ORDER BY …).")
                }
                throw expected("'('")
            }
            window = try parseWindowSpecification(start: over.span.start)
        }
        let call = FunctionCall(name: name, arguments: arguments, isDistinct: isDistinct, orderBy: orderBy, filter: filter,
                                window: window, ignoresNulls: ignoresNulls, span: span(from: start))
        return Expression(.function(call), span: call.span)
    }

    /// `([PARTITION BY …] [ORDER BY …] [ROWS|RANGE frame])`, at `(`.
    private mutating func parseWindowSpecification(start: Int) throws(SluiceError) -> WindowSpecification {
        let open = advance()
        if current.isName && !current.is(.partition) && !current.is(.order) && !current.is(.rows) && !current.is(.range)
            && !current.is(.groups) {
            throw unsupported("Named windows (OVER (\(current.text) …)) are not supported.", at: current.span.start,
                              hint: "Write the window inline: OVER (PARTITION BY … ORDER BY …).")
        }
        var partitionBy: [Expression] = []
        if current.is(.partition) {
            advance()
            try expect(.by)
            repeat { partitionBy.append(try parseExpression()) } while accept(.comma)
        }
        var orderBy: [OrderByItem] = []
        if current.is(.order) {
            advance()
            try expect(.by)
            orderBy = try parseOrderByItems()
        }
        var frame: WindowFrame?
        if current.is(.rows) || current.is(.range) || current.is(.groups) {
            frame = try parseWindowFrame()
        }
        try expectClosing(.rightParenthesis, opening: open)
        return WindowSpecification(partitionBy: partitionBy, orderBy: orderBy, frame: frame, span: span(from: start))
    }

    /// `ROWS|RANGE BETWEEN start AND end`, or `ROWS start` (ending at the current row).
    private mutating func parseWindowFrame() throws(SluiceError) -> WindowFrame {
        let unitToken = advance()
        guard !unitToken.is(.groups) else {
            throw unsupported("GROUPS window frames are not supported.", at: unitToken.span.start,
                              hint: "Use ROWS or RANGE frames.")
        }
        let unit: WindowFrame.Unit = unitToken.is(.rows) ? .rows : .range
        if accept(.between) {
            let startBound = try parseFrameBound()
            try expect(.and)
            let endBound = try parseFrameBound()
            return WindowFrame(unit: unit, start: startBound, end: endBound, span: span(from: unitToken.span.start))
        }
        let startBound = try parseFrameBound()
        return WindowFrame(unit: unit, start: startBound, end: .currentRow, span: span(from: unitToken.span.start))
    }

    private mutating func parseFrameBound() throws(SluiceError) -> FrameBound {
        if accept(.unbounded) {
            if accept(.preceding) { return .unboundedPreceding }
            if accept(.following) { return .unboundedFollowing }
            throw expected("PRECEDING or FOLLOWING")
        }
        if current.is(.current) && peek().is(.row) {
            advance()
            advance()
            return .currentRow
        }
        let offset = try parseBinary(Precedence.concatenate)
        if accept(.preceding) { return .preceding(offset) }
        if accept(.following) { return .following(offset) }
        throw expected("PRECEDING or FOLLOWING")
    }
}
