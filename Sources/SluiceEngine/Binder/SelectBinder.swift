import SluiceCore
import SluiceSQL

extension Binder {
    /// One `SELECT … FROM … WHERE … GROUP BY … HAVING …` with the enclosing query's
    /// `ORDER BY`, which may refer to the select's input columns as well as its output.
    func bindSelect(_ select: Select, orderBy: [OrderByItem], outer: Scope?) throws(SluiceError) -> BoundRelation {
        var current = select.from.isEmpty ? singleRow() : try bindFrom(select.from, outer: outer)
        current = try decorrelateScalarSubqueries(select, current, outer: outer)
        if let condition = select.whereClause {
            current = try bindWhere(condition, on: current, outer: outer)
        }
        let fromScope = current.scope
        var plan = current.plan
        var context = ExpressionContext(scope: fromScope, clause: "SELECT", outer: outer)

        // Aggregation: keys and aggregate arguments computed by a projection, then grouped.
        var aggregateCalls: [FunctionCall] = []
        let itemExpressions = select.items.compactMap { item -> Expression? in
            if case .expression(let expression, _) = item { return expression }
            return nil
        }
        for expression in itemExpressions + (select.having.map { [$0] } ?? []) + orderBy.map(\.expression) {
            collectAggregates(expression, into: &aggregateCalls)
        }
        if !select.groupBy.isEmpty || !aggregateCalls.isEmpty || select.having != nil {
            plan = try planAggregation(select, calls: aggregateCalls, input: plan, context: &context)
            if let having = select.having {
                let condition = try requireBoolean(try bindExpression(having, context.clause("HAVING")), what: "HAVING", at: having.span)
                plan = .filter(plan, predicate: condition)
            }
        }

        // Window functions: each partitioning/order gets one window operator over the columns so far.
        var windowCalls: [FunctionCall] = []
        for expression in itemExpressions + orderBy.map(\.expression) { collectWindowCalls(expression, into: &windowCalls) }
        if !windowCalls.isEmpty {
            plan = try planWindows(windowCalls, input: plan, context: &context)
        }

        // The select list, then ORDER BY keys that are not in it as hidden columns.
        var outputs: [BoundExpression] = []
        var names: [String] = []
        for item in select.items {
            switch item {
            case .all(let qualifier, let span):
                let columns = fromScope.columns.filter { column in
                    !column.isHiddenFromStar && (qualifier.map { column.qualifiers.contains($0.description.lowercased()) } ?? true)
                }
                if let qualifier, columns.isEmpty {
                    throw errors.make("query.unknownTable", "'\(qualifier)' in \(qualifier).* is not a table of the FROM clause.", at: span,
                                      hint: "Use one of the FROM clause's names or aliases.")
                }
                for column in columns {
                    let bound = BoundExpression.column(index: column.index, type: column.type, name: column.name)
                    if let aggregation = context.aggregation {
                        guard let key = aggregation.keys[bound.fingerprint] else {
                            throw errors.make("query.notGrouped", "SELECT * needs every column in GROUP BY; '\(column.name)' is not.", at: span,
                                              hint: "List the grouped columns and aggregates instead of *.")
                        }
                        outputs.append(key)
                    } else {
                        outputs.append(bound)
                    }
                    names.append(column.name)
                }
            case .expression(let expression, let alias):
                outputs.append(concrete(try bindExpression(expression, context.clause("SELECT"))))
                names.append(alias?.value ?? derivedName(expression, bound: outputs[outputs.count - 1], position: outputs.count - 1))
            }
        }
        var keys: [SortKey] = []
        var hidden: [BoundExpression] = []
        for item in orderBy {
            let index = try orderByColumn(item, outputs: outputs, names: names, hidden: &hidden, context: context.clause("ORDER BY"))
            keys.append(SortKey(column: index, isAscending: item.isAscending, nullsFirst: item.nullsFirst ?? false))
        }
        if select.isDistinct && !hidden.isEmpty {
            throw errors.make("query.orderByNotSelected", "With SELECT DISTINCT, ORDER BY expressions must appear in the select list.",
                              at: orderBy.first?.span ?? select.span, hint: "Add the ORDER BY expressions to the select list.")
        }
        let schema = Schema(zip(names, outputs).map { Field($0, $1.type) } + hidden.enumerated().map { Field("_order\($0.offset)", $0.element.type) })
        plan = .project(plan, expressions: outputs + hidden, schema: schema)
        if select.isDistinct {
            plan = .aggregate(plan, groupKeys: Array(outputs.indices), aggregates: [], schema: schema)
        }
        if !keys.isEmpty {
            plan = .sort(plan, keys: keys, limit: nil, offset: 0)
        }
        let outputSchema = Schema(Array(schema.fields.prefix(outputs.count)))
        if !hidden.isEmpty {
            plan = .project(plan, expressions: outputSchema.fields.enumerated().map { .column(index: $0.offset, type: $0.element.type, name: $0.element.name) },
                            schema: outputSchema)
        }
        return BoundRelation(plan: plan, scope: Scope(schema: outputSchema, qualifier: nil))
    }

