import SluiceCore

/// `min`, `max` and `arbitrary` of a fixed-width column (integers, floats, decimals, dates,
/// timestamps), keeping the input type; null for a group without values. Floats compare with
/// `<`, so a NaN never replaces a number (it is kept only when it comes first).
final class ExtremeAccumulator<Element: ColumnElement & Comparable & AdditiveArithmetic>: GroupAccumulator {
    private let mode: ExtremeMode
    private let resultType: DataType
    private var values: [Element] = []
    private var seen: [Bool] = []

    init(mode: ExtremeMode, resultType: DataType) {
        self.mode = mode
        self.resultType = resultType
    }

    func reserveGroups(_ groupCount: Int) {
        growStates(&values, to: groupCount, with: .zero)
        growStates(&seen, to: groupCount, with: false)
    }

    @inline(__always)
    private static func replaces(_ mode: ExtremeMode, _ candidate: Element, _ current: Element) -> Bool {
        switch mode {
        case .min: candidate < current
        case .max: current < candidate
        case .first: false
        }
    }

    @_specialize(where Element == Int8)
    @_specialize(where Element == Int16)
    @_specialize(where Element == Int32)
    @_specialize(where Element == Int64)
    @_specialize(where Element == Float)
    @_specialize(where Element == Double)
    @_specialize(where Element == Int128)
    func update(groups: [Int32], column: Column?, rowCount: Int) throws(SluiceError) {
        guard let column else { return }
        let input = try column.elements(Element.self)
        let validity = column.validity
        let mode = self.mode
        values.withUnsafeMutableBufferPointer { values in
            seen.withUnsafeMutableBufferPointer { seen in
                groups.withUnsafeBufferPointer { groups in
                    input.withUnsafeBufferPointer { input in
                        for row in 0..<rowCount {
                            if let validity, !validity[row] { continue }
                            let group = Int(groups[row])
                            let value = input[row]
                            if !seen[group] {
                                values[group] = value
                                seen[group] = true
                            } else if Self.replaces(mode, value, values[group]) {
                                values[group] = value
                            }
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
    @_specialize(where Element == Float)
    @_specialize(where Element == Double)
    @_specialize(where Element == Int128)
    func merge(_ other: any GroupAccumulator, sources: [Int32], targets: [Int32]) throws(SluiceError) {
        let other = try sameKind(other, as: ExtremeAccumulator<Element>.self)
        for (source, target) in zip(sources, targets) where other.seen[Int(source)] {
            let value = other.values[Int(source)]
            if !seen[Int(target)] || Self.replaces(mode, value, values[Int(target)]) {
                values[Int(target)] = value
                seen[Int(target)] = true
            }
        }
    }

    func emptyCopy() -> any GroupAccumulator { ExtremeAccumulator<Element>(mode: mode, resultType: resultType) }

    func finish(_ range: Range<Int>) throws(SluiceError) -> Column {
        Column(type: resultType, count: range.count, validity: validity(from: seen, range), storage: Element.storage(Array(values[range])))
    }

    var memoryUsedBytes: Int { values.count * (MemoryLayout<Element>.stride + 1) }
}
