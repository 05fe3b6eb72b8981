import SluiceCore
import SluiceSQL

extension Binder {
    /// WHERE: plain conditions become a filter; `[NOT] EXISTS` and `[NOT] IN (subquery)`
    /// conditions at the top level become semi and anti joins, correlated or not.
    func bindWhere(_ condition: Expression, on input: BoundRelation, outer: Scope?) throws(SluiceError) -> BoundRelation {
        var plain: [BoundExpression] = []
        var joins: [(Query, JoinType, Expression?)] = []
        for conjunct in Binder.conjuncts(condition) {
            if case .exists(let query) = conjunct.kind {
                joins.append((query, .leftSemi, nil))
            } else if case .unary(.not, let inner) = conjunct.kind, case .exists(let query) = inner.kind {
                joins.append((query, .leftAnti, nil))
            } else if case .inSubquery(let value, let query, let isNegated) = conjunct.kind {
                joins.append((query, isNegated ? .leftAntiNullAware : .leftSemi, value))
            } else {
                let context = ExpressionContext(scope: input.scope, clause: "WHERE", outer: outer)
                plain.append(try requireBoolean(try bindExpression(conjunct, context), what: "WHERE", at: conjunct.span))
            }
        }
        var plan = input.plan
        if let predicate = BoundExpression.conjunction(plain) { plan = .filter(plan, predicate: predicate) }
        for (query, type, value) in joins {
            plan = try subqueryJoin(query, type: type, value: value, left: BoundRelation(plan: plan, scope: input.scope), outer: outer)
        }
        return BoundRelation(plan: plan, scope: input.scope)
    }

    static func conjuncts(_ expression: Expression) -> [Expression] {
        if case .binary(.and, let left, let right) = expression.kind { return conjuncts(left) + conjuncts(right) }
        return [expression]
    }

    /// A semi/anti join of `left` with a subquery: its correlated equalities and the `IN`
    /// value become the join condition.
    private func subqueryJoin(_ query: Query, type: JoinType, value: Expression?, left: BoundRelation,
                              outer: Scope?) throws(SluiceError) -> LogicalPlan {
        let leftCount = left.plan.schema.count
        let leftContext = ExpressionContext(scope: left.scope, clause: "WHERE", outer: outer)
        let right: BoundRelation
        var pairs: [(BoundExpression, BoundExpression)] = []
        do throws(SluiceError) {
            right = try bindQuery(query, outer: left.scope)
        } catch where error.code == correlatedReferenceCode {
            return try correlatedJoin(query, type: type, value: value, left: left, outer: outer)
        }
        if let value {
            guard right.plan.schema.count == 1 else {
                throw errors.make("query.subqueryWidth", "The subquery of IN must return one column, not \(right.plan.schema.count).",
                                  at: query.span, hint: "Select exactly one column in the subquery.")
            }
            let field = right.plan.schema.fields[0]
            pairs.append((try bindExpression(value, leftContext), .column(index: leftCount, type: field.type, name: field.name)))
        } else {
            // Uncorrelated EXISTS: whether the subquery has any row decides for every row.
            let rows = try runSubquery(.limit(right.plan, limit: 1, offset: 0))
            let exists = rows.contains { $0.count > 0 }
            return (exists == (type == .leftSemi)) ? left.plan
                : .filter(left.plan, predicate: .literal(.boolean(false), .boolean))
        }
        return try semiJoin(left: left.plan, right: right.plan, pairs: pairs, type: type, span: query.span)
    }

