import SluiceCore
import SluiceFormats
import SluiceSQL

/// Turns a parsed statement into a ``LogicalPlan``: resolves tables and names, checks and
/// coerces types, plans aggregation, windows, ordering and subqueries. Every error points
/// at the SQL text it is about.
final class Binder {
    let sql: String
    let options: QueryOptions
    let tables: any TableProvider
    let errors: BindError
    /// Runs an uncorrelated subquery's plan while binding (scalar, `IN`, `EXISTS` values).
    let runSubquery: (LogicalPlan) throws(SluiceError) -> [RecordBatch]
    /// `WITH` definitions visible at this point, innermost last.
    var commonTableExpressions: [[String: CommonTableExpression]] = []
    /// Tables read through table functions, by call text, so one query reads each once.
    var tableFunctionCache: [String: any TableSource] = [:]
    /// Correlated scalar subqueries already joined into the plan, by where they are written,
    /// and the column holding each one's value.
    var decorrelatedSubqueries: [SourceSpan: BoundExpression] = [:]

    init(sql: String, options: QueryOptions, tables: any TableProvider,
         runSubquery: @escaping (LogicalPlan) throws(SluiceError) -> [RecordBatch]) {
        self.sql = sql
        self.options = options
        self.tables = tables
        self.errors = BindError(sql: sql)
        self.runSubquery = runSubquery
    }

    /// A bound statement: the plan, and whether the user asked for its explanation instead.
    struct BoundStatement {
        var plan: LogicalPlan
        var explain: ExplainMode?
    }

    enum ExplainMode { case plan, analyze }

    func bind(_ statement: Statement) throws(SluiceError) -> BoundStatement {
        switch statement {
        case .query(let query):
            return BoundStatement(plan: try bindQuery(query, outer: nil).plan, explain: nil)
        case .explain(let inner, let isAnalyze, _):
            var bound = try bind(inner)
            bound.explain = isAnalyze ? .analyze : .plan
            return bound
        }
    }

    /// A bound query: its plan and the names its columns answer to.
    struct BoundRelation {
        var plan: LogicalPlan
        var scope: Scope
    }

    /// Binds a query; `outer` is the enclosing query's scope when this is a subquery.
    func bindQuery(_ query: Query, outer: Scope?) throws(SluiceError) -> BoundRelation {
        var definitions: [String: CommonTableExpression] = [:]
        for definition in query.with {
            let key = definition.name.value.lowercased()
            if definitions[key] != nil {
                throw errors.make("query.duplicateName", "WITH defines '\(definition.name.value)' twice.",
                                  at: definition.name.span, hint: "Give each common table expression its own name.")
            }
            definitions[key] = definition
        }
        commonTableExpressions.append(definitions)
        defer { commonTableExpressions.removeLast() }

        if case .select(let select) = query.body {
            // ORDER BY may use the SELECT's input columns, so the select binder handles it.
            var bound = try bindSelect(select, orderBy: query.orderBy, outer: outer)
            bound.plan = try applyLimit(bound.plan, query: query)
            return bound
        }
        var bound = try bindQueryBody(query.body, outer: outer)
        if !query.orderBy.isEmpty {
            let keys = try query.orderBy.map { item throws(SluiceError) in try outputSortKey(item, of: bound) }
            bound.plan = .sort(bound.plan, keys: keys, limit: nil, offset: 0)
        }
        bound.plan = try applyLimit(bound.plan, query: query)
        return bound
    }

    func bindQueryBody(_ body: QueryBody, outer: Scope?) throws(SluiceError) -> BoundRelation {
        switch body {
        case .select(let select):
            return try bindSelect(select, orderBy: [], outer: outer)
        case .values(let rows, let span):
            return try bindValues(rows, span: span)
        case .nested(let query):
            return try bindQuery(query, outer: outer)
        case .setOperation(let operation):
            return try bindSetOperation(operation, outer: outer)
        }
    }

    /// A sort key over a query's output columns: an ordinal, an output name, or an expression over them.
    private func outputSortKey(_ item: OrderByItem, of bound: BoundRelation) throws(SluiceError) -> SortKey {
        let context = ExpressionContext(scope: bound.scope, clause: "ORDER BY")
        let expression = try bindOrdinalOrExpression(item.expression, outputCount: bound.plan.schema.count, context: context)
        guard case .column(let index, _, _) = expression else {
            throw errors.unsupported("ORDER BY an expression over a set operation's result", at: item.span,
                                     hint: "Order by output column names or positions, or wrap the query in SELECT * FROM (…).")
        }
        return SortKey(column: index, isAscending: item.isAscending, nullsFirst: item.nullsFirst ?? false)
    }

    /// `1`-based ordinals pick output columns; anything else binds as an expression.
    func bindOrdinalOrExpression(_ expression: Expression, outputCount: Int, context: ExpressionContext) throws(SluiceError) -> BoundExpression {
        if case .literal(.integer(let text)) = expression.kind {
            guard let ordinal = Int(text), ordinal >= 1, ordinal <= outputCount else {
                throw errors.make("query.badOrdinal", "Position \(text) is not a column of the result: it has \(outputCount) columns.",
                                  at: expression.span, hint: "Use a position from 1 to \(outputCount), or name the column.")
            }
            let column = context.scope.columns.first { $0.index == ordinal - 1 }
            return .column(index: ordinal - 1, type: column?.type ?? .int64, name: column?.name ?? "_col\(ordinal - 1)")
        }
        return try bindExpression(expression, context)
    }

