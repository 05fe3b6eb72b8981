import SluiceCore
import SluiceSQL

extension Binder {
    /// Names of the aggregate functions and the kind each computes.
    static let aggregateKinds: [String: AggregateKind] = [
        "count": .count, "sum": .sum, "avg": .avg, "min": .min, "max": .max,
        "approx_distinct": .approxDistinct, "arbitrary": .arbitrary, "any_value": .arbitrary,
        "bool_and": .boolAnd, "every": .boolAnd, "bool_or": .boolOr, "count_if": .count,
    ]

    /// Functions that only make sense with `OVER (…)`.
    static let windowOnlyFunctions: Set<String> = ["row_number", "rank", "dense_rank", "lag", "lead", "first_value", "last_value"]

    static func isAggregate(_ call: FunctionCall) -> Bool {
        call.window == nil && call.name.parts.count == 1 && aggregateKinds[call.name.parts[0].value.lowercased()] != nil
    }

    func bindFunction(_ call: FunctionCall, expression: Expression, _ context: ExpressionContext) throws(SluiceError) -> BoundExpression {
        let name = call.name.parts.map { $0.value.lowercased() }.joined(separator: ".")
        if call.window != nil {
            guard let windows = context.windows else {
                throw errors.make("query.windowNotAllowed", "Window function '\(name)' is not allowed in \(context.clause).",
                                  at: call.span, hint: "Window functions belong in SELECT or ORDER BY; filter on them in an outer query.")
            }
            let bound = try bindWindowCall(call, context)
            guard let column = windows[bound.fingerprint] else {
                throw SluiceError.internal("Window call \(expression.sqlText) was not planned.", domain: .query)
            }
            return column
        }
        if Binder.isAggregate(call) {
            // With an aggregation mapping, `mappedAfterAggregation` already replaced it.
            throw errors.make("query.aggregateNotAllowed", "Aggregate function '\(name)' is not allowed in \(context.clause).",
                              at: call.span, hint: context.clause == "WHERE" ? "Filter on aggregates with HAVING." : nil)
        }
        if Binder.windowOnlyFunctions.contains(name) {
            throw errors.make("query.windowNeedsOver", "\(name)() needs an OVER (…) clause.", at: call.span,
                              hint: "Write \(name)() OVER (PARTITION BY … ORDER BY …).")
        }
        if call.isDistinct {
            throw errors.make("query.badDistinct", "DISTINCT only applies to aggregate functions, not \(name).", at: call.span)
        }
        let arguments = try call.arguments.map { argument throws(SluiceError) in try bindExpression(argument, context) }
        switch name {
        case "coalesce":
            guard !arguments.isEmpty else { throw errors.make("query.badArguments", "coalesce needs at least one argument.", at: call.span) }
            let type = try commonType(of: arguments, what: "coalesce arguments", at: call.span)
            return arguments.count == 1 ? coerce(arguments[0], to: type) : .coalesce(arguments.map { coerce($0, to: type) }, type: type)
        case "nullif":
            guard arguments.count == 2 else { throw errors.make("query.badArguments", "nullif takes two arguments.", at: call.span) }
            let type = try commonType(of: arguments, what: "nullif arguments", at: call.span)
            let value = coerce(arguments[0], to: type)
            let equal = try bindComparison("=", value, coerce(arguments[1], to: type), expression: expression)
            return .caseWhen([BoundWhen(condition: equal, result: .literal(.null, type))], elseResult: value, type: type)
        case "if":
            guard arguments.count == 2 || arguments.count == 3 else {
                throw errors.make("query.badArguments", "if takes a condition and one or two values.", at: call.span)
            }
            let condition = try requireBoolean(arguments[0], what: "if", at: call.span)
            let results = Array(arguments.dropFirst())
            let type = try commonType(of: results, what: "if results", at: call.span)
            return .caseWhen([BoundWhen(condition: condition, result: coerce(results[0], to: type))],
                             elseResult: results.count > 1 ? coerce(results[1], to: type) : nil, type: type)
        default:
            return try bindCall(name, arguments, expression: expression)
        }
    }

    /// After GROUP BY: an aggregate call or a group-key expression becomes the column holding it.
    func mappedAfterAggregation(_ expression: Expression, _ context: ExpressionContext) throws(SluiceError) -> BoundExpression? {
        guard let aggregation = context.aggregation else { return nil }
        switch expression.kind {
        case .function(let call) where Binder.isAggregate(call):
            let aggregate = try bindAggregate(call, preScope: aggregation.preScope, outer: context.outer)
            guard let column = aggregation.aggregates[aggregate.fingerprint] else {
                throw SluiceError.internal("Aggregate \(expression.sqlText) was not planned.", domain: .query)
            }
            return column
        case .identifier, .literal:
            // Columns resolve through the key mapping in `resolveColumn`.
            return nil
        case .dereference:
            // `device.os` may itself be a group key; otherwise its base resolves as a column.
            var plain = ExpressionContext(scope: aggregation.preScope, clause: context.clause)
            plain.outer = context.outer
            guard let bound = try? bindExpression(expression, plain) else { return nil }
            return aggregation.keys[bound.fingerprint]
        default:
            guard !expression.containsSubqueryOrAggregate else { return nil }
            var plain = ExpressionContext(scope: aggregation.preScope, clause: context.clause)
            plain.outer = context.outer
            guard let bound = try? bindExpression(expression, plain) else { return nil }
            return aggregation.keys[bound.fingerprint]
        }
    }

