import SluiceCore

/// `approx_distinct(x)`: one ``HyperLogLog`` sketch per group over the values' hashes (the
/// same hashes grouping uses, so equal values count once); bigint, 0 for a group without values.
final class ApproxDistinctAccumulator: GroupAccumulator {
    private var sketches: [HyperLogLog] = []

    func reserveGroups(_ groupCount: Int) { growStates(&sketches, to: groupCount, with: HyperLogLog()) }

    func update(groups: [Int32], column: Column?, rowCount: Int) throws(SluiceError) {
        guard let column else { return }
        let hashes = KeyHashing.hash(columns: [column], rowCount: rowCount)
        let validity = column.validity
        for row in 0..<rowCount {
            if let validity, !validity[row] { continue }
            sketches[Int(groups[row])].add(hashes[row])
        }
    }

    func merge(_ other: any GroupAccumulator, sources: [Int32], targets: [Int32]) throws(SluiceError) {
        let other = try sameKind(other, as: ApproxDistinctAccumulator.self)
        for (source, target) in zip(sources, targets) { sketches[Int(target)].merge(other.sketches[Int(source)]) }
    }

    func emptyCopy() -> any GroupAccumulator { ApproxDistinctAccumulator() }

    func finish(_ range: Range<Int>) throws(SluiceError) -> Column {
        Column(type: .int64, count: range.count, validity: nil, storage: .int64(range.map { sketches[$0].estimate }))
    }

    var memoryUsedBytes: Int { sketches.reduce(0) { $0 + 16 + $1.memoryUsedBytes } }
}
