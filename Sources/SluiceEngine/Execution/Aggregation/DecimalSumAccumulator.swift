import SluiceCore

/// `sum` of a decimal(p,s) column as decimal(38,s) in 128-bit integers; a total past 38
/// digits is an error, never a wrapped number.
final class DecimalSumAccumulator: GroupAccumulator {
    private let name: String
    private let resultType: DataType
    private var sums: [Int128] = []
    private var seen: [Bool] = []

    /// The largest unscaled decimal(38,s): 10^38 - 1.
    static let maximumUnscaled: Int128 = Value.powerOfTen(DataType.maximumDecimalPrecision) - 1

    init(name: String, resultType: DataType) {
        self.name = name
        self.resultType = resultType
    }

    func reserveGroups(_ groupCount: Int) {
        growStates(&sums, to: groupCount, with: 0)
        growStates(&seen, to: groupCount, with: false)
    }

    func update(groups: [Int32], column: Column?, rowCount: Int) throws(SluiceError) {
        guard let column else { return }
        let values = try column.elements(Int128.self)
        let validity = column.validity
        var overflowed = false
        sums.withUnsafeMutableBufferPointer { sums in
            seen.withUnsafeMutableBufferPointer { seen in
                groups.withUnsafeBufferPointer { groups in
                    values.withUnsafeBufferPointer { values in
                        for row in 0..<rowCount {
                            if let validity, !validity[row] { continue }
                            let group = Int(groups[row])
                            let (sum, overflow) = sums[group].addingReportingOverflow(values[row])
                            overflowed = overflowed || overflow
                            sums[group] = sum
                            seen[group] = true
                        }
                    }
                }
            }
        }
        if overflowed { throw SumOverflow.decimal(name) }
    }

    func merge(_ other: any GroupAccumulator, sources: [Int32], targets: [Int32]) throws(SluiceError) {
        let other = try sameKind(other, as: DecimalSumAccumulator.self)
        for (source, target) in zip(sources, targets) where other.seen[Int(source)] {
            let (sum, overflow) = sums[Int(target)].addingReportingOverflow(other.sums[Int(source)])
            if overflow { throw SumOverflow.decimal(name) }
            sums[Int(target)] = sum
            seen[Int(target)] = true
        }
    }

    func emptyCopy() -> any GroupAccumulator { DecimalSumAccumulator(name: name, resultType: resultType) }

    func finish(_ range: Range<Int>) throws(SluiceError) -> Column {
        for group in range where seen[group] && sums[group].magnitude > Self.maximumUnscaled.magnitude {
            throw SumOverflow.decimal(name)
        }
        return Column(type: resultType, count: range.count, validity: validity(from: seen, range), storage: .decimal(Array(sums[range])))
    }

    var memoryUsedBytes: Int { sums.count * 17 }
}
