import SluiceCore

/// Carries only the columns a query uses: scans read just those (Parquet then decodes only
/// their column chunks), projections drop unused expressions, aggregations unused aggregates.
/// Every node keeps at least one column, so batches keep their row counts.
enum ColumnPruning {
    static func apply(_ plan: LogicalPlan) -> LogicalPlan {
        exactly(plan, Array(0..<plan.schema.count))
    }

    /// The plan reduced to output exactly `columns` of its original output, in that order.
    static func exactly(_ plan: LogicalPlan, _ columns: [Int]) -> LogicalPlan {
        let (pruned, mapping) = prune(plan, Set(columns))
        let positions = columns.compactMap { mapping[$0] }
        let schema = pruned.schema
        if positions == Array(0..<schema.count) { return pruned }
        return .project(pruned, expressions: positions.map { .column(index: $0, type: schema.fields[$0].type, name: schema.fields[$0].name) },
                        schema: Schema(positions.map { schema.fields[$0] }))
    }

    /// A plan producing at least the `required` columns, and where each now is.
    private static func prune(_ plan: LogicalPlan, _ required: Set<Int>) -> (LogicalPlan, [Int: Int]) {
        switch plan {
        case .scan(var scan):
            var keep = required.union(scan.partitionFilters.flatMap(\.columnsUsed)).sorted()
            if keep.isEmpty && !scan.columns.isEmpty { keep = [cheapestColumn(scan)] }
            let mapping = Dictionary(uniqueKeysWithValues: keep.enumerated().map { ($1, $0) })
            scan.columns = keep.map { scan.columns[$0] }
            scan.partitionFilters = scan.partitionFilters.map { $0.remappingColumns { mapping[$0] ?? $0 } }
            return (.scan(scan), mapping)

        case .values:
            return (plan, identity(plan.schema.count))

        case .filter(let input, let predicate):
            let (child, mapping) = prune(input, required.union(predicate.columnsUsed))
            return (.filter(child, predicate: predicate.remappingColumns { mapping[$0] ?? $0 }), mapping)

        case .project(let input, let expressions, let schema):
            var keep = required.sorted()
            if keep.isEmpty && !expressions.isEmpty { keep = [0] }
            let kept = keep.map { expressions[$0] }
            let (child, childMapping) = prune(input, Set(kept.flatMap(\.columnsUsed)))
            let remapped = kept.map { $0.remappingColumns { childMapping[$0] ?? $0 } }
            return (.project(child, expressions: remapped, schema: Schema(keep.map { schema.fields[$0] })),
                    Dictionary(uniqueKeysWithValues: keep.enumerated().map { ($1, $0) }))

        case .aggregate(let input, let keys, let aggregates, let schema):
            var keptAggregates = aggregates.indices.filter { required.contains(keys.count + $0) }
            if keys.isEmpty && keptAggregates.isEmpty && !aggregates.isEmpty { keptAggregates = [0] }
            let needed = Set(keys).union(keptAggregates.compactMap { aggregates[$0].input })
            let (child, childMapping) = prune(input, needed)
            let newKeys = keys.map { childMapping[$0] ?? $0 }
            let newAggregates = keptAggregates.map { index -> AggregateCall in
                var call = aggregates[index]
                call.input = call.input.map { childMapping[$0] ?? $0 }
                return call
            }
            var mapping = identity(keys.count)
            for (position, index) in keptAggregates.enumerated() { mapping[keys.count + index] = keys.count + position }
            let fields = Array(schema.fields.prefix(keys.count)) + keptAggregates.map { schema.fields[keys.count + $0] }
            return (.aggregate(child, groupKeys: newKeys, aggregates: newAggregates, schema: Schema(fields)), mapping)

        case .join(let left, let right, let type, let condition, _):
            let leftCount = left.schema.count
            let used = required.union(condition?.columnsUsed ?? [])
            let (leftChild, leftMapping) = prune(left, Set(used.filter { $0 < leftCount }))
            let (rightChild, rightMapping) = prune(right, Set(used.filter { $0 >= leftCount }.map { $0 - leftCount }))
            let newLeftCount = leftChild.schema.count
            var mapping = leftMapping
            for (old, new) in rightMapping { mapping[old + leftCount] = new + newLeftCount }
            let newCondition = condition?.remappingColumns { mapping[$0] ?? $0 }
            let schema = LogicalPlan.joinSchema(leftChild.schema, rightChild.schema, type: type)
            return (.join(leftChild, rightChild, type: type, condition: newCondition, schema: schema),
                    mapping.filter { $0.key < leftCount || !type.outputsLeftOnly })

        case .sort(let input, let keys, let limit, let offset):
            let (child, mapping) = prune(input, required.union(keys.map(\.column)))
            let newKeys = keys.map { key in SortKey(column: mapping[key.column] ?? key.column, isAscending: key.isAscending, nullsFirst: key.nullsFirst) }
            return (.sort(child, keys: newKeys, limit: limit, offset: offset), mapping)

        case .limit(let input, let limit, let offset):
            let (child, mapping) = prune(input, required)
            return (.limit(child, limit: limit, offset: offset), mapping)

        case .window(let input, let partitionKeys, let orderKeys, let calls, let schema):
            let inputCount = input.schema.count
            let needed = Set(required.filter { $0 < inputCount }).union(partitionKeys).union(orderKeys.map(\.column))
                .union(calls.compactMap(\.input))
            let (child, childMapping) = prune(input, needed)
            let newCount = child.schema.count
            var mapping = childMapping
            for index in calls.indices { mapping[inputCount + index] = newCount + index }
            let newCalls = calls.map { call -> WindowCall in
                var moved = call
                moved.input = call.input.map { childMapping[$0] ?? $0 }
                return moved
            }
            let newSchema = Schema(child.schema.fields + schema.fields.suffix(calls.count))
            return (.window(child, partitionKeys: partitionKeys.map { childMapping[$0] ?? $0 },
                            orderKeys: orderKeys.map { SortKey(column: childMapping[$0.column] ?? $0.column, isAscending: $0.isAscending, nullsFirst: $0.nullsFirst) },
                            calls: newCalls, schema: newSchema), mapping)

        case .unionAll(let inputs, let schema):
            var keep = required.sorted()
            if keep.isEmpty { keep = [0] }
            return (.unionAll(inputs.map { exactly($0, keep) }, schema: Schema(keep.map { schema.fields[$0] })),
                    Dictionary(uniqueKeysWithValues: keep.enumerated().map { ($1, $0) }))

        case .setOperation(let left, let right, let kind, let isAll):
            let all = Array(0..<left.schema.count)
            return (.setOperation(exactly(left, all), exactly(right, all), kind: kind, isAll: isAll), identity(all.count))

        case .unnest(let input, let arrays, let withOrdinality, let schema):
            let inputCount = input.schema.count
            let needed = Set(required.filter { $0 < inputCount }).union(arrays.flatMap(\.columnsUsed))
            let (child, childMapping) = prune(input, needed)
            let newCount = child.schema.count
            var mapping = childMapping
            for index in inputCount..<schema.count { mapping[index] = newCount + index - inputCount }
            return (.unnest(child, arrays: arrays.map { $0.remappingColumns { childMapping[$0] ?? $0 } }, withOrdinality: withOrdinality,
                            schema: Schema(child.schema.fields + schema.fields.suffix(schema.count - inputCount))), mapping)
        }
    }

