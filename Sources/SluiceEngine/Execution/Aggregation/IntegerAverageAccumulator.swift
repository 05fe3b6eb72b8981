import SluiceCore

/// `avg` of an integer column as double: exact 128-bit sums and counts, divided at the end.
final class IntegerAverageAccumulator<Element: ColumnElement & FixedWidthInteger>: GroupAccumulator {
    private var sums: [Int128] = []
    private var counts: [Int64] = []

    func reserveGroups(_ groupCount: Int) {
        growStates(&sums, to: groupCount, with: 0)
        growStates(&counts, to: groupCount, with: 0)
    }

    @_specialize(where Element == Int8)
    @_specialize(where Element == Int16)
    @_specialize(where Element == Int32)
    @_specialize(where Element == Int64)
    func update(groups: [Int32], column: Column?, rowCount: Int) throws(SluiceError) {
        guard let column else { return }
        let values = try column.elements(Element.self)
        let validity = column.validity
        sums.withUnsafeMutableBufferPointer { sums in
            counts.withUnsafeMutableBufferPointer { counts in
                groups.withUnsafeBufferPointer { groups in
                    values.withUnsafeBufferPointer { values in
                        for row in 0..<rowCount {
                            if let validity, !validity[row] { continue }
                            let group = Int(groups[row])
                            // 2^63 values of at most 2^63 each cannot overflow 128 bits.
                            sums[group] &+= Int128(values[row])
                            counts[group] &+= 1
                        }
                    }
                }
            }
        }
    }

    @_specialize(where Element == Int8)
    @_specialize(where Element == Int16)
    @_specialize(where Element == Int32)
    @_specialize(where Element == Int64)
    func merge(_ other: any GroupAccumulator, sources: [Int32], targets: [Int32]) throws(SluiceError) {
        let other = try sameKind(other, as: IntegerAverageAccumulator<Element>.self)
        for (source, target) in zip(sources, targets) {
            sums[Int(target)] &+= other.sums[Int(source)]
            counts[Int(target)] &+= other.counts[Int(source)]
        }
    }

    func emptyCopy() -> any GroupAccumulator { IntegerAverageAccumulator<Element>() }

    func finish(_ range: Range<Int>) throws(SluiceError) -> Column {
        let averages = range.map { counts[$0] == 0 ? 0 : Double(sums[$0]) / Double(counts[$0]) }
        return Column(type: .float64, count: range.count, validity: validity(from: range.map { counts[$0] > 0 }, 0..<range.count),
                      storage: .float64(averages))
    }

    var memoryUsedBytes: Int { sums.count * 24 }
}
