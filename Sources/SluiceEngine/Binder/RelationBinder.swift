import SluiceCore
import SluiceSQL

extension Binder {
    /// The FROM clause: relations cross-joined left to right.
    func bindFrom(_ relations: [Relation], outer: Scope?) throws(SluiceError) -> BoundRelation {
        var result: BoundRelation?
        for relation in relations {
            let bound = try bindRelation(relation, outer: outer)
            guard let left = result else {
                result = bound
                continue
            }
            result = join(left, bound, type: .inner, condition: nil)
        }
        guard let result else { return singleRow() }
        return result
    }

    func bindRelation(_ relation: Relation, outer: Scope?) throws(SluiceError) -> BoundRelation {
        switch relation {
        case .table(let name, let alias):
            return try aliased(try bindTable(name), alias: alias, defaultQualifier: name.parts.last?.value)
        case .function(let name, let arguments, let alias, let span):
            let context = ExpressionContext(scope: Scope(columns: []), clause: "a table function's arguments")
            var values: [Value] = []
            for argument in arguments {
                values.append(try ExpressionEvaluator.evaluateConstant(try bindExpression(argument, context)))
            }
            let key = name.description.lowercased() + "(" + values.map(\.displayText).joined(separator: "\u{1}") + ")"
            let table: any TableSource
            if let cached = tableFunctionCache[key] {
                table = cached
            } else {
                do throws(SluiceError) {
                    table = try TableFunctions.table(function: name.description, arguments: values, options: options)
                } catch {
                    throw errors.placed(error, at: span)
                }
                tableFunctionCache[key] = table
            }
            let scan = LogicalScan(table: table, columns: Array(table.schema.fields.indices))
            let bound = BoundRelation(plan: .scan(scan), scope: Scope(schema: table.schema, qualifier: nil))
            return try aliased(bound, alias: alias, defaultQualifier: name.parts.last?.value)
        case .subquery(let query, let alias, _):
            return try aliased(try bindQuery(query, outer: nil), alias: alias, defaultQualifier: nil)
        case .unnest(let arguments, let withOrdinality, let alias, let span):
            return try bindUnnest(arguments, withOrdinality: withOrdinality, alias: alias, over: singleRow(), span: span)
        case .join(let join):
            return try bindJoin(join, outer: outer)
        }
    }

    /// A named table: a `WITH` definition, else a table of the provider.
    private func bindTable(_ name: QualifiedName) throws(SluiceError) -> BoundRelation {
        if name.parts.count == 1 {
            let key = name.parts[0].value.lowercased()
            for level in commonTableExpressions.indices.reversed() {
                guard let definition = commonTableExpressions[level][key] else { continue }
                // A CTE sees only the definitions before it, not itself.
                let saved = commonTableExpressions
                commonTableExpressions = Array(commonTableExpressions[...level])
                commonTableExpressions[level][key] = nil
                defer { commonTableExpressions = saved }
                var bound = try bindQuery(definition.query, outer: nil)
                if let columns = definition.columnNames {
                    bound = try renamed(bound, columns: columns, span: definition.name.span, what: "WITH \(definition.name.value)")
                }
                return bound
            }
        }
        guard let table = try tables.table(named: name.parts.map(\.value)) else {
            let known = commonTableExpressions.flatMap { $0.values.map(\.name.value) } + tables.tableNames()
            var message = "Table '\(name)' not found."
            if let suggestion = NameSuggestion.closest(to: name.description, among: known) { message += " Did you mean '\(suggestion)'?" }
            throw errors.make("query.unknownTable", message, at: name.span,
                              hint: "Read lake files with read_parquet('path'), read_json('path') or read_csv('path'), or crawl them into the catalog.")
        }
        let scan = LogicalScan(table: table, columns: Array(table.schema.fields.indices))
        return BoundRelation(plan: .scan(scan), scope: Scope(schema: table.schema, qualifier: nil))
    }

    /// The relation's columns qualified by its alias (or default name), renamed by `AS t(a, b)`.
    private func aliased(_ bound: BoundRelation, alias: TableAlias?, defaultQualifier: String?) throws(SluiceError) -> BoundRelation {
        var result = bound
        if let alias, !alias.columns.isEmpty {
            result = try renamed(result, columns: alias.columns, span: alias.span, what: alias.name.value)
        }
        let qualifier = (alias?.name.value ?? defaultQualifier)?.lowercased()
        for index in result.scope.columns.indices {
            result.scope.columns[index].qualifiers = qualifier.map { [$0] } ?? []
        }
        return result
    }

