#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// `min`, `max` and `arbitrary` of a string or binary column (bytes compared unsigned, a
/// prefix first, as ``Value/compare(to:)``). Each batch first finds every group's best row,
/// then copies at most one value per group into a byte arena; replaced values leave garbage
/// there, and the arena is compacted when garbage outweighs the live values.
final class BytesExtremeAccumulator: GroupAccumulator {
    private let mode: ExtremeMode
    private let resultType: DataType
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var seen: [Bool] = []
    private var arena: [UInt8] = []
    private var garbageBytes = 0
    /// Per group, this batch's best row so far (-1: none); reset after each batch.
    private var batchBest: [Int32] = []

    /// Compaction waits for at least this much garbage, so small arenas are never rewritten.
    private static let minimumGarbageBytes = 1 << 20

    init(mode: ExtremeMode, resultType: DataType) {
        self.mode = mode
        self.resultType = resultType
    }

    func reserveGroups(_ groupCount: Int) {
        growStates(&starts, to: groupCount, with: 0)
        growStates(&lengths, to: groupCount, with: 0)
        growStates(&seen, to: groupCount, with: false)
        growStates(&batchBest, to: groupCount, with: -1)
    }

    /// Unsigned lexicographic order of two byte strings: negative, zero or positive.
    @inline(__always)
    static func order(_ left: UnsafeRawPointer?, _ leftCount: Int, _ right: UnsafeRawPointer?, _ rightCount: Int) -> Int {
        let common = Swift.min(leftCount, rightCount)
        if common > 0, let left, let right {
            let result = Int(memcmp(left, right, common))
            if result != 0 { return result }
        }
        return leftCount - rightCount
    }

    func update(groups: [Int32], column: Column?, rowCount: Int) throws(SluiceError) {
        guard let column, case .bytes(let offsets, let data) = column.storage else {
            throw SluiceError.internal("A string aggregate got a column of \(column?.type.description ?? "nothing").")
        }
        let validity = column.validity
        let mode = self.mode
        var touched: [Int32] = []
        data.withUnsafeBytes { data in
            offsets.withUnsafeBufferPointer { offsets in
                batchBest.withUnsafeMutableBufferPointer { best in
                    groups.withUnsafeBufferPointer { groups in
                        for row in 0..<rowCount {
                            if let validity, !validity[row] { continue }
                            let group = Int(groups[row])
                            let current = Int(best[group])
                            if current < 0 {
                                best[group] = Int32(truncatingIfNeeded: row)
                                touched.append(Int32(truncatingIfNeeded: group))
                            } else if mode != .first {
                                let rowStart = Int(offsets[row])
                                let currentStart = Int(offsets[current])
                                let order = Self.order(
                                    data.baseAddress.map { $0 + rowStart }, Int(offsets[row + 1]) - rowStart,
                                    data.baseAddress.map { $0 + currentStart }, Int(offsets[current + 1]) - currentStart)
                                if mode.replaces(order) { best[group] = Int32(truncatingIfNeeded: row) }
                            }
                        }
                    }
                }
            }
            for group in touched {
                let row = Int(batchBest[Int(group)])
                batchBest[Int(group)] = -1
                let start = Int(offsets[row])
                let value = UnsafeRawBufferPointer(rebasing: data[start..<Int(offsets[row + 1])])
                offer(value, to: Int(group))
            }
        }
        compactIfWasteful()
    }

    /// Keeps `value` for `group` when the group has none yet or `value` is better.
    private func offer(_ value: UnsafeRawBufferPointer, to group: Int) {
        if seen[group] {
            guard mode != .first else { return }
            let order = arena.withUnsafeBytes { arena in
                Self.order(value.baseAddress, value.count, arena.baseAddress.map { $0 + starts[group] }, lengths[group])
            }
            guard mode.replaces(order) else { return }
            garbageBytes += lengths[group]
        }
        starts[group] = arena.count
        lengths[group] = value.count
        seen[group] = true
        arena.append(contentsOf: value)
    }

    private func compactIfWasteful() {
        guard garbageBytes > Self.minimumGarbageBytes, garbageBytes > arena.count / 2 else { return }
        var compacted: [UInt8] = []
        compacted.reserveCapacity(arena.count - garbageBytes)
        for group in 0..<seen.count where seen[group] {
            let start = starts[group]
            starts[group] = compacted.count
            compacted.append(contentsOf: arena[start..<start + lengths[group]])
        }
        arena = compacted
        garbageBytes = 0
    }

    func merge(_ other: any GroupAccumulator, sources: [Int32], targets: [Int32]) throws(SluiceError) {
        let other = try sameKind(other, as: BytesExtremeAccumulator.self)
        other.arena.withUnsafeBytes { otherArena in
            for (source, target) in zip(sources, targets) where other.seen[Int(source)] {
                let start = other.starts[Int(source)]
                offer(UnsafeRawBufferPointer(rebasing: otherArena[start..<start + other.lengths[Int(source)]]), to: Int(target))
            }
        }
        compactIfWasteful()
    }

    func emptyCopy() -> any GroupAccumulator { BytesExtremeAccumulator(mode: mode, resultType: resultType) }

    func finish(_ range: Range<Int>) throws(SluiceError) -> Column {
        let builder = ColumnBuilder(type: resultType, capacity: range.count)
        arena.withUnsafeBytes { arena in
            for group in range {
                if seen[group] {
                    builder.append(bytes: UnsafeRawBufferPointer(rebasing: arena[starts[group]..<starts[group] + lengths[group]]))
                } else {
                    builder.appendNull()
                }
            }
        }
        return builder.finish()
    }

    var memoryUsedBytes: Int { starts.count * 25 + arena.count }
}
