/// A growable buffer of plain values in raw memory for hot paths (builders, decoders): an append is a
/// capacity check and a store, with none of `Array`'s uniqueness checks. It has exactly one
/// owner (a ``ColumnBuilder``), which calls ``deallocate()``; copies must not outlive it.
/// Memory is allocated on the first append, so unused buffers cost nothing. Inlinable, so that
/// readers and operators in other modules get it specialized for their element type (a generic
/// call per element would copy each value through its type's witness table).
public struct RawAccumulator<Element: BitwiseCopyable> {
    @usableFromInline var storage: UnsafeMutablePointer<Element>?
    @usableFromInline var length = 0
    @usableFromInline var capacity = 0

    @inlinable public init() {}

    @inlinable public var base: UnsafeMutablePointer<Element>? { storage }
    @inlinable public var count: Int { length }

    @inlinable @inline(__always)
    public mutating func append(_ element: Element) {
        if length == capacity { grow(to: length + 1) }
        storage.unsafelyUnwrapped[length] = element
        length += 1
    }

    @inlinable @inline(__always)
    public subscript(index: Int) -> Element {
        precondition(index >= 0 && index < count, "RawAccumulator index \(index) out of 0..<\(count)")
        return base.unsafelyUnwrapped[index]
    }

    @inlinable
    public var last: Element? { count > 0 ? base.unsafelyUnwrapped[count - 1] : nil }

    @inlinable
    public mutating func removeLast(_ n: Int) {
        precondition(n >= 0 && n <= count, "removeLast(\(n)) on \(count) elements")
        length -= n
    }

    @inlinable
    public mutating func reserveCapacity(_ wanted: Int) {
        if wanted > capacity { grow(to: wanted) }
    }

    @usableFromInline
    mutating func grow(to needed: Int) {
        var newCapacity = max(capacity * 2, 64)
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let storage {
            newBase.update(from: storage, count: length)
            storage.deallocate()
        }
        storage = newBase
        capacity = newCapacity
    }

    /// The elements as an array; the accumulator is emptied and keeps its memory.
    public mutating func takeArray() -> [Element] {
        guard let base, count > 0 else { return [] }
        let array = Array(UnsafeBufferPointer(start: base, count: count))
        length = 0
        return array
    }

    @inlinable
    public mutating func removeAll() { length = 0 }

    @inlinable
    public func deallocate() { base?.deallocate() }
}

extension RawAccumulator where Element == UInt8 {
    /// Appends raw bytes with one `memcpy`.
    @inlinable @inline(__always)
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
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
        length = needed
    }

    @inlinable
    public mutating func truncate(to newCount: Int) {
        length = min(length, newCount)
    }
}
