import SluiceCore

/// `count(DISTINCT x)`, `sum(DISTINCT x)`, `avg(DISTINCT x)`: a set of (group, value) pairs
/// (a ``KeyTable``) feeds each pair's value to the plain aggregate the first time it is seen.
/// Merging lanes inserts the other lane's pairs under the merged groups, so a value seen in
/// two lanes still counts once; the other lane's plain states are never added.
final class DistinctAccumulator: GroupAccumulator {
    private let valueType: DataType
    private let pairs: KeyTable
    private let inner: any GroupAccumulator
    /// The pairs as columns (group, value), made by ``sealForMerge()`` for readers on other threads.
    private var sealedPairs: [Column] = []

    init(valueType: DataType, inner: any GroupAccumulator) throws(SluiceError) {
        self.valueType = valueType
        self.inner = inner
        pairs = try KeyTable(keyTypes: [.int32, valueType], nullsAreKeys: true, operatorName: "DISTINCT aggregate")
    }

    private init(valueType: DataType, inner: any GroupAccumulator, pairs: KeyTable) {
        self.valueType = valueType
        self.inner = inner
        self.pairs = pairs
    }

    func reserveGroups(_ groupCount: Int) { inner.reserveGroups(groupCount) }

    func update(groups: [Int32], column: Column?, rowCount: Int) throws(SluiceError) {
        guard let column else { return }
        var groupColumn = Column(type: .int32, count: rowCount, validity: nil, storage: .int32(groups))
        var values = column
        if column.nullCount > 0 {
            var present: [Int32] = []
            present.reserveCapacity(rowCount - column.nullCount)
            for row in 0..<rowCount where !column.isNull(row) { present.append(Int32(truncatingIfNeeded: row)) }
            groupColumn = groupColumn.take(present)
            values = column.take(present)
        }
        let before = pairs.groupCount
        let ids = pairs.findOrInsert(pairs.prepare([groupColumn, values], rowCount: values.count))
        // New pairs get ids in order of first appearance, so a pair's first row is where its id is next.
        var fresh: [Int32] = []
        var nextNew = Int32(truncatingIfNeeded: before)
        for (row, id) in ids.enumerated() where id == nextNew {
            fresh.append(Int32(truncatingIfNeeded: row))
            nextNew += 1
        }
        if fresh.isEmpty { return }
        guard case .int32(let freshGroups) = groupColumn.take(fresh).storage else { return }
        try inner.update(groups: freshGroups, column: values.take(fresh), rowCount: fresh.count)
    }

    func sealForMerge() { sealedPairs = pairs.keyColumns(0..<pairs.groupCount) }

    func merge(_ other: any GroupAccumulator, sources: [Int32], targets: [Int32]) throws(SluiceError) {
        let other = try sameKind(other, as: DistinctAccumulator.self)
        guard other.sealedPairs.count == 2, case .int32(let pairGroups) = other.sealedPairs[0].storage else { return }
        var targetOf = [Int32](repeating: -1, count: Int(sources.max() ?? -1) + 1)
        for (source, target) in zip(sources, targets) { targetOf[Int(source)] = target }
        var selected: [Int32] = []
        var mapped: [Int32] = []
        for (index, group) in pairGroups.enumerated() where Int(group) < targetOf.count && targetOf[Int(group)] >= 0 {
            selected.append(Int32(truncatingIfNeeded: index))
            mapped.append(targetOf[Int(group)])
        }
        if selected.isEmpty { return }
        try update(groups: mapped, column: other.sealedPairs[1].take(selected), rowCount: selected.count)
    }

    func emptyCopy() -> any GroupAccumulator {
        DistinctAccumulator(valueType: valueType, inner: inner.emptyCopy(), pairs: pairs.emptyCopy())
    }

    func finish(_ range: Range<Int>) throws(SluiceError) -> Column { try inner.finish(range) }

    var memoryUsedBytes: Int { pairs.memoryUsedBytes + inner.memoryUsedBytes }
}
