/// A growable buffer of plain values in raw memory for hot paths (builders, decoders): an append is a
/// capacity check and a store, with none of `Array`'s uniqueness checks. It has exactly one
/// owner (a ``ColumnBuilder``), which calls ``deallocate()``; copies must not outlive it.
/// Memory is allocated on the first append, so unused buffers cost nothing.
package struct RawAccumulator<Element: BitwiseCopyable> {
    package private(set) var base: UnsafeMutablePointer<Element>?
    package private(set) var count = 0
    private var capacity = 0

    package init() {}

    @inline(__always)
    package mutating func append(_ element: Element) {
        if count == capacity { grow(to: count + 1) }
        base.unsafelyUnwrapped[count] = element
        count += 1
    }

    @inline(__always)
    package subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count, "RawAccumulator index \(index) out of 0..<\(count)")
        return base.unsafelyUnwrapped[index]
    }

    package var last: Element? { count > 0 ? base.unsafelyUnwrapped[count - 1] : nil }

    package mutating func removeLast(_ n: Int) {
        precondition(n >= 0 && n <= count, "removeLast(\(n)) on \(count) elements")
        count -= n
    }

    package mutating func reserveCapacity(_ wanted: Int) {
        if wanted > capacity { grow(to: wanted) }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = max(capacity * 2, 64)
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let base {
            newBase.update(from: base, count: count)
            base.deallocate()
        }
        base = newBase
        capacity = newCapacity
    }

    /// The elements as an array; the accumulator is emptied and keeps its memory.
    package mutating func takeArray() -> [Element] {
        guard let base, count > 0 else { return [] }
        let array = Array(UnsafeBufferPointer(start: base, count: count))
        count = 0
        return array
    }

    package mutating func removeAll() { count = 0 }

    package func deallocate() { base?.deallocate() }
}

extension RawAccumulator where Element == UInt8 {
    /// Appends raw bytes with one `memcpy`.
    @inline(__always)
    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        let needed = count + bytes.count
        if needed > capacity { grow(to: needed) }
        if let source = bytes.baseAddress {
            let target = base.unsafelyUnwrapped + count
            if bytes.count <= 16 {
                // Short values (most CSV and JSON fields): a plain loop beats a memcpy call.
                var index = 0
                while index < bytes.count {
                    target[index] = source.load(fromByteOffset: index, as: UInt8.self)
                    index &+= 1
                }
            } else {
                target.update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count)
            }
        }
        count = needed
    }

    package mutating func truncate(to newCount: Int) {
        count = min(count, newCount)
    }
}
