import SluiceCore

/// Open addressing (linear probing) from a byte-string key (a string column's value, or a
/// row encoding of several columns) to a dense group id. A slot packs the hash's high 32 bits
/// with the group id, so most mismatches are settled without touching the key bytes.
/// Keys live in one byte arena in insertion order; a null key (when nulls are keys and the
/// layout does not encode nulls itself) is a group of its own.
final class BytesKeyTable {
    /// 0 when empty, else `(hash >> 32) << 32 | (group + 1)`.
    private var slots: UnsafeMutablePointer<UInt64>
    private var capacity: Int
    private(set) var hashes = RawAccumulator<UInt64>()
    /// Group `g`'s key is `arena[keyStarts[g]..<keyStarts[g + 1]]`.
    private var keyStarts = RawAccumulator<Int>()
    private var arena = RawAccumulator<UInt8>()
    /// The group of the null key, or -1.
    private(set) var nullGroup: Int32 = -1

    var groupCount: Int { hashes.count }

    init(expectedGroups: Int = 0) {
        capacity = 64
        while capacity < expectedGroups * 2 { capacity *= 2 }
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        keyStarts.append(0)
    }

    deinit {
        slots.deallocate()
        hashes.deallocate()
        keyStarts.deallocate()
        arena.deallocate()
    }

    var memoryUsedBytes: Int { capacity * 8 + groupCount * 16 + arena.count }

    /// The group of each row, adding new keys; null rows get the null group when `nullsAreKeys`, else -1.
    /// `nullsEncoded`: the bytes already encode nulls (row encoding), so only `nullsAreKeys` false matters.
    func findOrInsert(_ prepared: PreparedKeys, nullsAreKeys: Bool, nullsEncoded: Bool) -> [Int32] {
        var groups = [Int32](repeating: -1, count: prepared.count)
        groups.withUnsafeMutableBufferPointer { groups in
            prepared.offsets.withUnsafeBufferPointer { offsets in
                prepared.bytes.withUnsafeBytes { bytes in
                    prepared.hashes.withUnsafeBufferPointer { hashes in
                        let base = bytes.baseAddress
                        if let nullRows = prepared.nullRows {
                            for row in 0..<prepared.count {
                                if nullRows[row] {
                                    if !nullsAreKeys { continue }
                                    if !nullsEncoded {
                                        groups[row] = nullGroupInserting(hash: hashes[row])
                                        continue
                                    }
                                }
                                let start = Int(offsets[row])
                                let key = UnsafeRawBufferPointer(start: base.map { $0 + start }, count: Int(offsets[row + 1]) - start)
                                groups[row] = insert(key, hash: hashes[row])
                            }
                        } else {
                            for row in 0..<prepared.count {
                                let start = Int(offsets[row])
                                let key = UnsafeRawBufferPointer(start: base.map { $0 + start }, count: Int(offsets[row + 1]) - start)
                                groups[row] = insert(key, hash: hashes[row])
                            }
                        }
                    }
                }
            }
        }
        return groups
    }

    /// The group of each row, or -1 where the key is absent (or null, unless `nullsAreKeys`).
    func find(_ prepared: PreparedKeys, nullsAreKeys: Bool, nullsEncoded: Bool) -> [Int32] {
        var groups = [Int32](repeating: -1, count: prepared.count)
        groups.withUnsafeMutableBufferPointer { groups in
            prepared.offsets.withUnsafeBufferPointer { offsets in
                prepared.bytes.withUnsafeBytes { bytes in
                    prepared.hashes.withUnsafeBufferPointer { hashes in
                        let base = bytes.baseAddress
                        for row in 0..<prepared.count {
                            let start = Int(offsets[row])
                            let key = UnsafeRawBufferPointer(start: base.map { $0 + start }, count: Int(offsets[row + 1]) - start)
                            groups[row] = lookUp(key, hash: hashes[row])
                        }
                    }
                }
            }
            // Null rows: encoded keys already found their own group; otherwise only the null group matches.
            if let nullRows = prepared.nullRows, !(nullsAreKeys && nullsEncoded) {
                for row in 0..<prepared.count where nullRows[row] { groups[row] = nullsAreKeys ? nullGroup : -1 }
            }
        }
        return groups
    }

