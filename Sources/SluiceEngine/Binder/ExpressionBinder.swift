import SluiceCore
import SluiceSQL

extension Binder {
    /// Binds a scalar expression in a context.
    func bindExpression(_ expression: Expression, _ context: ExpressionContext) throws(SluiceError) -> BoundExpression {
        if let mapped = try mappedAfterAggregation(expression, context) { return mapped }
        let span = expression.span
        switch expression.kind {
        case .identifier(let identifier):
            return try resolveColumn(identifier.value, qualifier: nil, span: span, context)
        case .dereference:
            return try bindDereference(expression, context)
        case .literal(let literal):
            return try bindLiteral(literal, span: span)
        case .unary(let op, let operand):
            return try bindUnary(op, operand, span: span, context)
        case .binary(let op, let left, let right):
            return try bindBinary(op, left, right, expression: expression, context)
        case .function(let call):
            return try bindFunction(call, expression: expression, context)
        case .cast(let input, let type, let isTry):
            let bound = try bindExpression(input, context)
            if case .literal(.null, _) = bound { return .literal(.null, type) }
            guard FunctionRegistry.canCast(from: bound.type, to: type) else {
                throw errors.make("query.badCast", "Cannot cast \(bound.type) to \(type) in `\(expression.sqlText)`.", at: span,
                                  hint: "Cast through a type both convert to, e.g. CAST(CAST(x AS varchar) AS \(type)).")
            }
            return bound.type == type ? bound : .cast(bound, to: type, isTry: isTry)
        case .caseWhen(let operand, let whens, let elseResult):
            return try bindCase(operand: operand, whens: whens, elseResult: elseResult, expression: expression, context)
        case .between(let input, let low, let high, let isNegated):
            let value = try bindExpression(input, context)
            let lower = try bindComparison(">=", value, try bindExpression(low, context), expression: expression)
            let upper = try bindComparison("<=", value, try bindExpression(high, context), expression: expression)
            let both = BoundExpression.and([lower, upper])
            return isNegated ? .not(both) : both
        case .inList(let input, let items, let isNegated):
            let value = try bindExpression(input, context)
            let list = try items.map { item throws(SluiceError) in try bindExpression(item, context) }
            return try makeInList(value, list, isNegated: isNegated, expression: expression)
        case .inSubquery(let input, let query, let isNegated):
            let value = try bindExpression(input, context)
            let list = try subqueryValues(query, context: context, span: span)
            return try makeInList(value, list, isNegated: isNegated, expression: expression)
        case .exists(let query):
            return try existsValue(query, context: context, span: span)
        case .scalarSubquery(let query):
            return try scalarSubqueryValue(query, context: context, span: span)
        case .like(let input, let pattern, let escape, let isNegated):
            let value = try bindExpression(input, context)
            let boundPattern = try bindExpression(pattern, context)
            let boundEscape = try escape.map { item throws(SluiceError) in try bindExpression(item, context) }
            for (part, name) in [(value, "value"), (boundPattern, "pattern")] where !isStringOrNull(part) {
                throw errors.make("query.typeMismatch", "LIKE needs a string \(name), but `\(expression.sqlText)` has \(part.type).",
                                  at: span, hint: "CAST the \(name) to varchar.")
            }
            return .like(retyped(value, .string), pattern: retyped(boundPattern, .string),
                         escape: boundEscape.map { retyped($0, .string) }, isNegated: isNegated)
        case .isNull(let input, let isNegated):
            return .isNull(try bindExpression(input, context), isNegated: isNegated)
        case .isDistinctFrom(let left, let right, let isNegated):
            let call = try bindCall("is_distinct_from", [try bindExpression(left, context), try bindExpression(right, context)],
                                    expression: expression)
            return isNegated ? .not(call) : call
        case .element(let base, let index):
            return try bindCall("[]", [try bindExpression(base, context), try bindExpression(index, context)], expression: expression)
        case .array(let items) where items.isEmpty:
            return .literal(.list([]), .list(.string))
        case .array(let items):
            let bound = try items.map { item throws(SluiceError) in try bindExpression(item, context) }
            let type = try commonType(of: bound, what: "ARRAY elements", at: span)
            return try bindCall("array_constructor", bound.map { coerce($0, to: type) }, expression: expression)
        case .row(let items):
            let bound = try items.map { item throws(SluiceError) in try bindExpression(item, context) }
            return try bindCall("row_constructor", bound, expression: expression)
        case .extract(let field, let input):
            let name = Binder.extractFunctions[field.value.lowercased()]
            guard let name else {
                throw errors.make("query.badExtract", "EXTRACT cannot take '\(field.value)'.", at: field.span,
                                  hint: "Use one of \(Binder.extractFunctions.keys.sorted().joined(separator: ", ")).")
            }
            return try bindCall(name, [try bindExpression(input, context)], expression: expression)
        case .interval:
            throw errors.make("query.badInterval", "An interval can only be added to or subtracted from a date or timestamp.",
                              at: span, hint: "Write order_ts + INTERVAL '1' DAY, or use date_add('day', 1, order_ts).")
        case .star:
            throw errors.make("query.badStar", "* is only allowed in SELECT * and count(*).", at: span)
        }
    }

