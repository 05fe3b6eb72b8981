import SluiceCore

/// `avg` of a float or double column as double.
final class FloatingAverageAccumulator<Element: ColumnElement & BinaryFloatingPoint>: GroupAccumulator {
    private var sums: [Double] = []
    private var counts: [Int64] = []

    func reserveGroups(_ groupCount: Int) {
        growStates(&sums, to: groupCount, with: 0)
        growStates(&counts, to: groupCount, with: 0)
    }

    func update(groups: [Int32], column: Column?, rowCount: Int) throws(SluiceError) {
        guard let column else { return }
        // Concrete loops per storage: a generic `Double(value)` does not specialize here.
        switch column.storage {
        case .float64(let values): accumulate(values, groups: groups, validity: column.validity, rowCount: rowCount) { $0 }
        case .float32(let values): accumulate(values, groups: groups, validity: column.validity, rowCount: rowCount) { Double($0) }
        default: _ = try column.elements(Element.self)
        }
    }

    @inline(__always)
    private func accumulate<Value>(_ values: [Value], groups: [Int32], validity: Bitmap?, rowCount: Int,
                                   _ widen: (Value) -> Double) {
        sums.withUnsafeMutableBufferPointer { sums in
            counts.withUnsafeMutableBufferPointer { counts in
                groups.withUnsafeBufferPointer { groups in
                    values.withUnsafeBufferPointer { values in
                        for row in 0..<rowCount where validity.map({ $0[row] }) ?? true {
                            let group = Int(groups[row])
                            sums[group] += widen(values[row])
                            counts[group] &+= 1
                        }
                    }
                }
            }
        }
    }

    @_specialize(where Element == Float)
    @_specialize(where Element == Double)
    func merge(_ other: any GroupAccumulator, sources: [Int32], targets: [Int32]) throws(SluiceError) {
        let other = try sameKind(other, as: FloatingAverageAccumulator<Element>.self)
        for (source, target) in zip(sources, targets) {
            sums[Int(target)] += other.sums[Int(source)]
            counts[Int(target)] &+= other.counts[Int(source)]
        }
    }

    func emptyCopy() -> any GroupAccumulator { FloatingAverageAccumulator<Element>() }

    func finish(_ range: Range<Int>) throws(SluiceError) -> Column {
        let averages = range.map { counts[$0] == 0 ? 0 : sums[$0] / Double(counts[$0]) }
        return Column(type: .float64, count: range.count, validity: validity(from: range.map { counts[$0] > 0 }, 0..<range.count),
                      storage: .float64(averages))
    }

    var memoryUsedBytes: Int { sums.count * 16 }
}
