import SluiceCore
import SluiceFormats

/// Turns an optimized logical plan into running operators. Scans split into lanes (one per
/// thread) that pull scan units from a shared queue; filters, projections and unnests run
/// inside each lane; aggregation, joins, sorts and windows gather the lanes and use both
/// cores themselves.
struct PhysicalPlanner {
    let options: QueryOptions
    /// The query's memory budget and spill folder, shared by every operator made here.
    let context: ExecutionContext

    /// One operator producing the plan's rows (lanes gathered).
    func single(_ plan: LogicalPlan) throws(SluiceError) -> any PhysicalOperator {
        gather(try lanes(plan))
    }

    private func gather(_ lanes: [any PhysicalOperator]) -> any PhysicalOperator {
        lanes.count == 1 ? lanes[0] : PhysicalGather(lanes: lanes)
    }

    /// Independent operators that together produce the plan's rows.
    func lanes(_ plan: LogicalPlan) throws(SluiceError) -> [any PhysicalOperator] {
        let threads = max(1, options.threads)
        switch plan {
        case .scan(let scan):
            return try scanLanes(scan)
        case .values(let schema, let batches):
            return [BatchesOperator(schema: schema, batches: batches)]
        case .filter(let input, let predicate):
            return try lanes(input).map { PhysicalFilter(input: $0, predicate: predicate) }
        case .project(let input, let expressions, let schema):
            return try lanes(input).map { PhysicalProject(input: $0, expressions: expressions, schema: schema) }
        case .unnest(let input, let arrays, let withOrdinality, let schema):
            return try lanes(input).map { PhysicalUnnest(input: $0, arrays: arrays, withOrdinality: withOrdinality, schema: schema) }
        case .aggregate(let input, let keys, let aggregates, _):
            return [try PhysicalHashAggregate(inputs: try lanes(input), groupKeys: keys, aggregates: aggregates, threads: threads, context: context)]
        case .join(let left, let right, let type, let condition, let schema):
            return [try join(left, right, type: type, condition: condition, schema: schema)]
        case .sort(let input, let keys, let limit, let offset):
            return [PhysicalSort(inputs: try lanes(input), keys: keys, limit: limit, offset: offset, threads: threads, context: context)]
        case .limit(let input, let limit, let offset):
            return [PhysicalLimit(input: try single(input), limit: limit, offset: offset)]
        case .window(let input, let partitionKeys, let orderKeys, let calls, _):
            return [PhysicalWindow(inputs: try lanes(input), partitionKeys: partitionKeys, orderKeys: orderKeys, calls: calls, threads: threads, context: context)]
        case .unionAll(let inputs, let schema):
            var parts: [any PhysicalOperator] = []
            for input in inputs {
                // Inputs may name columns differently; the union's names win.
                let part = try single(input)
                parts.append(part.schema == schema ? part
                    : PhysicalProject(input: part, expressions: schema.fields.enumerated().map { .column(index: $0.offset, type: $0.element.type, name: $0.element.name) },
                                      schema: schema))
            }
            return [PhysicalUnionAll(inputs: parts)]
        case .setOperation(let left, let right, let kind, let isAll):
            return [try PhysicalSetOperation(left: try single(left), right: try single(right), kind: kind, isAll: isAll, context: context)]
        }
    }

    // MARK: - Scans

    private func scanLanes(_ scan: LogicalScan) throws(SluiceError) -> [any PhysicalOperator] {
        let schema = scan.schema
        let names = schema.names
        let planned = try scan.table.scanUnits(columns: names, predicate: scan.statisticsFilter)
        var units = planned.units
        let total = units.count + planned.skippedByStatistics
        var detail = ""
        if !scan.partitionFilters.isEmpty {
            units = try prune(units, table: scan.table, schema: schema, filters: scan.partitionFilters)
            detail += " partitions: " + scan.partitionFilters.map(\.displayText).joined(separator: " AND ")
        }
        if let predicate = scan.statisticsFilter { detail += " statistics: \(predicate)" }
        let threads = max(1, options.threads)
        let laneCount = max(1, min(threads, units.count))
        // Fewer units than threads: each reader decodes on several threads instead.
        let readerThreads = units.count >= threads ? 1 : threads
        let queue = ScanUnitQueue(units: units, skippedUnitCount: total - units.count, readerThreads: readerThreads)
        return (0..<laneCount).map { _ in ScanOperator(schema: schema, queue: queue, tableName: scan.table.displayName, detail: detail) }
    }

    /// The units whose partition values pass every filter (filters read only partition columns).
    private func prune(_ units: [ScanUnit], table: any TableSource, schema: Schema, filters: [BoundExpression]) throws(SluiceError) -> [ScanUnit] {
        guard !units.isEmpty else { return units }
        var columns: [Column] = []
        for field in schema.fields {
            if let key = table.partitionColumns.firstIndex(of: field.name) {
                let builder = ColumnBuilder(type: field.type, capacity: units.count)
                for unit in units { try builder.append(value: unit.partitionValues[key]) }
                columns.append(builder.finish())
            } else {
                columns.append(Column.nulls(field.type, count: units.count))
            }
        }
        let batch = try RecordBatch(schema: schema, columns: columns)
        var kept = Array(0..<Int32(units.count))
        for filter in filters {
            let selection = try ExpressionEvaluator.select(filter, on: batch.take(kept))
            kept = selection.map { kept[Int($0)] }
        }
        return kept.map { units[Int($0)] }
    }

    // MARK: - Joins