    /// `EXTRACT(field FROM x)` fields and the functions that compute them.
    static let extractFunctions: [String: String] = [
        "year": "year", "quarter": "quarter", "month": "month", "week": "week", "day": "day",
        "day_of_month": "day", "dow": "day_of_week", "day_of_week": "day_of_week", "doy": "day_of_year",
        "day_of_year": "day_of_year", "hour": "hour", "minute": "minute", "second": "second",
        "millisecond": "millisecond", "year_of_week": "year_of_week", "yow": "year_of_week",
    ]

    // MARK: - Names

    /// A column by name, from the context's scope (through the aggregation mapping when the
    /// query aggregates), else the enclosing query's scope (a correlated reference).
    func resolveColumn(_ name: String, qualifier: String?, span: SourceSpan, _ context: ExpressionContext) throws(SluiceError) -> BoundExpression {
        let scope = context.aggregation?.preScope ?? context.scope
        let matches = scope.matches(name: name, qualifier: qualifier)
        if matches.count > 1 { throw errors.ambiguousColumn(name, candidates: matches, at: span) }
        if let column = matches.first {
            let bound = BoundExpression.column(index: column.index, type: column.type, name: column.name)
            guard let aggregation = context.aggregation else { return bound }
            if let key = aggregation.keys[bound.fingerprint] { return key }
            let shown = qualifier.map { "\($0).\(name)" } ?? name
            throw errors.make(
                "query.notGrouped", "Column '\(shown)' must appear in GROUP BY or be used in an aggregate function.",
                at: span, hint: "Add \(shown) to GROUP BY, or aggregate it, e.g. max(\(shown)) or arbitrary(\(shown)).")
        }
        if let outer = context.outer, !outer.matches(name: name, qualifier: qualifier).isEmpty {
            throw errors.make(correlatedReferenceCode, "A subquery refers to '\(name)' of the enclosing query.", at: span,
                              hint: "Correlated subqueries are supported as EXISTS / IN conditions in WHERE with equality "
                                  + "conditions between the subquery and the outer query.")
        }
        throw errors.unknownColumn(name, qualifier: qualifier, scope: scope, at: span)
    }

    /// `a.b.c`: a qualified column and struct fields, or a column's struct fields.
    private func bindDereference(_ expression: Expression, _ context: ExpressionContext) throws(SluiceError) -> BoundExpression {
        guard case .dereference(let base, let field) = expression.kind else { preconditionFailure("not a dereference") }
        if let chain = Binder.nameChain(expression), chain.count >= 2 {
            let scope = context.aggregation?.preScope ?? context.scope
            let qualified = scope.hasQualifier(chain[0].value)
                && !scope.matches(name: chain[1].value, qualifier: chain[0].value).isEmpty
            var bound: BoundExpression
            var rest: ArraySlice<Identifier>
            if qualified {
                bound = try resolveColumn(chain[1].value, qualifier: chain[0].value, span: chain[0].span.union(chain[1].span), context)
                rest = chain[2...]
            } else if scope.matches(name: chain[0].value, qualifier: nil).isEmpty {
                if let outer = context.outer, !outer.matches(name: chain[1].value, qualifier: chain[0].value).isEmpty {
                    throw errors.make(correlatedReferenceCode, "A subquery refers to '\(chain[0].value).\(chain[1].value)' of the enclosing query.",
                                      at: expression.span)
                }
                throw errors.unknownColumn(chain[1].value, qualifier: chain[0].value, scope: scope, at: chain[0].span.union(chain[1].span))
            } else {
                bound = try resolveColumn(chain[0].value, qualifier: nil, span: chain[0].span, context)
                rest = chain[1...]
            }
            for name in rest { bound = try structField(of: bound, named: name) }
            return bound
        }
        return try structField(of: try bindExpression(base, context), named: field)
    }