    /// EXISTS / IN with references to the outer query: only `inner = outer` equalities in
    /// the subquery's WHERE may refer outward; they become join keys.
    private func correlatedJoin(_ query: Query, type: JoinType, value: Expression?, left: BoundRelation,
                                outer: Scope?) throws(SluiceError) -> LogicalPlan {
        let unsupportedHint = "Correlated subqueries are supported as [NOT] EXISTS / IN conditions in WHERE whose references "
            + "to the outer query are equalities (inner.col = outer.col) in the subquery's WHERE; rewrite others as a JOIN."
        guard case .select(let select) = query.body, query.with.isEmpty, query.orderBy.isEmpty, query.limit == nil,
              select.groupBy.isEmpty, select.having == nil, !select.isDistinct, type != .leftAntiNullAware else {
            throw errors.unsupported("This correlated subquery", at: query.span, hint: unsupportedHint)
        }
        let inner = try bindFrom(select.from, outer: nil)
        let plainInner = ExpressionContext(scope: inner.scope, clause: "WHERE")
        let outerContext = ExpressionContext(scope: left.scope, clause: "WHERE", outer: outer)
        let split = try correlatedConditions(select.whereClause, inner: inner.scope, outer: left.scope, hint: unsupportedHint)
        let filters = try split.inner.map { condition throws(SluiceError) in try bindExpression(condition, plainInner) }
        var pairs: [(BoundExpression, BoundExpression)] = []
        for key in split.keys {
            pairs.append((try bindExpression(key.outer, outerContext), try bindExpression(key.inner, plainInner)))
        }
        var innerPlan = inner.plan
        if let predicate = BoundExpression.conjunction(filters) { innerPlan = .filter(innerPlan, predicate: predicate) }
        var projected: [BoundExpression] = pairs.map(\.1)
        if let value {
            guard select.items.count == 1, case .expression(let item, _) = select.items[0] else {
                throw errors.make("query.subqueryWidth", "The subquery of IN must return one column.", at: query.span)
            }
            let itemBound = try bindExpression(item, ExpressionContext(scope: inner.scope, clause: "SELECT"))
            projected.append(itemBound)
            pairs.append((try bindExpression(value, outerContext), itemBound))
        }
        let schema = Schema(projected.enumerated().map { Field("_key\($0.offset)", $0.element.type) })
        let right = LogicalPlan.project(innerPlan, expressions: projected, schema: schema)
        let leftCount = left.plan.schema.count
        let keyed = pairs.enumerated().map { index, pair in
            (pair.0, BoundExpression.column(index: leftCount + index, type: pair.1.type, name: "_key\(index)"))
        }
        return try semiJoin(left: left.plan, right: right, pairs: keyed, type: type, span: query.span)
    }

    /// A correlated subquery's WHERE split into the conditions on its own columns and its
    /// `inner = outer` equalities, the only references to the enclosing query that decorrelate.
    private func correlatedConditions(_ whereClause: Expression?, inner: Scope, outer: Scope,
                                      hint: String) throws(SluiceError) -> (inner: [Expression], keys: [(outer: Expression, inner: Expression)]) {
        let detecting = ExpressionContext(scope: inner, clause: "WHERE", outer: outer)
        let plainInner = ExpressionContext(scope: inner, clause: "WHERE")
        let outerOnly = ExpressionContext(scope: outer, clause: "WHERE")
        var conditions: [Expression] = []
        var keys: [(outer: Expression, inner: Expression)] = []
        for conjunct in whereClause.map(Binder.conjuncts) ?? [] {
            do throws(SluiceError) {
                _ = try requireBoolean(try bindExpression(conjunct, detecting), what: "WHERE", at: conjunct.span)
                conditions.append(conjunct)
            } catch where error.code == correlatedReferenceCode {
                guard case .binary(.equal, let a, let b) = conjunct.kind else {
                    throw errors.unsupported("A correlated condition other than an equality", at: conjunct.span, hint: hint)
                }
                if (try? bindExpression(a, plainInner)) != nil, (try? bindExpression(b, outerOnly)) != nil {
                    keys.append((b, a))
                } else if (try? bindExpression(b, plainInner)) != nil, (try? bindExpression(a, outerOnly)) != nil {
                    keys.append((a, b))
                } else {
                    throw errors.unsupported("A correlated equality mixing both queries on one side", at: conjunct.span, hint: hint)
                }
            }
        }
        return (conditions, keys)
    }

