import SluiceCore
import SluiceSQL

extension Binder {
    /// A window function call bound over the columns before the window operator.
    struct BoundWindowCall {
        var function: WindowCall.Function
        var argument: BoundExpression?
        var partitionBy: [BoundExpression]
        var orderBy: [(expression: BoundExpression, isAscending: Bool, nullsFirst: Bool)]
        var frame: WindowFrameBounds
        var resultType: DataType
        var name: String

        /// Calls with the same partitioning and order share one window operator.
        var specificationFingerprint: String {
            partitionBy.map(\.fingerprint).joined(separator: ",") + "|"
                + orderBy.map { "\($0.expression.fingerprint) \($0.isAscending) \($0.nullsFirst)" }.joined(separator: ",")
        }
        var fingerprint: String {
            "\(name)[\(argument?.fingerprint ?? "")]{\(specificationFingerprint)}\(frame)"
        }
    }

    func bindWindowCall(_ call: FunctionCall, _ context: ExpressionContext) throws(SluiceError) -> BoundWindowCall {
        guard let window = call.window else { throw SluiceError.internal("Not a window call.", domain: .query) }
        let name = call.name.parts.map { $0.value.lowercased() }.joined(separator: ".")
        var inner = context.clause("a window specification")
        inner.windows = nil
        let partitionBy = try window.partitionBy.map { item throws(SluiceError) in try bindExpression(item, inner) }
        let orderBy = try window.orderBy.map { item throws(SluiceError) in
            (expression: try bindExpression(item.expression, inner), isAscending: item.isAscending, nullsFirst: item.nullsFirst ?? false)
        }
        var frame = orderBy.isEmpty ? WindowFrameBounds.wholePartition : .runningWithPeers
        if let written = window.frame { frame = try bindFrame(written, context: inner) }
        if call.isDistinct {
            throw errors.unsupported("DISTINCT in a window function", at: call.span)
        }
        let arguments = try call.arguments.filter { argument in
            if case .star = argument.kind { return false }
            return true
        }.map { argument throws(SluiceError) in try bindExpression(argument, inner) }

        func needs(_ count: ClosedRange<Int>) throws(SluiceError) {
            guard count.contains(arguments.count) else {
                throw errors.make("query.badArguments", "\(name) takes \(count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound) to \(count.upperBound)") arguments, not \(arguments.count).", at: call.span)
            }
        }
        let shownArguments = arguments.map(\.displayText).joined(separator: ", ")
        let display = "\(name)(\(call.arguments.count == 1 && arguments.isEmpty ? "*" : shownArguments))"
        switch name {
        case "row_number", "rank", "dense_rank":
            try needs(0...0)
            let function: WindowCall.Function = name == "row_number" ? .rowNumber : name == "rank" ? .rank : .denseRank
            return BoundWindowCall(function: function, argument: nil, partitionBy: partitionBy, orderBy: orderBy,
                                   frame: .wholePartition, resultType: .int64, name: display)
        case "lag", "lead":
            try needs(1...3)
            var offset = 1
            if arguments.count > 1 {
                guard case .int(let value) = try ExpressionEvaluator.evaluateConstant(arguments[1]), value >= 0 else {
                    throw errors.make("query.badArguments", "\(name)'s offset must be a non-negative integer constant.", at: call.span)
                }
                offset = Int(value)
            }
            var defaultValue = Value.null
            if arguments.count > 2 {
                defaultValue = try ExpressionEvaluator.evaluateConstant(coerce(arguments[2], to: arguments[0].type))
            }
            return BoundWindowCall(function: name == "lag" ? .lag(offset: offset, defaultValue: defaultValue) : .lead(offset: offset, defaultValue: defaultValue),
                                   argument: arguments[0], partitionBy: partitionBy, orderBy: orderBy, frame: .wholePartition,
                                   resultType: arguments[0].type, name: display)
        case "first_value", "last_value":
            try needs(1...1)
            return BoundWindowCall(function: name == "first_value" ? .firstValue : .lastValue, argument: arguments[0],
                                   partitionBy: partitionBy, orderBy: orderBy, frame: frame, resultType: arguments[0].type, name: display)
        default:
            guard var kind = Binder.aggregateKinds[name], name != "count_if" else {
                throw errors.make("query.unknownWindowFunction", "'\(name)' cannot be used as a window function.", at: call.span,
                                  hint: "Window functions: row_number, rank, dense_rank, lag, lead, first_value, last_value, and the aggregates count, sum, avg, min, max.")
            }
            if kind == .count && arguments.isEmpty { kind = .countStar }
            try needs(kind == .countStar ? 0...0 : 1...1)
            let resultType: DataType
            do throws(SluiceError) {
                resultType = try AggregateKind.resultType(of: kind, input: arguments.first?.type)
            } catch {
                throw errors.placed(error, at: call.span)
            }
            return BoundWindowCall(function: .aggregate(kind), argument: arguments.first, partitionBy: partitionBy, orderBy: orderBy,
                                   frame: frame, resultType: resultType, name: display)
        }
    }

    private func bindFrame(_ frame: WindowFrame, context: ExpressionContext) throws(SluiceError) -> WindowFrameBounds {
        func bound(_ written: FrameBound) throws(SluiceError) -> WindowFrameBounds.Bound {
            switch written {
            case .unboundedPreceding: return .unboundedPreceding
            case .currentRow: return .currentRow
            case .unboundedFollowing: return .unboundedFollowing
            case .preceding(let expression), .following(let expression):
                let value = try ExpressionEvaluator.evaluateConstant(try bindExpression(expression, context))
                guard case .int(let count) = value, count >= 0 else {
                    throw errors.make("query.badFrame", "A window frame offset must be a non-negative integer constant.", at: expression.span)
                }
                if case .preceding = written { return .preceding(Int(count)) }
                return .following(Int(count))
            }
        }
        return WindowFrameBounds(unit: frame.unit == .rows ? .rows : .range, start: try bound(frame.start), end: try bound(frame.end))
    }
}