    /// The identifiers of `a.b.c` when it is only names, else nil.
    static func nameChain(_ expression: Expression) -> [Identifier]? {
        switch expression.kind {
        case .identifier(let identifier): return [identifier]
        case .dereference(let base, let field): return nameChain(base).map { $0 + [field] }
        default: return nil
        }
    }

    private func structField(of base: BoundExpression, named name: Identifier) throws(SluiceError) -> BoundExpression {
        guard case .struct(let fields) = base.type else {
            throw errors.make("query.notAStruct", "'\(base.displayText)' is \(base.type), not a struct, so it has no field '\(name.value)'.",
                              at: name.span, hint: "Only struct columns have fields; check the column's type with `sluice schema`.")
        }
        let lowered = name.value.lowercased()
        guard let index = fields.firstIndex(where: { $0.name == name.value }) ?? fields.firstIndex(where: { $0.name.lowercased() == lowered }) else {
            var message = "Field '\(name.value)' not found in struct '\(base.displayText)'."
            if let suggestion = NameSuggestion.closest(to: name.value, among: fields.map(\.name)) { message += " Did you mean '\(suggestion)'?" }
            message += " Fields: \(fields.map(\.name).joined(separator: ", "))."
            throw errors.make("query.unknownField", message, at: name.span)
        }
        return .field(base, fieldIndex: index, type: fields[index].type)
    }

    // MARK: - Literals and operators

