/// A growable byte buffer in raw memory for builders' hot paths: appending a few bytes is a
/// capacity check and a `memcpy`, with none of `Array`'s uniqueness checks. Not copyable in
/// meaning: exactly one owner, which calls ``deallocate()``.
struct ByteAccumulator {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let needed = count + bytes.count
        if needed > capacity { grow(to: needed) }
        if let source = bytes.baseAddress, bytes.count > 0 {
            (base + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        }
        count = needed
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    mutating func truncate(to newCount: Int) {
        count = min(count, newCount)
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// The bytes as an array; the accumulator is emptied and keeps its memory.
    mutating func takeArray() -> [UInt8] {
        let array = Array(UnsafeBufferPointer(start: base, count: count))
        count = 0
        return array
    }

    func deallocate() { base.deallocate() }
}
