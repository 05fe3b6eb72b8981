import Synchronization
import SluiceCore

/// Open addressing (linear probing) from one `Int64` key to a dense group id, each slot
/// holding the key beside its group so that a lookup touches one cache line. Groups keep
/// their key and hash in insertion order; a null key (when nulls are keys) is a group of its own.
final class IntegerKeyTable {
    private struct Slot {
        var key: Int64
        /// -1 when the slot is empty.
        var group: Int32
    }

    private var slots: UnsafeMutablePointer<Slot>
    private var capacity: Int
    private(set) var keys = RawAccumulator<Int64>()
    private(set) var hashes = RawAccumulator<UInt64>()
    /// The group of the null key, or -1.
    private(set) var nullGroup: Int32 = -1

    var groupCount: Int { hashes.count }

    init(expectedGroups: Int = 0) {
        capacity = 64
        while capacity < expectedGroups * 2 { capacity *= 2 }
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(key: 0, group: -1), count: capacity)
    }

    deinit {
        slots.deallocate()
        keys.deallocate()
        hashes.deallocate()
    }

    var memoryUsedBytes: Int { capacity * MemoryLayout<Slot>.stride + groupCount * 16 }

    /// The group of each row, adding new keys; null rows get the null group when `nullsAreKeys`, else -1.
    func findOrInsert(_ prepared: PreparedKeys, nullsAreKeys: Bool) -> [Int32] {
        var groups = [Int32](repeating: -1, count: prepared.count)
        groups.withUnsafeMutableBufferPointer { groups in
            prepared.integers.withUnsafeBufferPointer { keys in
                prepared.hashes.withUnsafeBufferPointer { hashes in
                    if let nullRows = prepared.nullRows {
                        for row in 0..<prepared.count {
                            if nullRows[row] {
                                if nullsAreKeys { groups[row] = nullGroupInserting(hash: hashes[row]) }
                            } else {
                                groups[row] = insert(keys[row], hash: hashes[row])
                            }
                        }
                    } else {
                        var blockStart = 0
                        var sink: Int64 = 0
                        while blockStart < prepared.count {
                            let blockEnd = min(prepared.count, blockStart + Self.touchBlockRows)
                            sink &+= touch(hashes, blockStart..<blockEnd)
                            for row in blockStart..<blockEnd { groups[row] = insert(keys[row], hash: hashes[row]) }
                            blockStart = blockEnd
                        }
                        keepLoads(sink)
                    }
                }
            }
        }
        return groups
    }

    /// Rows whose slots are loaded ahead of the lookups (see ``touch(_:_:)``).
    static let touchBlockRows = 16
    /// Where the sums of ``touch(_:_:)`` go, so that its loads are not optimized away
    /// (atomic: probing threads share a table).
    private let touchSink = Atomic<Int64>(0)

    /// Loads the first slot of each row in `rows`: independent loads whose cache misses overlap,
    /// so the dependent probe loop that follows finds the slots in cache (a software prefetch).
    @inline(__always)
    func touch(_ hashes: UnsafeBufferPointer<UInt64>, _ rows: Range<Int>) -> Int64 {
        let mask = capacity - 1
        var sum: Int64 = 0
        for row in rows { sum &+= slots[Int(truncatingIfNeeded: hashes[row]) & mask].key }
        return sum
    }

    /// Keeps the sum of ``touch(_:_:)``'s loads, so that they are not optimized away.
    func keepLoads(_ sum: Int64) { touchSink.store(sum, ordering: .relaxed) }

    /// The group of each row, or -1 where the key is absent (or null, unless `nullsAreKeys`).
    func find(_ prepared: PreparedKeys, nullsAreKeys: Bool) -> [Int32] {
        var groups = [Int32](repeating: -1, count: prepared.count)
        let mask = capacity - 1
        let slots = self.slots
        groups.withUnsafeMutableBufferPointer { groups in
            prepared.integers.withUnsafeBufferPointer { keys in
                prepared.hashes.withUnsafeBufferPointer { hashes in
                    var sink: Int64 = 0
                    defer { keepLoads(sink) }
                    for row in 0..<prepared.count {
                        if row % Self.touchBlockRows == 0 { sink &+= touch(hashes, row..<min(prepared.count, row + Self.touchBlockRows)) }
                        let key = keys[row]
                        var index = Int(truncatingIfNeeded: hashes[row]) & mask
                        while true {
                            let slot = slots[index]
                            if slot.group < 0 { break }
                            if slot.key == key {
                                groups[row] = slot.group
                                break
                            }
                            index = (index + 1) & mask
                        }
                    }
                }
            }
            // Null rows were looked up by the placeholder in their slot; they match the null group only.
            if let nullRows = prepared.nullRows {
                for row in 0..<prepared.count where nullRows[row] { groups[row] = nullsAreKeys ? nullGroup : -1 }
            }
        }
        return groups
    }

    /// The group of `key`, or -1.
    @inline(__always)
    func lookUp(_ key: Int64, hash: UInt64) -> Int32 {
        let mask = capacity - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.group < 0 || slot.key == key { return slot.group }
            index = (index + 1) & mask
        }
    }

    /// The group of `key`, added when new.
    @inline(__always)
    func insert(_ key: Int64, hash: UInt64) -> Int32 {
        var mask = capacity - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.group < 0 { break }
            if slot.key == key { return slot.group }
            index = (index + 1) & mask
        }
        let group = Int32(truncatingIfNeeded: groupCount)
        keys.append(key)
        hashes.append(hash)
        if (groupCount + 1) * 2 > capacity {
            grow()
            mask = capacity - 1
            index = Int(truncatingIfNeeded: hash) & mask
            while slots[index].group >= 0 { index = (index + 1) & mask }
        }
        slots[index] = Slot(key: key, group: group)
        return group
    }

    /// The null key's group, added when new.
    func nullGroupInserting(hash: UInt64) -> Int32 {
        if nullGroup < 0 {
            nullGroup = Int32(truncatingIfNeeded: groupCount)
            keys.append(0)
            hashes.append(hash)
        }
        return nullGroup
    }

    /// Doubles the slots and places every group but the newest (its caller places it) again,
    /// reading keys and hashes in group order: sequential reads, only the writes land at random.
    private func grow() {
        slots.deallocate()
        capacity *= 2
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(key: 0, group: -1), count: capacity)
        let mask = capacity - 1
        for group in 0..<(groupCount - 1) where group != Int(nullGroup) {
            var index = Int(truncatingIfNeeded: hashes[group]) & mask
            while slots[index].group >= 0 { index = (index + 1) & mask }
            slots[index] = Slot(key: keys[group], group: Int32(truncatingIfNeeded: group))
        }
    }

    /// The keys of groups `range` as a column of `type` (an integer, date, timestamp or boolean type).
    func keyColumn(_ range: Range<Int>, type: DataType) -> Column {
        let builder = ColumnBuilder(type: type, capacity: range.count)
        for group in range {
            if group == Int(nullGroup) {
                builder.appendNull()
            } else if type == .boolean {
                builder.append(bool: keys[group] != 0)
            } else {
                builder.append(int: keys[group])
            }
        }
        return builder.finish()
    }
}
