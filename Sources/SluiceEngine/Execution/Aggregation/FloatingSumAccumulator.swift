import SluiceCore

/// `sum` of a float or double column as double, null for a group without values.
final class FloatingSumAccumulator<Element: ColumnElement & BinaryFloatingPoint>: GroupAccumulator {
    private var sums: [Double] = []
    private var seen: [Bool] = []

    func reserveGroups(_ groupCount: Int) {
        growStates(&sums, to: groupCount, with: 0)
        growStates(&seen, to: groupCount, with: false)
    }

    @_specialize(where Element == Float)
    @_specialize(where Element == Double)
    func update(groups: [Int32], column: Column?, rowCount: Int) throws(SluiceError) {
        guard let column else { return }
        let values = try column.elements(Element.self)
        let validity = column.validity
        sums.withUnsafeMutableBufferPointer { sums in
            seen.withUnsafeMutableBufferPointer { seen in
                groups.withUnsafeBufferPointer { groups in
                    values.withUnsafeBufferPointer { values in
                        for row in 0..<rowCount {
                            if let validity, !validity[row] { continue }
                            let group = Int(groups[row])
                            sums[group] += Double(values[row])
                            seen[group] = true
                        }
                    }
                }
            }
        }
    }

    @_specialize(where Element == Float)
    @_specialize(where Element == Double)
    func merge(_ other: any GroupAccumulator, sources: [Int32], targets: [Int32]) throws(SluiceError) {
        let other = try sameKind(other, as: FloatingSumAccumulator<Element>.self)
        for (source, target) in zip(sources, targets) where other.seen[Int(source)] {
            sums[Int(target)] += other.sums[Int(source)]
            seen[Int(target)] = true
        }
    }

    func emptyCopy() -> any GroupAccumulator { FloatingSumAccumulator<Element>() }

    func finish(_ range: Range<Int>) throws(SluiceError) -> Column {
        Column(type: .float64, count: range.count, validity: validity(from: seen, range), storage: .float64(Array(sums[range])))
    }

    var memoryUsedBytes: Int { sums.count * 9 }
}