    private func semiJoin(left: LogicalPlan, right: LogicalPlan, pairs: [(BoundExpression, BoundExpression)], type: JoinType,
                          span: SourceSpan) throws(SluiceError) -> LogicalPlan {
        var conditions: [BoundExpression] = []
        for (leftSide, rightSide) in pairs {
            conditions.append(try bindComparison("=", leftSide, rightSide, expression: Expression(.literal(.null), span: span)))
        }
        return .join(left, right, type: type, condition: BoundExpression.conjunction(conditions), schema: left.schema)
    }

    // MARK: - Correlated scalar subqueries

    /// Scalar subqueries in WHERE and the select list that refer to the outer query, such as
    /// `(SELECT count(*) FROM orders o WHERE o.user_id = u.user_id)`, become a LEFT JOIN with
    /// the subquery grouped by its correlated keys; the expression binder then reads the
    /// joined column (``decorrelatedSubqueries``). Only aggregate subqueries correlated by
    /// equalities qualify: they give at most one row per key.
    func decorrelateScalarSubqueries(_ select: Select, _ input: BoundRelation, outer: Scope?) throws(SluiceError) -> BoundRelation {
        var subqueries: [(Query, SourceSpan)] = []
        let expressions = (select.whereClause.map { [$0] } ?? []) + select.items.compactMap { item -> Expression? in
            if case .expression(let expression, _) = item { return expression }
            return nil
        }
        for expression in expressions {
            expression.walk { node in
                if case .scalarSubquery(let query) = node.kind { subqueries.append((query, node.span)) }
            }
        }
        var current = input
        for (query, span) in subqueries {
            do throws(SluiceError) {
                _ = try bindQuery(query, outer: current.scope)
            } catch where error.code == correlatedReferenceCode {
                let isAggregated = !select.groupBy.isEmpty || select.having != nil || select.items.contains { item in
                    if case .expression(let expression, _) = item { return Binder.hasAggregate(expression) }
                    return false
                }
                guard !isAggregated else {
                    throw errors.unsupported("A correlated subquery in an aggregating query", at: span,
                                             hint: "Compute it in a subquery in FROM, then aggregate.")
                }
                current = try joinScalarSubquery(query, span: span, left: current, outer: outer)
            }
        }
        return current
    }

    static func hasAggregate(_ expression: Expression) -> Bool {
        var found = false
        expression.walk { node in
            if case .function(let call) = node.kind, Binder.isAggregate(call) { found = true }
        }
        return found
    }

    private func joinScalarSubquery(_ query: Query, span: SourceSpan, left: BoundRelation, outer: Scope?) throws(SluiceError) -> BoundRelation {
        let hint = "A correlated scalar subquery must aggregate one value (e.g. max(x), count(*)) and refer to the outer "
            + "query only by equalities in its WHERE; rewrite others as a JOIN."
        guard case .select(let select) = query.body, query.with.isEmpty, query.orderBy.isEmpty, query.limit == nil,
              select.groupBy.isEmpty, select.having == nil, !select.isDistinct, select.items.count == 1,
              case .expression(let item, _) = select.items[0], Binder.hasAggregate(item) else {
            throw errors.unsupported("This correlated scalar subquery", at: span, hint: hint)
        }
        let inner = try bindFrom(select.from, outer: nil)
        let outerContext = ExpressionContext(scope: left.scope, clause: "WHERE", outer: outer)
        let split = try correlatedConditions(select.whereClause, inner: inner.scope, outer: left.scope, hint: hint)
        let innerConditions = split.inner
        let keys = split.keys
        let condition = innerConditions.dropFirst().reduce(innerConditions.first) { combined, next in
            combined.map { Expression(.binary(.and, $0, next), span: .none) }
        }
        let grouped = Select(items: keys.map { .expression($0.inner, alias: nil) } + [.expression(item, alias: nil)],
                             from: select.from, whereClause: condition, groupBy: keys.map(\.inner), span: select.span)
        let right = try bindSelect(grouped, orderBy: [], outer: nil)
        let leftCount = left.plan.schema.count
        var conditions: [BoundExpression] = []
        for (index, key) in keys.enumerated() {
            let field = right.plan.schema.fields[index]
            conditions.append(try bindComparison("=", try bindExpression(key.outer, outerContext),
                                                 .column(index: leftCount + index, type: field.type, name: field.name),
                                                 expression: key.outer))
        }
        let joined = join(left, BoundRelation(plan: right.plan, scope: Scope(columns: [])), type: .left,
                          condition: BoundExpression.conjunction(conditions))
        let valueField = right.plan.schema.fields[keys.count]
        var value = BoundExpression.column(index: leftCount + keys.count, type: valueField.type, name: valueField.name)
        // No matching row means no group: count is 0 there, every other aggregate NULL.
        if case .function(let call) = item.kind, ["count", "count_if", "approx_distinct"].contains(call.name.description.lowercased()) {
            value = .coalesce([value, .literal(.int(0), valueField.type)], type: valueField.type)
        }
        decorrelatedSubqueries[span] = value
        return BoundRelation(plan: joined.plan, scope: left.scope)
    }