    /// A plan of one row and no visible columns, for `SELECT 1`.
    func singleRow() -> BoundRelation {
        let schema = Schema([Field("$row", .boolean)])
        let builder = RecordBatchBuilder(schema: schema, capacity: 1)
        try? builder.append(row: [.boolean(true)])
        return BoundRelation(plan: .values(schema: schema, batches: [builder.finish()]), scope: Scope(columns: []))
    }

    /// Trino's names: a column keeps its name, a struct field its field name, anything else `_colN`.
    private func derivedName(_ expression: Expression, bound: BoundExpression, position: Int) -> String {
        switch (expression.kind, bound) {
        case (.identifier, .column(_, _, let name)): return name
        case (.identifier(let identifier), _): return identifier.value
        case (.dereference(_, let field), _): return field.value
        default: return "_col\(position)"
        }
    }

    private func orderByColumn(_ item: OrderByItem, outputs: [BoundExpression], names: [String], hidden: inout [BoundExpression],
                               context: ExpressionContext) throws(SluiceError) -> Int {
        if case .literal(.integer(let text)) = item.expression.kind {
            guard let ordinal = Int(text), ordinal >= 1, ordinal <= outputs.count else {
                throw errors.make("query.badOrdinal", "ORDER BY position \(text) is not in the select list, which has \(outputs.count) columns.",
                                  at: item.expression.span, hint: "Use a position from 1 to \(outputs.count).")
            }
            return ordinal - 1
        }
        if case .identifier(let identifier) = item.expression.kind {
            let matching = names.indices.filter { names[$0].lowercased() == identifier.value.lowercased() }
            if matching.count == 1 { return matching[0] }
            if matching.count > 1, Set(matching.map { outputs[$0].fingerprint }).count > 1 {
                throw errors.make("query.ambiguousColumn", "ORDER BY '\(identifier.value)' matches more than one select column.",
                                  at: item.expression.span, hint: "Order by position instead, e.g. ORDER BY 1.")
            }
            if let first = matching.first { return first }
        }
        let bound = try bindExpression(item.expression, context)
        if let index = outputs.firstIndex(where: { $0.fingerprint == bound.fingerprint }) { return index }
        if let index = hidden.firstIndex(where: { $0.fingerprint == bound.fingerprint }) { return outputs.count + index }
        hidden.append(concrete(bound))
        return outputs.count + hidden.count - 1
    }

    /// Aggregate calls in an expression, outside subqueries and window specifications.
    private func collectAggregates(_ expression: Expression, into calls: inout [FunctionCall]) {
        expression.walk { node in
            if case .function(let call) = node.kind, Binder.isAggregate(call) { calls.append(call) }
        }
    }

    private func collectWindowCalls(_ expression: Expression, into calls: inout [FunctionCall]) {
        expression.walk { node in
            if case .function(let call) = node.kind, call.window != nil { calls.append(call) }
        }
    }

