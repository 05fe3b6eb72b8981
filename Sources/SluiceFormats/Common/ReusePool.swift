#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Objects handed back after use so the next user reuses them (and the memory they hold)
/// instead of allocating afresh: chunk buffers, per-thread decoding state. Thread-safe.
/// An element is used by one thread at a time; the pool's lock hands it over.
public final class ReusePool<Element>: @unchecked Sendable {
    // `elements` is only touched with `mutex` held.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var elements: [Element] = []
    /// Most elements kept; readers have a window of a few chunks in flight.
    private let capacity: Int

    public init(capacity: Int = 8) {
        self.capacity = capacity
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// An element handed back earlier, or nil when there is none.
    public func take() -> Element? {
        pthread_mutex_lock(mutex)
        let element = elements.popLast()
        pthread_mutex_unlock(mutex)
        return element
    }

    /// Hands an element back for reuse (dropped when the pool is full).
    public func recycle(_ element: Element) {
        pthread_mutex_lock(mutex)
        if elements.count < capacity { elements.append(element) }
        pthread_mutex_unlock(mutex)
    }
}

extension ReusePool where Element == [UInt8] {
    /// An empty byte buffer, with the capacity of an earlier one when there is one.
    public func takeBuffer() -> [UInt8] {
        guard var buffer = take() else { return [] }
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }
}