    // MARK: - Subqueries as values

    private func uncorrelated(_ query: Query, context: ExpressionContext, span: SourceSpan) throws(SluiceError) -> BoundRelation {
        do throws(SluiceError) {
            return try bindQuery(query, outer: context.aggregation?.preScope ?? context.scope)
        } catch where error.code == correlatedReferenceCode {
            throw errors.unsupported("A correlated subquery in \(context.clause)", at: span,
                                     hint: "Correlated subqueries work as [NOT] EXISTS / IN conditions in WHERE; rewrite this one as a JOIN.")
        }
    }

    /// The values of a one-column subquery, as literals (`x IN (SELECT …)` outside WHERE).
    func subqueryValues(_ query: Query, context: ExpressionContext, span: SourceSpan) throws(SluiceError) -> [BoundExpression] {
        let bound = try uncorrelated(query, context: context, span: span)
        guard bound.plan.schema.count == 1 else {
            throw errors.make("query.subqueryWidth", "The subquery of IN must return one column, not \(bound.plan.schema.count).", at: span)
        }
        let type = bound.plan.schema.fields[0].type
        let limit = 100_000
        var values: [BoundExpression] = []
        for batch in try runSubquery(bound.plan) {
            for row in 0..<batch.count {
                values.append(.literal(batch.columns[0].value(at: row), type))
                if values.count > limit {
                    throw errors.unsupported("IN with a subquery of more than \(limit) rows outside WHERE", at: span,
                                             hint: "Move the condition into WHERE, or JOIN the subquery.")
                }
            }
        }
        return values
    }

    func existsValue(_ query: Query, context: ExpressionContext, span: SourceSpan) throws(SluiceError) -> BoundExpression {
        let bound = try uncorrelated(query, context: context, span: span)
        let batches = try runSubquery(.limit(bound.plan, limit: 1, offset: 0))
        return .literal(.boolean(batches.contains { $0.count > 0 }), .boolean)
    }

    func scalarSubqueryValue(_ query: Query, context: ExpressionContext, span: SourceSpan) throws(SluiceError) -> BoundExpression {
        if let joined = decorrelatedSubqueries[span], context.aggregation == nil { return joined }
        let bound = try uncorrelated(query, context: context, span: span)
        guard bound.plan.schema.count == 1 else {
            throw errors.make("query.subqueryWidth", "A scalar subquery must return one column, not \(bound.plan.schema.count).", at: span,
                              hint: "Select exactly one column in the subquery.")
        }
        let type = bound.plan.schema.fields[0].type
        let batches = try runSubquery(.limit(bound.plan, limit: 2, offset: 0))
        let rows = batches.reduce(0) { $0 + $1.count }
        guard rows <= 1 else {
            throw errors.make("query.scalarSubqueryRows", "A scalar subquery returned multiple rows; it must return at most one.", at: span,
                              hint: "Make it return one row, e.g. with an aggregate or LIMIT 1.")
        }
        guard let batch = batches.first(where: { $0.count > 0 }) else { return .literal(.null, type) }
        return .literal(batch.columns[0].value(at: 0), type)
    }
}