    private func renamed(_ bound: BoundRelation, columns: [Identifier], span: SourceSpan, what: String) throws(SluiceError) -> BoundRelation {
        var result = bound
        let visible = result.scope.columns.indices
        guard columns.count == visible.count else {
            throw errors.make("query.aliasCount", "\(what) names \(columns.count) columns but the relation has \(visible.count).", at: span,
                              hint: "Give one name per column.")
        }
        for (index, name) in zip(visible, columns) { result.scope.columns[index].name = name.value }
        return result
    }

    private func bindJoin(_ join: Join, outer: Scope?) throws(SluiceError) -> BoundRelation {
        let left = try bindRelation(join.left, outer: outer)
        if case .unnest(let arguments, let withOrdinality, let alias, let span) = join.right {
            guard join.kind == .cross || join.kind == .inner else {
                throw errors.unsupported("\(join.kind.rawValue) JOIN UNNEST", at: span, hint: "Use CROSS JOIN UNNEST(…).")
            }
            return try bindUnnest(arguments, withOrdinality: withOrdinality, alias: alias, over: left, span: span)
        }
        let right = try bindRelation(join.right, outer: outer)
        let type: JoinType
        switch join.kind {
        case .inner, .cross: type = .inner
        case .left: type = .left
        case .right: type = .right
        case .full: type = .full
        }
        let combined = left.scope.appending(right.scope, offset: left.plan.schema.count)
        switch join.criteria {
        case nil:
            return self.join(left, right, type: type, condition: nil)
        case .on(let expression):
            var context = ExpressionContext(scope: combined, clause: "JOIN … ON", outer: outer)
            context.outer = outer
            let condition = try requireBoolean(try bindExpression(expression, context), what: "ON", at: expression.span)
            return self.join(left, right, type: type, condition: condition)
        case .using(let names):
            return try joinUsing(left, right, names: names.map { ($0.value, $0.span) }, type: type, span: join.span)
        case .natural:
            let rightNames = Set(right.scope.columns.map { $0.name.lowercased() })
            let shared = left.scope.columns.map(\.name).filter { rightNames.contains($0.lowercased()) }
            return try joinUsing(left, right, names: shared.map { ($0, join.span) }, type: type, span: join.span)
        }
    }

    func join(_ left: BoundRelation, _ right: BoundRelation, type: JoinType, condition: BoundExpression?) -> BoundRelation {
        let leftSchema = left.plan.schema
        let schema = LogicalPlan.joinSchema(leftSchema, right.plan.schema, type: type)
        return BoundRelation(plan: .join(left.plan, right.plan, type: type, condition: condition, schema: schema),
                             scope: left.scope.appending(right.scope, offset: leftSchema.count))
    }

