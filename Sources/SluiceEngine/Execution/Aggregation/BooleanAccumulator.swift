import SluiceCore

/// `bool_and` (also `min(boolean)`), `bool_or` (also `max(boolean)`) and `arbitrary(boolean)`;
/// null for a group without values.
final class BooleanAccumulator: GroupAccumulator {
    private let mode: ExtremeMode
    /// 0: no value yet, 1: false, 2: true (so `and` is the minimum and `or` the maximum).
    private var states: [UInt8] = []

    /// `.min` computes `bool_and`, `.max` `bool_or`, `.first` `arbitrary`.
    init(mode: ExtremeMode) { self.mode = mode }

    func reserveGroups(_ groupCount: Int) { growStates(&states, to: groupCount, with: 0) }

    @inline(__always)
    private static func combine(_ mode: ExtremeMode, _ state: UInt8, _ value: UInt8) -> UInt8 {
        if state == 0 { return value }
        switch mode {
        case .min: return Swift.min(state, value)
        case .max: return Swift.max(state, value)
        case .first: return state
        }
    }

    func update(groups: [Int32], column: Column?, rowCount: Int) throws(SluiceError) {
        guard let column, case .boolean(let bits) = column.storage else {
            throw SluiceError.internal("A boolean aggregate got a column of \(column?.type.description ?? "nothing").")
        }
        let validity = column.validity
        let mode = self.mode
        states.withUnsafeMutableBufferPointer { states in
            groups.withUnsafeBufferPointer { groups in
                for row in 0..<rowCount {
                    if let validity, !validity[row] { continue }
                    let group = Int(groups[row])
                    states[group] = Self.combine(mode, states[group], bits[row] ? 2 : 1)
                }
            }
        }
    }

    func merge(_ other: any GroupAccumulator, sources: [Int32], targets: [Int32]) throws(SluiceError) {
        let other = try sameKind(other, as: BooleanAccumulator.self)
        for (source, target) in zip(sources, targets) where other.states[Int(source)] != 0 {
            states[Int(target)] = Self.combine(mode, states[Int(target)], other.states[Int(source)])
        }
    }

    func emptyCopy() -> any GroupAccumulator { BooleanAccumulator(mode: mode) }

    func finish(_ range: Range<Int>) throws(SluiceError) -> Column {
        var bits = BitmapBuilder(capacity: range.count)
        for group in range { bits.append(states[group] == 2) }
        return Column(type: .boolean, count: range.count, validity: validity(from: range.map { states[$0] != 0 }, 0..<range.count),
                      storage: .boolean(bits.finish()))
    }

    var memoryUsedBytes: Int { states.count }
}