    private func applyLimit(_ plan: LogicalPlan, query: Query) throws(SluiceError) -> LogicalPlan {
        let limit = try query.limit.map { expression throws(SluiceError) in try constantCount(expression, clause: "LIMIT") }
        let offset = try query.offset.map { expression throws(SluiceError) in try constantCount(expression, clause: "OFFSET") } ?? 0
        guard limit != nil || offset > 0 else { return plan }
        if case .sort(let input, let keys, nil, 0) = plan {
            return .sort(input, keys: keys, limit: limit, offset: offset)
        }
        return .limit(plan, limit: limit, offset: offset)
    }

    /// A non-negative integer constant (`LIMIT 10`).
    private func constantCount(_ expression: Expression, clause: String) throws(SluiceError) -> Int {
        let bound = try bindExpression(expression, ExpressionContext(scope: Scope(columns: []), clause: clause))
        let value = try ExpressionEvaluator.evaluateConstant(bound)
        guard case .int(let count) = value, count >= 0 else {
            throw errors.make("query.badLimit", "\(clause) needs a non-negative integer, not \(value.displayText).",
                              at: expression.span, hint: "Write \(clause) 10.")
        }
        return Int(count)
    }

    /// `VALUES (…), (…)`: constant rows, columns typed by their common type.
    func bindValues(_ rows: [[Expression]], span: SourceSpan) throws(SluiceError) -> BoundRelation {
        guard let width = rows.first?.count else {
            throw errors.make("query.emptyValues", "VALUES needs at least one row.", at: span)
        }
        let context = ExpressionContext(scope: Scope(columns: []), clause: "VALUES")
        var bound: [[BoundExpression]] = []
        for row in rows {
            guard row.count == width else {
                throw errors.make("query.valuesWidth", "Every VALUES row needs \(width) values; this one has \(row.count).",
                                  at: row.first?.span ?? span)
            }
            bound.append(try row.map { expression throws(SluiceError) in try bindExpression(expression, context) })
        }
        var types: [DataType] = []
        for column in 0..<width {
            let expressions = bound.map { $0[column] }
            types.append(try commonType(of: expressions, what: "VALUES column \(column + 1)", at: span))
        }
        let schema = Schema((0..<width).map { Field("_col\($0)", types[$0]) })
        let builder = RecordBatchBuilder(schema: schema, capacity: rows.count)
        for row in bound {
            var values: [Value] = []
            for (column, expression) in row.enumerated() {
                values.append(try ExpressionEvaluator.evaluateConstant(coerce(expression, to: types[column])))
            }
            try builder.append(row: values)
        }
        return BoundRelation(plan: .values(schema: schema, batches: [builder.finish()]), scope: Scope(schema: schema, qualifier: nil))
    }

    /// `UNION`, `INTERSECT`, `EXCEPT`: both sides coerced to common column types.
    func bindSetOperation(_ operation: SetOperation, outer: Scope?) throws(SluiceError) -> BoundRelation {
        let left = try bindQueryBody(operation.left, outer: outer)
        let right = try bindQueryBody(operation.right, outer: outer)
        let leftSchema = left.plan.schema
        let rightSchema = right.plan.schema
        guard leftSchema.count == rightSchema.count else {
            throw errors.make(
                "query.setOperationWidth",
                "\(operation.kind.rawValue) needs the same number of columns on both sides: \(leftSchema.count) and \(rightSchema.count).",
                at: operation.span, hint: "Select the same number of columns in each query.")
        }
        var types: [DataType] = []
        for (leftField, rightField) in zip(leftSchema.fields, rightSchema.fields) {
            guard let type = FunctionRegistry.commonSuperType(leftField.type, rightField.type) else {
                throw errors.make(
                    "query.typeMismatch",
                    "\(operation.kind.rawValue) column \(types.count + 1) ('\(leftField.name)') has incompatible types: \(leftField.type) on the left, \(rightField.type) on the right.",
                    at: operation.span, hint: "CAST one side so both have the same type.")
            }
            types.append(type)
        }
        let schema = Schema(zip(leftSchema.fields, types).map { Field($0.name, $1) })
        let leftPlan = castColumns(left.plan, to: schema)
        let rightPlan = castColumns(right.plan, to: schema)
        let plan: LogicalPlan
        switch operation.kind {
        case .union:
            let union = LogicalPlan.unionAll([leftPlan, rightPlan], schema: schema)
            plan = operation.isAll ? union : .aggregate(union, groupKeys: Array(0..<schema.count), aggregates: [], schema: schema)
        case .intersect:
            plan = .setOperation(leftPlan, rightPlan, kind: .intersect, isAll: operation.isAll)
        case .except:
            plan = .setOperation(leftPlan, rightPlan, kind: .except, isAll: operation.isAll)
        }
        return BoundRelation(plan: plan, scope: Scope(schema: schema, qualifier: nil))
    }

    /// The plan with columns cast to `schema`'s types (and renamed to its names) where they differ.
    func castColumns(_ plan: LogicalPlan, to schema: Schema) -> LogicalPlan {
        let input = plan.schema
        if input.fields.map(\.type) == schema.fields.map(\.type) && input.names == schema.names { return plan }
        let expressions = input.fields.enumerated().map { index, field -> BoundExpression in
            let column = BoundExpression.column(index: index, type: field.type, name: field.name)
            return field.type == schema.fields[index].type ? column : .cast(column, to: schema.fields[index].type, isTry: false)
        }
        return .project(plan, expressions: expressions, schema: schema)
    }
}
