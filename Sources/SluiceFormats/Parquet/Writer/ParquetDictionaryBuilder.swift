#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distinct values of a column chunk for dictionary encoding: an open-addressing hash
/// table over the values' physical bytes, with the dictionary page's PLAIN body built as
/// values arrive (length-prefixed for BYTE_ARRAY, end to end for fixed widths).
final class ParquetDictionaryBuilder {
    /// The dictionary page body (PLAIN encoding of the distinct values in index order).
    private(set) var plainBody: [UInt8] = []
    /// Start of each value's bytes in `plainBody` (after any length prefix), and its length.
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    /// Slot → value index + 1 (0 = empty). Power-of-two size, kept under half full.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)
    private var hashes: [UInt64] = []
    /// Values as words, for ``index(ofWord:width:)`` (unused for byte strings).
    private var words: [UInt64] = []
    private let lengthPrefixed: Bool

    var count: Int { starts.count }

    init(lengthPrefixed: Bool) {
        self.lengthPrefixed = lengthPrefixed
    }

    /// The dictionary index of a 4- or 8-byte value given by its bit pattern (numbers): the
    /// hot path, comparing words instead of byte strings.
    @inline(__always)
    func index(ofWord word: UInt64, width: Int) -> UInt32 {
        let hash = Self.mix(word)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            let index = entry - 1
            if hashes[index] == hash && words[index] == word { return UInt32(index) }
            slot = (slot + 1) & mask
        }
        words.append(word)
        return withUnsafeBytes(of: word.littleEndian) { bytes in
            insert(UnsafeRawBufferPointer(rebasing: bytes.prefix(width)), hash: hash, slot: slot)
        }
    }

    /// The dictionary index of `value`, added if new.
    @inline(__always)
    func index(of value: UnsafeRawBufferPointer) -> UInt32 {
        let hash = Self.hash(value)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            let index = entry - 1
            if hashes[index] == hash && Int(lengths[index]) == value.count && equals(index, value) {
                return UInt32(index)
            }
            slot = (slot + 1) & mask
        }
        return insert(value, hash: hash, slot: slot)
    }

    /// Adds a new value at the empty `slot` its probe ended on; returns its index.
    private func insert(_ value: UnsafeRawBufferPointer, hash: UInt64, slot: Int) -> UInt32 {
        let index = starts.count
        if lengthPrefixed { withUnsafeBytes(of: UInt32(value.count).littleEndian) { plainBody.append(contentsOf: $0) } }
        starts.append(Int32(plainBody.count))
        lengths.append(Int32(value.count))
        hashes.append(hash)
        plainBody.append(contentsOf: value)
        slots[slot] = Int32(index + 1)
        if (index + 1) * 2 > slots.count { grow() }
        return UInt32(index)
    }

    private func equals(_ index: Int, _ value: UnsafeRawBufferPointer) -> Bool {
        guard let valueBase = value.baseAddress, value.count > 0 else { return true }
        return plainBody.withUnsafeBytes { body in
            memcmp(body.baseAddress! + Int(starts[index]), valueBase, value.count) == 0
        }
    }

    private func grow() {
        let size = slots.count * 2
        var newSlots = [Int32](repeating: 0, count: size)
        let mask = size - 1
        for index in 0..<starts.count {
            var slot = Int(truncatingIfNeeded: hashes[index]) & mask
            while newSlots[slot] != 0 { slot = (slot + 1) & mask }
            newSlots[slot] = Int32(index + 1)
        }
        slots = newSlots
    }

    /// A 64-bit hash of the bytes (word-at-a-time multiply-xorshift).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        return mix(hash ^ tail)
    }

    /// MurmurHash3's 64-bit finalizer: every input bit reaches the low bits that pick the slot
    /// (timestamps and prices share their low bits, which a bare multiply keeps clustered).
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash = hash &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 33)
    }
}
