import SluiceCore

/// `count(*)` (no input column: every row) and `count(x)` (non-null values), as bigint.
final class CountAccumulator: GroupAccumulator {
    private var counts: [Int64] = []

    func reserveGroups(_ groupCount: Int) { growStates(&counts, to: groupCount, with: 0) }

    func update(groups: [Int32], column: Column?, rowCount: Int) throws(SluiceError) {
        let validity = column?.validity
        counts.withUnsafeMutableBufferPointer { counts in
            groups.withUnsafeBufferPointer { groups in
                if let validity {
                    for row in 0..<rowCount where validity[row] { counts[Int(groups[row])] &+= 1 }
                } else {
                    for row in 0..<rowCount { counts[Int(groups[row])] &+= 1 }
                }
            }
        }
    }

    func merge(_ other: any GroupAccumulator, sources: [Int32], targets: [Int32]) throws(SluiceError) {
        let other = try sameKind(other, as: CountAccumulator.self)
        for (source, target) in zip(sources, targets) { counts[Int(target)] &+= other.counts[Int(source)] }
    }

    func emptyCopy() -> any GroupAccumulator { CountAccumulator() }

    func finish(_ range: Range<Int>) throws(SluiceError) -> Column {
        Column(type: .int64, count: range.count, validity: nil, storage: .int64(Array(counts[range])))
    }

    var memoryUsedBytes: Int { counts.count * 8 }
}