    /// Projects keys and aggregate arguments, groups, and maps them for the clauses after.
    private func planAggregation(_ select: Select, calls: [FunctionCall], input: LogicalPlan,
                                 context: inout ExpressionContext) throws(SluiceError) -> LogicalPlan {
        let fromScope = context.scope
        let groupContext = context.clause("GROUP BY")
        var keys: [BoundExpression] = []
        for expression in select.groupBy {
            var written = expression
            if case .literal(.integer(let text)) = expression.kind {
                guard let ordinal = Int(text), ordinal >= 1, ordinal <= select.items.count,
                      case .expression(let item, _) = select.items[ordinal - 1] else {
                    throw errors.make("query.badOrdinal", "GROUP BY position \(text) is not an expression of the select list (\(select.items.count) items).",
                                      at: expression.span, hint: "Use a position from 1 to \(select.items.count), or write the expression.")
                }
                written = item
            } else if case .identifier(let identifier) = expression.kind, fromScope.matches(name: identifier.value, qualifier: nil).isEmpty {
                // An output alias (as DuckDB and MySQL allow) when no input column has the name.
                for item in select.items {
                    if case .expression(let aliased, let alias?) = item, alias.value.lowercased() == identifier.value.lowercased() { written = aliased }
                }
            }
            if case .function(let call) = written.kind, Binder.isAggregate(call) {
                throw errors.make("query.aggregateInGroupBy", "GROUP BY cannot contain the aggregate \(written.sqlText).", at: expression.span)
            }
            let bound = concrete(try bindExpression(written, groupContext))
            if !keys.contains(where: { $0.fingerprint == bound.fingerprint }) { keys.append(bound) }
        }
        var aggregates: [BoundAggregate] = []
        for call in calls {
            let aggregate = try bindAggregate(call, preScope: fromScope, outer: context.outer)
            if let argument = aggregate.argument {
                var nested = false
                for inner in call.arguments { inner.walk { if case .function(let c) = $0.kind, Binder.isAggregate(c) { nested = true } } }
                if nested {
                    throw errors.make("query.nestedAggregate", "Aggregate calls cannot be nested: \(call.name)(\(argument.displayText)).", at: call.span,
                                      hint: "Aggregate in a subquery first, then aggregate its result.")
                }
            }
            if !aggregates.contains(where: { $0.fingerprint == aggregate.fingerprint }) { aggregates.append(aggregate) }
        }
        var projected = keys
        var calls: [AggregateCall] = []
        for aggregate in aggregates {
            var inputIndex: Int?
            if let argument = aggregate.argument {
                if let existing = projected.firstIndex(where: { $0.fingerprint == argument.fingerprint }) {
                    inputIndex = existing
                } else {
                    projected.append(argument)
                    inputIndex = projected.count - 1
                }
            }
            calls.append(AggregateCall(kind: aggregate.kind, input: inputIndex, isDistinct: aggregate.isDistinct,
                                       resultType: aggregate.resultType, name: aggregate.name))
        }
        // A batch needs a column to carry its row count (`SELECT count(*)`).
        if projected.isEmpty { projected.append(.literal(.boolean(true), .boolean)) }
        let projectedSchema = Schema(projected.enumerated().map { index, expression in
            if case .column(_, _, let name) = expression, index < keys.count { return Field(name, expression.type) }
            return Field("_expr\(index)", expression.type)
        })
        let keyFields = Array(projectedSchema.fields.prefix(keys.count))
        let schema = Schema(keyFields + calls.map { Field($0.name, $0.resultType) })
        var mapping = AggregationMapping(preScope: fromScope, keys: [:], aggregates: [:])
        for (index, key) in keys.enumerated() {
            mapping.keys[key.fingerprint] = .column(index: index, type: key.type, name: keyFields[index].name)
        }
        for (index, aggregate) in aggregates.enumerated() {
            mapping.aggregates[aggregate.fingerprint] = .column(index: keys.count + index, type: aggregate.resultType, name: aggregate.name)
        }
        context.aggregation = mapping
        context.scope = Scope(schema: schema, qualifier: nil)
        return .aggregate(.project(input, expressions: projected, schema: projectedSchema),
                          groupKeys: Array(keys.indices), aggregates: calls, schema: schema)
    }

    /// One window operator per distinct (PARTITION BY, ORDER BY); earlier columns pass through.
    private func planWindows(_ calls: [FunctionCall], input: LogicalPlan, context: inout ExpressionContext) throws(SluiceError) -> LogicalPlan {
        var bound: [BoundWindowCall] = []
        for call in calls {
            let window = try bindWindowCall(call, context)
            if !bound.contains(where: { $0.fingerprint == window.fingerprint }) { bound.append(window) }
        }
        var groups: [[BoundWindowCall]] = []
        for window in bound {
            if let index = groups.firstIndex(where: { $0[0].specificationFingerprint == window.specificationFingerprint }) {
                groups[index].append(window)
            } else {
                groups.append([window])
            }
        }
        var plan = input
        var mapping: [String: BoundExpression] = [:]
        for group in groups {
            let passed = plan.schema
            var expressions = passed.fields.enumerated().map { BoundExpression.column(index: $0.offset, type: $0.element.type, name: $0.element.name) }
            func column(for expression: BoundExpression) -> Int {
                if case .column(let index, _, _) = expression, index < passed.count { return index }
                if let index = expressions.firstIndex(where: { $0.fingerprint == expression.fingerprint }) { return index }
                expressions.append(expression)
                return expressions.count - 1
            }
            let first = group[0]
            let partitionKeys = first.partitionBy.map(column(for:))
            let orderKeys = first.orderBy.map { SortKey(column: column(for: $0.expression), isAscending: $0.isAscending, nullsFirst: $0.nullsFirst) }
            let inputs = group.map { $0.argument.map(column(for:)) }
            let projectedSchema = Schema(expressions.enumerated().map { index, expression in
                index < passed.count ? passed.fields[index] : Field("_window\(index)", expression.type)
            })
            var windowCalls: [WindowCall] = []
            for (window, inputIndex) in zip(group, inputs) {
                windowCalls.append(WindowCall(function: window.function, input: inputIndex, frame: window.frame,
                                              resultType: window.resultType, name: window.name))
            }
            let schema = Schema(projectedSchema.fields + windowCalls.map { Field($0.name, $0.resultType) })
            for (offset, window) in group.enumerated() {
                mapping[window.fingerprint] = .column(index: projectedSchema.count + offset, type: window.resultType, name: window.name)
            }
            let projected: LogicalPlan = expressions.count == passed.count ? plan
                : .project(plan, expressions: expressions, schema: projectedSchema)
            plan = .window(projected, partitionKeys: partitionKeys, orderKeys: orderKeys, calls: windowCalls, schema: schema)
        }
        context.windows = mapping
        return plan
    }
}
