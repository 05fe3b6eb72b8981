import SluiceCore

/// `sum` of a float or double column as double, null for a group without values.
final class FloatingSumAccumulator<Element: ColumnElement & BinaryFloatingPoint>: GroupAccumulator {
    private var sums: [Double] = []
    private var seen: [Bool] = []

    func reserveGroups(_ groupCount: Int) {
        growStates(&sums, to: groupCount, with: 0)
        growStates(&seen, to: groupCount, with: false)
    }

    func update(groups: [Int32], column: Column?, rowCount: Int) throws(SluiceError) {
        guard let column else { return }
        // Concrete loops per storage: a generic `Double(value)` does not specialize here and
        // costs a call per row.
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
            seen.withUnsafeMutableBufferPointer { seen in
                groups.withUnsafeBufferPointer { groups in
                    values.withUnsafeBufferPointer { values in
                        if let validity {
                            for row in 0..<rowCount where validity[row] {
                                let group = Int(groups[row])
                                sums[group] += widen(values[row])
                                seen[group] = true
                            }
                        } else {
                            for row in 0..<rowCount {
                                let group = Int(groups[row])
                                sums[group] += widen(values[row])
                                seen[group] = true
                            }
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
