import SluiceCore

/// `avg` of a decimal(p,s) column as decimal(p,s) (Trino's rule): exact 128-bit sums,
/// divided at the end and rounded half away from zero.
final class DecimalAverageAccumulator: GroupAccumulator {
    private let name: String
    private let resultType: DataType
    private var sums: [Int128] = []
    private var counts: [Int64] = []

    init(name: String, resultType: DataType) {
        self.name = name
        self.resultType = resultType
    }

    func reserveGroups(_ groupCount: Int) {
        growStates(&sums, to: groupCount, with: 0)
        growStates(&counts, to: groupCount, with: 0)
    }

    func update(groups: [Int32], column: Column?, rowCount: Int) throws(SluiceError) {
        guard let column else { return }
        let values = try column.elements(Int128.self)
        let validity = column.validity
        var overflowed = false
        sums.withUnsafeMutableBufferPointer { sums in
            counts.withUnsafeMutableBufferPointer { counts in
                groups.withUnsafeBufferPointer { groups in
                    values.withUnsafeBufferPointer { values in
                        for row in 0..<rowCount {
                            if let validity, !validity[row] { continue }
                            let group = Int(groups[row])
                            let (sum, overflow) = sums[group].addingReportingOverflow(values[row])
                            overflowed = overflowed || overflow
                            sums[group] = sum
                            counts[group] &+= 1
                        }
                    }
                }
            }
        }
        if overflowed { throw SumOverflow.decimal(name) }
    }

    func merge(_ other: any GroupAccumulator, sources: [Int32], targets: [Int32]) throws(SluiceError) {
        let other = try sameKind(other, as: DecimalAverageAccumulator.self)
        for (source, target) in zip(sources, targets) {
            let (sum, overflow) = sums[Int(target)].addingReportingOverflow(other.sums[Int(source)])
            if overflow { throw SumOverflow.decimal(name) }
            sums[Int(target)] = sum
            counts[Int(target)] &+= other.counts[Int(source)]
        }
    }

    func emptyCopy() -> any GroupAccumulator { DecimalAverageAccumulator(name: name, resultType: resultType) }

    /// `sum / count` rounded half away from zero.
    static func roundedQuotient(_ sum: Int128, _ count: Int64) -> Int128 {
        let divisor = Int128(count)
        let (quotient, remainder) = sum.quotientAndRemainder(dividingBy: divisor)
        if remainder.magnitude * 2 >= divisor.magnitude { return quotient + (sum < 0 ? -1 : 1) }
        return quotient
    }

    func finish(_ range: Range<Int>) throws(SluiceError) -> Column {
        let averages = range.map { counts[$0] == 0 ? 0 : Self.roundedQuotient(sums[$0], counts[$0]) }
        return Column(type: resultType, count: range.count, validity: validity(from: range.map { counts[$0] > 0 }, 0..<range.count),
                      storage: .decimal(averages))
    }

    var memoryUsedBytes: Int { sums.count * 24 }
}