    func bindLiteral(_ literal: Literal, span: SourceSpan) throws(SluiceError) -> BoundExpression {
        switch literal {
        case .null: return .literal(.null, Binder.unknownType)
        case .boolean(let value): return .literal(.boolean(value), .boolean)
        case .integer(let text):
            if let value = Int64(text) {
                return Int32(exactly: value) != nil ? .literal(.int(value), .int32) : .literal(.int(value), .int64)
            }
            return try decimalLiteral(text, span: span)
        case .decimal(let text):
            return try decimalLiteral(text, span: span)
        case .double(let text):
            guard let value = Double(text) else {
                throw errors.make("query.badNumber", "'\(text)' is not a number.", at: span)
            }
            return .literal(.double(value), .float64)
        case .string(let text):
            return .literal(.string(text), .string)
        case .typed(let type, let text):
            let target: DataType
            switch type.uppercased() {
            case "DATE": target = .date
            case "TIMESTAMP": target = .timestamp
            case "DECIMAL", "NUMERIC": return try decimalLiteral(text.trimmedSpaces, span: span)
            case "X":
                var bytes: [UInt8] = []
                let digits = Array(text.utf8)
                guard digits.count % 2 == 0 else {
                    throw errors.make("query.badLiteral", "X'\(text)' needs an even number of hex digits.", at: span)
                }
                var index = 0
                while index < digits.count {
                    guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
                        throw errors.make("query.badLiteral", "X'\(text)' holds a character that is not a hex digit.", at: span)
                    }
                    bytes.append(byte)
                    index += 2
                }
                return .literal(.binary(bytes), .binary)
            case "TIME", "VARCHAR", "CHAR", "JSON":
                return .literal(.string(text), .string)
            default:
                throw errors.make("query.badLiteral", "\(type) '\(text)' is not a literal Sluice knows.", at: span,
                                  hint: "Use DATE '2026-11-03', TIMESTAMP '2026-11-03 10:00:00', DECIMAL '1.5', or CAST.")
            }
            do throws(SluiceError) {
                return .literal(try ExpressionEvaluator.evaluateConstant(.cast(.literal(.string(text), .string), to: target, isTry: false)), target)
            } catch {
                throw errors.placed(error, at: span)
            }
        }
    }

    private func decimalLiteral(_ text: String, span: SourceSpan) throws(SluiceError) -> BoundExpression {
        var digits = text
        var negative = false
        if digits.hasPrefix("-") { negative = true; digits.removeFirst() } else if digits.hasPrefix("+") { digits.removeFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? ""
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        let all = (whole + fraction).drop { $0 == "0" }
        guard parts.count <= 2, (whole + fraction).allSatisfy(\.isNumber), !(whole + fraction).isEmpty,
              all.count <= DataType.maximumDecimalPrecision, let unscaled = Int128(all.isEmpty ? "0" : String(all)) else {
            // Too many digits for a decimal: Trino reads such literals as doubles.
            if let value = Double(text) { return .literal(.double(value), .float64) }
            throw errors.make("query.badNumber", "'\(text)' is not a number.", at: span)
        }
        let scale = fraction.count
        let precision = max(scale, max(1, all.count), whole.drop { $0 == "0" }.count + scale)
        return .literal(.decimal(negative ? -unscaled : unscaled, scale: scale), .decimal(precision: min(38, max(precision, 1)), scale: scale))
    }

    private func bindUnary(_ op: UnaryOperator, _ operand: Expression, span: SourceSpan, _ context: ExpressionContext) throws(SluiceError) -> BoundExpression {
        switch op {
        case .not:
            let bound = try bindExpression(operand, context)
            return .not(try requireBoolean(bound, what: "NOT", at: operand.span))
        case .plus:
            let bound = try bindExpression(operand, context)
            guard bound.type.isNumeric || isNullLiteral(bound) else {
                throw errors.make("query.typeMismatch", "Unary + needs a number, not \(bound.type).", at: span)
            }
            return bound
        case .minus:
            // `-9223372036854775808` is a literal, not the negation of a too-large one.
            if case .literal(.integer(let text)) = operand.kind {
                return try bindLiteral(.integer("-" + text), span: span)
            }
            if case .literal(.decimal(let text)) = operand.kind { return try decimalLiteral("-" + text, span: span) }
            let bound = try bindExpression(operand, context)
            return try bindCall("negate", [bound], expression: Expression(.unary(op, operand), span: span))
        }
    }

    private func bindBinary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, expression: Expression,
                            _ context: ExpressionContext) throws(SluiceError) -> BoundExpression {
        switch op {
        case .and, .or:
            let parts = [try bindExpression(left, context), try bindExpression(right, context)]
            let checked = try parts.map { part throws(SluiceError) in try requireBoolean(part, what: op.rawValue, at: expression.span) }
            let flattened = checked.flatMap { part -> [BoundExpression] in
                switch (op, part) {
                case (.and, .and(let inner)), (.or, .or(let inner)): inner
                default: [part]
                }
            }
            return op == .and ? .and(flattened) : .or(flattened)
        case .add, .subtract:
            if case .interval(let text, let unit, let toUnit) = right.kind {
                guard toUnit == nil else {
                    throw errors.unsupported("INTERVAL … TO …", at: right.span, hint: "Add each unit separately.")
                }
                guard var amount = Int64(text.trimmedSpaces) else {
                    throw errors.make("query.badInterval", "INTERVAL '\(text)' needs a whole number.", at: right.span)
                }
                if op == .subtract { amount = -amount }
                let base = try bindExpression(left, context)
                return try bindCall("date_add", [.literal(.string(unit.rawValue.lowercased()), .string), .literal(.int(amount), .int64), base],
                                    expression: expression)
            }
            fallthrough
        default:
            let bound = [try bindExpression(left, context), try bindExpression(right, context)]
            if ["=", "<>", "<", "<=", ">", ">="].contains(op.rawValue) {
                return try bindComparison(op.rawValue, bound[0], bound[1], expression: expression)
            }
            return try bindCall(op.rawValue, bound, expression: expression)
        }
    }

    func bindComparison(_ op: String, _ left: BoundExpression, _ right: BoundExpression, expression: Expression) throws(SluiceError) -> BoundExpression {
        try bindCall(op, [left, right], expression: expression)
    }

    /// A resolved function call, its arguments cast to the types the function takes.
    func bindCall(_ name: String, _ arguments: [BoundExpression], expression: Expression) throws(SluiceError) -> BoundExpression {
        // An untyped NULL takes the type of the first typed argument.
        let fallback: DataType = ["+", "-", "*", "/", "%", "negate"].contains(name) ? .int32 : name == "||" ? .string : .boolean
        let typed = arguments.first { !isNullLiteral($0) }?.type ?? fallback
        let adjusted = arguments.map { argument in isNullLiteral(argument) ? BoundExpression.literal(.null, typed) : argument }
        var function: ScalarFunction?
        var failure: SluiceError?
        do throws(SluiceError) {
            function = try FunctionRegistry.resolve(name, argumentTypes: adjusted.map(\.type))
        } catch {
            failure = error
        }
        // Untyped NULLs fit any parameter: try the common types until one resolves.
        if function == nil, arguments.contains(where: isNullLiteral) {
            for candidate in [DataType.string, .int64, .float64, .boolean, .timestamp, .date] where function == nil {
                let types = arguments.map { isNullLiteral($0) ? candidate : $0.type }
                function = try? FunctionRegistry.resolve(name, argumentTypes: types)
            }
        }
        guard let function else {
            let error = failure ?? SluiceError.internal("Function \(name) did not resolve.", domain: .query)
            var located = errors.placed(error, at: expression.span)
            if !located.message.contains("`") { located.message += " In `\(expression.sqlText)`." }
            throw located
        }
        let cast = zip(adjusted, function.argumentTypes).map { argument, type in coerce(argument, to: type) }
        return .call(function, cast)
    }

    /// `x` as `type`: untyped nulls re-typed, anything else cast.
    func coerce(_ expression: BoundExpression, to type: DataType) -> BoundExpression {
        if expression.type == type { return expression }
        if isNullLiteral(expression) { return .literal(.null, type) }
        return .cast(expression, to: type, isTry: false)
    }

    /// The type of a bare `NULL` until context gives it one (Trino's `unknown`): an empty
    /// struct, which no column or cast can have.
    static let unknownType = DataType.struct([])

    /// A bare `NULL`, whose type adapts to where it is used.
    func isNullLiteral(_ expression: BoundExpression) -> Bool {
        if case .literal(.null, Binder.unknownType) = expression { return true }
        return false
    }

    /// A bare `NULL` that reached a result column without a type becomes a string.
    func concrete(_ expression: BoundExpression) -> BoundExpression {
        isNullLiteral(expression) ? .literal(.null, .string) : expression
    }

    private func isStringOrNull(_ expression: BoundExpression) -> Bool {
        expression.type == .string || isNullLiteral(expression)
    }

    private func retyped(_ expression: BoundExpression, _ type: DataType) -> BoundExpression {
        isNullLiteral(expression) ? .literal(.null, type) : expression
    }

    func requireBoolean(_ expression: BoundExpression, what: String, at span: SourceSpan) throws(SluiceError) -> BoundExpression {
        if isNullLiteral(expression) { return .literal(.null, .boolean) }
        guard expression.type == .boolean else {
            throw errors.make("query.typeMismatch", "\(what) needs a boolean condition, but `\(expression.displayText)` is \(expression.type).",
                              at: span, hint: "Compare the value, e.g. `x = 1` or `x IS NOT NULL`.")
        }
        return expression
    }

    /// The type several expressions share (nulls adapt), or an error naming them.
    func commonType(of expressions: [BoundExpression], what: String, at span: SourceSpan) throws(SluiceError) -> DataType {
        var result: DataType?
        for expression in expressions where !isNullLiteral(expression) {
            guard let current = result else {
                result = expression.type
                continue
            }
            guard let common = FunctionRegistry.commonSuperType(current, expression.type) else {
                throw errors.make("query.typeMismatch", "\(what) mix \(current) and \(expression.type) (`\(expression.displayText)`).",
                                  at: span, hint: "CAST the values to one type.")
            }
            result = common
        }
        return result ?? .string
    }

    private func makeInList(_ value: BoundExpression, _ list: [BoundExpression], isNegated: Bool, expression: Expression) throws(SluiceError) -> BoundExpression {
        // Nothing to match (an empty subquery): false even for NULL, true for NOT IN.
        if list.isEmpty { return .literal(.boolean(isNegated), .boolean) }
        let type = try commonType(of: [value] + list, what: "IN values", at: expression.span)
        return .inList(coerce(value, to: type), list.map { coerce($0, to: type) }, isNegated: isNegated)
    }

    private func bindCase(operand: Expression?, whens: [WhenClause], elseResult: Expression?, expression: Expression,
                          _ context: ExpressionContext) throws(SluiceError) -> BoundExpression {
        let boundOperand = try operand.map { item throws(SluiceError) in try bindExpression(item, context) }
        var conditions: [BoundExpression] = []
        var results: [BoundExpression] = []
        for when in whens {
            let condition = try bindExpression(when.condition, context)
            if let boundOperand {
                conditions.append(try bindComparison("=", boundOperand, condition, expression: when.condition))
            } else {
                conditions.append(try requireBoolean(condition, what: "CASE WHEN", at: when.condition.span))
            }
            results.append(try bindExpression(when.result, context))
        }
        let boundElse = try elseResult.map { item throws(SluiceError) in try bindExpression(item, context) }
        let type = try commonType(of: results + (boundElse.map { [$0] } ?? []), what: "CASE results", at: expression.span)
        return .caseWhen(zip(conditions, results).map { BoundWhen(condition: $0, result: coerce($1, to: type)) },
                         elseResult: boundElse.map { coerce($0, to: type) }, type: type)
    }
}