    /// One aggregate call bound over the aggregation's input.
    struct BoundAggregate {
        var kind: AggregateKind
        var argument: BoundExpression?
        var isDistinct: Bool
        var resultType: DataType
        var name: String
        var fingerprint: String { "\(kind.rawValue)(\(isDistinct ? "DISTINCT " : "")\(argument?.fingerprint ?? "*"))" }
    }

    func bindAggregate(_ call: FunctionCall, preScope: Scope, outer: Scope?) throws(SluiceError) -> BoundAggregate {
        let name = call.name.parts[0].value.lowercased()
        guard var kind = Binder.aggregateKinds[name] else {
            throw SluiceError.internal("\(name) is not an aggregate.", domain: .query)
        }
        var context = ExpressionContext(scope: preScope, clause: "an aggregate's argument")
        context.outer = outer
        var argument: BoundExpression?
        switch call.arguments.count {
        case 0:
            guard name == "count" else {
                throw errors.make("query.badArguments", "\(name) needs an argument.", at: call.span)
            }
            kind = .countStar
        case 1:
            if case .star = call.arguments[0].kind {
                guard name == "count" else {
                    throw errors.make("query.badArguments", "Only count takes *; \(name) needs a column.", at: call.span)
                }
                kind = .countStar
            } else {
                argument = try bindExpression(call.arguments[0], context)
            }
        default:
            throw errors.make("query.badArguments", "\(name) takes one argument, not \(call.arguments.count).", at: call.span)
        }
        if name == "count_if", let condition = argument {
            argument = .caseWhen([BoundWhen(condition: try requireBoolean(condition, what: "count_if", at: call.span),
                                            result: .literal(.int(1), .int32))], elseResult: nil, type: .int32)
        }
        if let filter = call.filter {
            let condition = try requireBoolean(try bindExpression(filter, context), what: "FILTER", at: filter.span)
            if kind == .countStar {
                kind = .count
                argument = .literal(.int(1), .int32)
            }
            if let value = argument {
                argument = .caseWhen([BoundWhen(condition: condition, result: value)], elseResult: nil, type: value.type)
            }
        }
        if let value = argument, isNullLiteral(value) { argument = .literal(.null, .int32) }
        let resultType: DataType
        do throws(SluiceError) {
            resultType = try AggregateKind.resultType(of: kind, input: argument?.type)
        } catch {
            throw errors.placed(error, at: call.span)
        }
        let shown = argument.map { "\(name)(\(call.isDistinct ? "DISTINCT " : "")\($0.displayText))" } ?? "count(*)"
        return BoundAggregate(kind: kind, argument: argument, isDistinct: call.isDistinct, resultType: resultType, name: shown)
    }
}

extension Expression {
    /// True when a subquery or an aggregate call is anywhere inside (outside window specs too).
    var containsSubqueryOrAggregate: Bool {
        var found = false
        walk { node in
            switch node.kind {
            case .inSubquery, .exists, .scalarSubquery: found = true
            case .function(let call) where Binder.isAggregate(call): found = true
            default: break
            }
        }
        return found
    }

    /// Visits this expression and every expression inside it (not inside subqueries).
    func walk(_ body: (Expression) -> Void) {
        body(self)
        switch kind {
        case .identifier, .literal, .interval, .star, .exists, .scalarSubquery: break
        case .dereference(let base, _): base.walk(body)
        case .unary(_, let operand): operand.walk(body)
        case .binary(_, let left, let right), .isDistinctFrom(let left, let right, _), .element(let left, let right):
            left.walk(body)
            right.walk(body)
        case .function(let call):
            call.arguments.forEach { $0.walk(body) }
            call.filter?.walk(body)
            if let window = call.window {
                window.partitionBy.forEach { $0.walk(body) }
                window.orderBy.forEach { $0.expression.walk(body) }
            }
        case .cast(let input, _, _), .isNull(let input, _), .extract(_, let input), .inSubquery(let input, _, _):
            input.walk(body)
        case .caseWhen(let operand, let whens, let elseResult):
            operand?.walk(body)
            for when in whens {
                when.condition.walk(body)
                when.result.walk(body)
            }
            elseResult?.walk(body)
        case .between(let input, let low, let high, _):
            input.walk(body)
            low.walk(body)
            high.walk(body)
        case .inList(let input, let items, _):
            input.walk(body)
            items.forEach { $0.walk(body) }
        case .like(let input, let pattern, let escape, _):
            input.walk(body)
            pattern.walk(body)
            escape?.walk(body)
        case .array(let items), .row(let items):
            items.forEach { $0.walk(body) }
        }
    }
}