    /// `USING (a, b)`: equality on the named columns, which then appear once, first.
    private func joinUsing(_ left: BoundRelation, _ right: BoundRelation, names: [(String, SourceSpan)], type: JoinType,
                           span: SourceSpan) throws(SluiceError) -> BoundRelation {
        let offset = left.plan.schema.count
        var conditions: [BoundExpression] = []
        var pairs: [(Scope.Column, Scope.Column)] = []
        for (name, nameSpan) in names {
            let leftMatches = left.scope.matches(name: name, qualifier: nil)
            let rightMatches = right.scope.matches(name: name, qualifier: nil)
            guard leftMatches.count == 1, rightMatches.count == 1 else {
                let side = leftMatches.count != 1 ? left.scope : right.scope
                if leftMatches.count > 1 || rightMatches.count > 1 {
                    throw errors.ambiguousColumn(name, candidates: leftMatches.count > 1 ? leftMatches : rightMatches, at: nameSpan)
                }
                throw errors.unknownColumn(name, qualifier: nil, scope: side, at: nameSpan)
            }
            let leftColumn = leftMatches[0]
            var rightColumn = rightMatches[0]
            rightColumn.index += offset
            pairs.append((leftColumn, rightColumn))
            let equal = try bindComparison(
                "=", .column(index: leftColumn.index, type: leftColumn.type, name: leftColumn.name),
                .column(index: rightColumn.index, type: rightColumn.type, name: rightColumn.name),
                expression: Expression(.identifier(Identifier(name)), span: nameSpan))
            conditions.append(equal)
        }
        let joined = join(left, right, type: type, condition: BoundExpression.conjunction(conditions))
        // Output: the USING columns once (coalesced for FULL joins), then the others.
        let allColumns = joined.scope.columns
        let usedIndices = Set(pairs.flatMap { [$0.0.index, $0.1.index] })
        var expressions: [BoundExpression] = []
        var columns: [Scope.Column] = []
        for (leftColumn, rightColumn) in pairs {
            let leftExpression = BoundExpression.column(index: leftColumn.index, type: leftColumn.type, name: leftColumn.name)
            let rightExpression = BoundExpression.column(index: rightColumn.index, type: rightColumn.type, name: rightColumn.name)
            let expression: BoundExpression
            switch type {
            case .right: expression = rightExpression
            case .full:
                let common = FunctionRegistry.commonSuperType(leftColumn.type, rightColumn.type) ?? leftColumn.type
                expression = .coalesce([coerce(leftExpression, to: common), coerce(rightExpression, to: common)], type: common)
            default: expression = leftExpression
            }
            expressions.append(expression)
            columns.append(Scope.Column(qualifiers: leftColumn.qualifiers + rightColumn.qualifiers, name: leftColumn.name,
                                        type: expression.type, index: columns.count))
        }
        for column in allColumns where !usedIndices.contains(column.index) {
            expressions.append(.column(index: column.index, type: column.type, name: column.name))
            var moved = column
            moved.index = columns.count
            columns.append(moved)
        }
        let schema = Schema(zip(columns, expressions).map { Field($0.name, $1.type) })
        return BoundRelation(plan: .project(joined.plan, expressions: expressions, schema: schema), scope: Scope(columns: columns))
    }

    /// `UNNEST(arrays…)` over each row of `input` (a lateral join when input is a table).
    private func bindUnnest(_ arguments: [Expression], withOrdinality: Bool, alias: TableAlias?, over input: BoundRelation,
                            span: SourceSpan) throws(SluiceError) -> BoundRelation {
        let context = ExpressionContext(scope: input.scope, clause: "UNNEST")
        var arrays: [BoundExpression] = []
        var fields: [Field] = []
        for argument in arguments {
            let bound = try bindExpression(argument, context)
            switch bound.type {
            case .list(.struct(let rowFields)) where !rowFields.isEmpty:
                // Arrays of rows unnest into one column per field, as in Trino.
                fields += rowFields
            case .list(let element):
                fields.append(Field("_unnest\(fields.count)", element))
            case .map(let key, let value):
                fields.append(Field("key", key))
                fields.append(Field("value", value))
            default:
                if isNullLiteral(bound) {
                    fields.append(Field("_unnest\(fields.count)", .boolean))
                    arrays.append(.literal(.null, .list(.boolean)))
                    continue
                }
                throw errors.make("query.badUnnest", "UNNEST needs an array or a map, but `\(argument.sqlText)` is \(bound.type).",
                                  at: argument.span)
            }
            arrays.append(bound)
        }
        if withOrdinality { fields.append(Field("ordinality", .int64)) }
        if let alias, !alias.columns.isEmpty {
            guard alias.columns.count == fields.count else {
                throw errors.make("query.aliasCount", "UNNEST gives \(fields.count) columns but \(alias.name.value) names \(alias.columns.count).",
                                  at: alias.span, hint: "Give one name per column.")
            }
            for (index, name) in alias.columns.enumerated() { fields[index].name = name.value }
        }
        let inputSchema = input.plan.schema
        let schema = Schema(inputSchema.fields + fields)
        let qualifier = alias?.name.value.lowercased()
        var scope = input.scope
        for (offset, field) in fields.enumerated() {
            scope.columns.append(Scope.Column(qualifiers: qualifier.map { [$0] } ?? [], name: field.name, type: field.type,
                                              index: inputSchema.count + offset))
        }
        return BoundRelation(plan: .unnest(input.plan, arrays: arrays, withOrdinality: withOrdinality, schema: schema), scope: scope)
    }
}