    @inline(__always)
    private func matches(_ group: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let starts = keyStarts.base.unsafelyUnwrapped
        let start = starts[group]
        let length = starts[group + 1] - start
        guard length == key.count else { return false }
        guard length > 0, let keyBase = key.baseAddress, let arenaBase = arena.base else { return true }
        return ByteKeyEquality.equal(UnsafeRawPointer(arenaBase + start), keyBase, length: length)
    }

    /// The group of `key`, or -1.
    @inline(__always)
    func lookUp(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int32 {
        let mask = capacity - 1
        let tag = hash >> 32
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot == 0 { return -1 }
            if slot >> 32 == tag, matches(Int(slot & 0xFFFF_FFFF) - 1, key) {
                return Int32(truncatingIfNeeded: Int(slot & 0xFFFF_FFFF) - 1)
            }
            index = (index + 1) & mask
        }
    }

    /// The group of `key`, added when new.
    @inline(__always)
    func insert(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int32 {
        var mask = capacity - 1
        let tag = hash >> 32
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot == 0 { break }
            if slot >> 32 == tag, matches(Int(slot & 0xFFFF_FFFF) - 1, key) {
                return Int32(truncatingIfNeeded: Int(slot & 0xFFFF_FFFF) - 1)
            }
            index = (index + 1) & mask
        }
        let group = groupCount
        arena.append(key)
        keyStarts.append(arena.count)
        hashes.append(hash)
        if (groupCount + 1) * 2 > capacity {
            grow()
            mask = capacity - 1
            index = Int(truncatingIfNeeded: hash) & mask
            while slots[index] != 0 { index = (index + 1) & mask }
        }
        slots[index] = tag << 32 | UInt64(group + 1)
        return Int32(truncatingIfNeeded: group)
    }

    /// The null key's group, added when new.
    func nullGroupInserting(hash: UInt64) -> Int32 {
        if nullGroup < 0 {
            nullGroup = Int32(truncatingIfNeeded: groupCount)
            keyStarts.append(arena.count)
            hashes.append(hash)
        }
        return nullGroup
    }

    private func grow() {
        let oldSlots = slots
        let oldCapacity = capacity
        capacity *= 2
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        let mask = capacity - 1
        for position in 0..<oldCapacity where oldSlots[position] != 0 {
            let slot = oldSlots[position]
            let group = Int(slot & 0xFFFF_FFFF) - 1
            var index = Int(truncatingIfNeeded: hashes[group]) & mask
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
        oldSlots.deallocate()
    }

    /// Group `group`'s key bytes (valid until the next insert).
    func key(_ group: Int) -> UnsafeRawBufferPointer {
        let start = keyStarts[group]
        return UnsafeRawBufferPointer(start: arena.base.map { UnsafeRawPointer($0 + start) }, count: keyStarts[group + 1] - start)
    }

    /// The keys of groups `range` as one string or binary column of `type`.
    func keyColumn(_ range: Range<Int>, type: DataType) -> Column {
        let builder = ColumnBuilder(type: type, capacity: range.count)
        for group in range {
            if group == Int(nullGroup) { builder.appendNull() } else { builder.append(bytes: key(group)) }
        }
        return builder.finish()
    }

    /// Decodes the row-encoded keys of groups `range` into columns of `types`.
    func decodedColumns(_ range: Range<Int>, types: [DataType]) -> [Column] {
        guard let base = arena.base else {
            return types.map { Column.nulls($0, count: range.count) }
        }
        return RowEncoding.decode(types, base: UnsafeRawPointer(base), rowStarts: range.map { keyStarts[$0] })
    }
}