    private func join(_ left: LogicalPlan, _ right: LogicalPlan, type: JoinType, condition: BoundExpression?,
                      schema: Schema) throws(SluiceError) -> any PhysicalOperator {
        let leftCount = left.schema.count
        var leftKeys: [BoundExpression] = []
        var rightKeys: [BoundExpression] = []
        var residual: [BoundExpression] = []
        for conjunct in condition?.conjuncts ?? [] {
            if case .call(let function, let arguments) = conjunct, function.name == "=", arguments.count == 2 {
                let first = arguments[0].columnsUsed
                let second = arguments[1].columnsUsed
                if !first.isEmpty, !second.isEmpty, first.allSatisfy({ $0 < leftCount }), second.allSatisfy({ $0 >= leftCount }) {
                    leftKeys.append(arguments[0])
                    rightKeys.append(arguments[1].remappingColumns { $0 - leftCount })
                    continue
                }
                if !first.isEmpty, !second.isEmpty, second.allSatisfy({ $0 < leftCount }), first.allSatisfy({ $0 >= leftCount }) {
                    leftKeys.append(arguments[1])
                    rightKeys.append(arguments[0].remappingColumns { $0 - leftCount })
                    continue
                }
            }
            residual.append(conjunct)
        }
        let threads = max(1, options.threads)
        guard !leftKeys.isEmpty else {
            let filter = BoundExpression.conjunction(residual).map(joinFilter)
            return try PhysicalNestedLoopJoin(left: try lanes(left), right: try single(right), type: type, filter: filter, threads: threads,
                                              context: context)
        }
        // Build on the smaller side: swap an inner or outer join whose left input is smaller.
        let swappable: [JoinType: JoinType] = [.inner: .inner, .left: .right, .right: .left, .full: .full]
        if let swappedType = swappable[type], left.estimatedSizeBytes < right.estimatedSizeBytes {
            let rightCount = right.schema.count
            let swappedResidual = residual.map { $0.remappingColumns { $0 < leftCount ? $0 + rightCount : $0 - leftCount } }
            let swapped = try hashJoin(right, left, leftKeys: rightKeys, rightKeys: leftKeys, type: swappedType, residual: swappedResidual)
            // Back to left-then-right order.
            let order = (0..<leftCount).map { rightCount + $0 } + (0..<rightCount).map { $0 }
            return PhysicalProject(input: swapped, expressions: order.enumerated().map { position, index in
                .column(index: index, type: schema.fields[position].type, name: schema.fields[position].name)
            }, schema: schema)
        }
        return try hashJoin(left, right, leftKeys: leftKeys, rightKeys: rightKeys, type: type, residual: residual)
    }

    /// A hash join on key expressions: keys that are not plain columns are computed into
    /// extra columns first, and dropped again after the join.
    private func hashJoin(_ left: LogicalPlan, _ right: LogicalPlan, leftKeys: [BoundExpression], rightKeys: [BoundExpression],
                          type: JoinType, residual: [BoundExpression]) throws(SluiceError) -> any PhysicalOperator {
        let (leftLanes, leftIndices, leftExtra) = try withKeyColumns(left, keys: leftKeys)
        let (rightLanes, rightIndices, rightExtra) = try withKeyColumns(right, keys: rightKeys)
        let leftCount = left.schema.count
        let rightCount = right.schema.count
        // The residual reads the joined batch, where the right side starts after any extra left columns.
        let filter = BoundExpression.conjunction(residual)
            .map { $0.remappingColumns { $0 < leftCount ? $0 : $0 + leftExtra } }
            .map(joinFilter)
        let join = try PhysicalHashJoin(left: leftLanes, right: rightLanes, leftKeys: leftIndices, rightKeys: rightIndices,
                                        type: type, filter: filter, threads: max(1, options.threads), context: context)
        guard leftExtra > 0 || rightExtra > 0 else { return join }
        var kept = Array(0..<leftCount)
        if !type.outputsLeftOnly { kept += (0..<rightCount).map { leftCount + leftExtra + $0 } }
        let joinedSchema = join.schema
        return PhysicalProject(input: join, expressions: kept.map { .column(index: $0, type: joinedSchema.fields[$0].type, name: joinedSchema.fields[$0].name) },
                               schema: Schema(kept.map { joinedSchema.fields[$0] }))
    }

    private func withKeyColumns(_ plan: LogicalPlan, keys: [BoundExpression]) throws(SluiceError) -> ([any PhysicalOperator], [Int], Int) {
        let inputLanes = try lanes(plan)
        let schema = plan.schema
        var expressions = schema.fields.enumerated().map { BoundExpression.column(index: $0.offset, type: $0.element.type, name: $0.element.name) }
        var indices: [Int] = []
        for key in keys {
            if case .column(let index, _, _) = key {
                indices.append(index)
            } else {
                expressions.append(key)
                indices.append(expressions.count - 1)
            }
        }
        let extra = expressions.count - schema.count
        guard extra > 0 else { return (inputLanes, indices, 0) }
        let extended = Schema(schema.fields + expressions.suffix(extra).enumerated().map { Field("_joinkey\($0.offset)", $0.element.type) })
        return (inputLanes.map { PhysicalProject(input: $0, expressions: expressions, schema: extended) }, indices, extra)
    }

    private func joinFilter(_ predicate: BoundExpression) -> JoinFilter {
        { batch throws(SluiceError) in try ExpressionEvaluator.evaluate(predicate, on: batch) }
    }
}