    private static func identity(_ count: Int) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: (0..<count).map { ($0, $0) })
    }

    /// The column cheapest to read when a scan needs none (`count(*)`): a partition column
    /// (no data read), else the narrowest fixed-width column.
    private static func cheapestColumn(_ scan: LogicalScan) -> Int {
        let fields = scan.columns.map { scan.table.schema.fields[$0] }
        if let partition = fields.firstIndex(where: { scan.table.partitionColumns.contains($0.name) }) { return partition }
        func cost(_ type: DataType) -> Int {
            switch type {
            case .boolean, .int8: 1
            case .int16: 2
            case .int32, .float32, .date: 4
            case .int64, .float64, .timestamp: 8
            case .decimal: 16
            default: 100
            }
        }
        return fields.indices.min { cost(fields[$0].type) < cost(fields[$1].type) } ?? 0
    }
}

extension JoinType {
    /// Semi and anti joins output the left side's columns only.
    var outputsLeftOnly: Bool { self == .leftSemi || self == .leftAnti || self == .leftAntiNullAware }
}

extension LogicalPlan {
    /// A join's output: left then right columns (left only for semi/anti joins), the side an
    /// outer join may leave unmatched made nullable.
    static func joinSchema(_ left: Schema, _ right: Schema, type: JoinType) -> Schema {
        if type.outputsLeftOnly { return left }
        return Schema(
            left.fields.map { Field($0.name, $0.type, isNullable: $0.isNullable || type == .right || type == .full) }
                + right.fields.map { Field($0.name, $0.type, isNullable: $0.isNullable || type == .left || type == .full) })
    }
}
