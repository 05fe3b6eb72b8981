import SluiceCore

extension LogicalPlan {
    /// The same node over new inputs (same count and schemas as ``inputs``).
    func withInputs(_ inputs: [LogicalPlan]) -> LogicalPlan {
        switch self {
        case .scan, .values: return self
        case .filter(_, let predicate): return .filter(inputs[0], predicate: predicate)
        case .project(_, let expressions, let schema): return .project(inputs[0], expressions: expressions, schema: schema)
        case .aggregate(_, let keys, let aggregates, let schema):
            return .aggregate(inputs[0], groupKeys: keys, aggregates: aggregates, schema: schema)
        case .join(_, _, let type, let condition, let schema):
            return .join(inputs[0], inputs[1], type: type, condition: condition, schema: schema)
        case .sort(_, let keys, let limit, let offset): return .sort(inputs[0], keys: keys, limit: limit, offset: offset)
        case .limit(_, let limit, let offset): return .limit(inputs[0], limit: limit, offset: offset)
        case .window(_, let partitionKeys, let orderKeys, let calls, let schema):
            return .window(inputs[0], partitionKeys: partitionKeys, orderKeys: orderKeys, calls: calls, schema: schema)
        case .unionAll(_, let schema): return .unionAll(inputs, schema: schema)
        case .setOperation(_, _, let kind, let isAll): return .setOperation(inputs[0], inputs[1], kind: kind, isAll: isAll)
        case .unnest(_, let arrays, let withOrdinality, let schema):
            return .unnest(inputs[0], arrays: arrays, withOrdinality: withOrdinality, schema: schema)
        }
    }

    /// A rough size of the node's output in bytes, for picking a join's build side.
    var estimatedSizeBytes: Double {
        switch self {
        case .scan(let scan):
            let fraction = Double(max(1, scan.columns.count)) / Double(max(1, scan.table.schema.count))
            let pruned = scan.partitionFilters.isEmpty ? 1.0 : 0.1
            return Double(scan.table.estimatedSizeBytes) * fraction * pruned
        case .values(let schema, let batches): return Double(batches.reduce(0) { $0 + $1.count } * max(1, schema.count) * 8)
        case .filter(let input, _): return input.estimatedSizeBytes * 0.5
        case .project(let input, _, _), .window(let input, _, _, _, _), .unnest(let input, _, _, _): return input.estimatedSizeBytes
        case .aggregate(let input, let keys, _, _): return keys.isEmpty ? 64 : input.estimatedSizeBytes * 0.2
        case .join(let left, let right, let type, _, _):
            return type == .leftSemi || type == .leftAnti || type == .leftAntiNullAware ? left.estimatedSizeBytes
                : max(left.estimatedSizeBytes, right.estimatedSizeBytes)
        case .sort(let input, _, let limit, _), .limit(let input, let limit, _):
            return limit.map { min(input.estimatedSizeBytes, Double($0) * 100) } ?? input.estimatedSizeBytes
        case .unionAll(let inputs, _): return inputs.reduce(0) { $0 + $1.estimatedSizeBytes }
        case .setOperation(let left, _, _, _): return left.estimatedSizeBytes
        }
    }
}
