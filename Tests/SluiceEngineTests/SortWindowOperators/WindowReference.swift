import SluiceCore
@testable import SluiceEngine

/// A straightforward (quadratic) window evaluation over boxed rows, to check PhysicalWindow:
/// rows sorted by partition keys then order keys (stably, like the operator), and every call
/// computed from its frame's rows directly.
enum WindowReference {
    typealias Support = SortWindowTestSupport

    struct Overflow: Error {}

    /// Rows in output order, each followed by one value per call. Throws ``Overflow`` when an
    /// integer or decimal sum leaves its type.
    static func evaluate(
        laneRows: [[[Value]]], partitionKeys: [Int], orderKeys: [SortKey], calls: [WindowCall]
    ) throws -> [[Value]] {
        let keys = partitionKeys.map { SortKey(column: $0) } + orderKeys
        let sorted = Support.referenceSort(laneRows, keys: keys)
        var output: [[Value]] = []
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, Support.compareRows(sorted[start], sorted[end], keys: partitionKeys.map { SortKey(column: $0) }) == 0 {
                end += 1
            }
            let partition = Array(sorted[start..<end])
            let peers = Peers(partition, orderKeys: orderKeys)
            for index in partition.indices {
                var row = partition[index]
                for call in calls { row.append(try value(call, index: index, partition: partition, peers: peers)) }
                output.append(row)
            }
            start = end
        }
        return output
    }

    /// Peer groups of a partition: rows equal on the order keys (adjacent once sorted).
    struct Peers {
        var start: [Int] = []
        var end: [Int] = []
        var denseRank: [Int] = []

        init(_ partition: [[Value]], orderKeys: [SortKey]) {
            var groupStart = 0
            var rank = 0
            for index in partition.indices {
                if index == 0 || Support.compareRows(partition[index], partition[index - 1], keys: orderKeys) != 0 {
                    groupStart = index
                    rank += 1
                }
                start.append(groupStart)
                denseRank.append(rank)
            }
            end = start.indices.map { index in
                var last = index
                while last + 1 < partition.count, start[last + 1] == start[index] { last += 1 }
                return last + 1
            }
        }
    }

    static func frame(_ bounds: WindowFrameBounds, index: Int, partition: [[Value]], peers: Peers) -> Range<Int> {
        let count = partition.count
        let reach = { (offset: Int) in min(offset, count + 1) }
        let peerStart = peers.start[index]
        let peerEnd = peers.end[index]
        let lower: Int
        switch bounds.start {
        case .unboundedPreceding: lower = 0
        case .preceding(let offset): lower = index - reach(offset)
        case .currentRow: lower = bounds.unit == .rows ? index : peerStart
        case .following(let offset): lower = index + reach(offset)
        case .unboundedFollowing: lower = count
        }
        let upper: Int
        switch bounds.end {
        case .unboundedPreceding: upper = 0
        case .preceding(let offset): upper = index - reach(offset) + 1
        case .currentRow: upper = bounds.unit == .rows ? index + 1 : peerEnd
        case .following(let offset): upper = index + reach(offset) + 1
        case .unboundedFollowing: upper = count
        }
        let clampedLower = min(max(lower, 0), count)
        let clampedUpper = min(max(upper, 0), count)
        return clampedLower..<max(clampedLower, clampedUpper)
    }

    static func value(_ call: WindowCall, index: Int, partition: [[Value]], peers: Peers) throws -> Value {
        switch call.function {
        case .rowNumber:
            return .int(Int64(index + 1))
        case .rank:
            return .int(Int64(peers.start[index] + 1))
        case .denseRank:
            return .int(Int64(peers.denseRank[index]))
        case .lag(let offset, let defaultValue):
            let target = index - offset
            return target >= 0 ? partition[target][call.input ?? 0] : defaultValue
        case .lead(let offset, let defaultValue):
            let target = index + offset
            return target < partition.count ? partition[target][call.input ?? 0] : defaultValue
        case .firstValue, .lastValue:
            let rows = frame(call.frame, index: index, partition: partition, peers: peers)
            guard !rows.isEmpty else { return .null }
            if case .firstValue = call.function { return partition[rows.lowerBound][call.input ?? 0] }
            return partition[rows.upperBound - 1][call.input ?? 0]
        case .aggregate(let kind):
            let rows = frame(call.frame, index: index, partition: partition, peers: peers)
            let values = rows.map { row in call.input.map { column in partition[row][column] } ?? .int(1) }
            return try aggregate(kind, values.filter { !$0.isNull }, allCount: values.count, resultType: call.resultType)
        }
    }

    static func aggregate(_ kind: AggregateKind, _ values: [Value], allCount: Int, resultType: DataType) throws -> Value {
        switch kind {
        case .countStar: return .int(Int64(allCount))
        case .count: return .int(Int64(values.count))
        case .min, .max:
            guard var best = values.first else { return .null }
            for value in values.dropFirst() {
                let order = value.compare(to: best)
                if kind == .min ? order == .less : order == .greater { best = value }
            }
            return best
        case .arbitrary: return values.first ?? .null
        case .boolAnd, .boolOr:
            guard !values.isEmpty else { return .null }
            let flags = values.map { $0 == .boolean(true) }
            return .boolean(kind == .boolAnd ? flags.allSatisfy { $0 } : flags.contains(true))
        case .sum, .avg:
            guard let first = values.first else { return .null }
            switch first {
            case .int:
                var total: Int128 = 0
                for case .int(let number) in values { total += Int128(number) }
                if kind == .avg { return .double(Double(total) / Double(values.count)) }
                guard let sum = Int64(exactly: total) else { throw Overflow() }
                return .int(sum)
            case .double:
                var total = 0.0
                for case .double(let number) in values { total += number }
                return .double(kind == .avg ? total / Double(values.count) : total)
            case .decimal(_, let scale):
                var total: Int128 = 0
                for case .decimal(let unscaled, _) in values { total += unscaled }
                guard case .decimal(let precision, let resultScale) = resultType else { return .null }
                var result = total * Value.powerOfTen(resultScale - scale)
                if kind == .avg {
                    let count = Int128(values.count)
                    let (quotient, remainder) = result.quotientAndRemainder(dividingBy: count)
                    result = quotient + (remainder.magnitude * 2 >= count.magnitude ? (result < 0 ? -1 : 1) : 0)
                }
                guard result.magnitude < Value.powerOfTen(precision).magnitude else { throw Overflow() }
                return .decimal(result, scale: resultScale)
            default: return .null
            }
        case .approxDistinct: return .null
        }
    }
}
