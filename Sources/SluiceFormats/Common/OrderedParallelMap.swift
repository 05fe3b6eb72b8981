#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import SluiceCore

/// Runs `transform` on inputs from `produce` on up to `workerCount` threads at once and hands
/// the outputs back in input order. At most `window` inputs are in flight, which bounds
/// memory: readers use it to decode chunk N+1 while the caller consumes chunk N.
///
/// `produce` runs on the calling thread inside ``next()``; `transform` runs on the map's own
/// worker threads (plain POSIX threads: they start at once and never wait on a shared pool).
/// When no thread can be started (a process at its thread limit), the work runs on the
/// calling thread instead: slower, never a failure.
public final class OrderedParallelMap<Input: Sendable, Output: Sendable> {
    private let produce: () throws(SluiceError) -> Input?
    private let transform: @Sendable (Input) -> Result<Output, SluiceError>
    private let window: Int
    private let pool: WorkerPool<Input, Output>
    private let runsInline: Bool
    private var nextToSubmit = 0
    private var nextToReturn = 0
    private var exhausted = false

    /// `workerCount` defaults to the number of active processors (0 runs everything on the
    /// calling thread); `window` defaults to twice that.
    public init(
        workerCount: Int = ProcessorCount.active,
        window: Int? = nil,
        produce: @escaping () throws(SluiceError) -> Input?,
        transform: @escaping @Sendable (Input) -> Result<Output, SluiceError>
    ) {
        self.produce = produce
        self.transform = transform
        self.window = max(1, window ?? workerCount * 2)
        pool = WorkerPool(transform: transform)
        runsInline = pool.start(threads: max(0, workerCount)) == 0
    }

    /// The next output in input order, or nil when every input was transformed.
    public func next() throws(SluiceError) -> Output? {
        if runsInline {
            guard let input = try produce() else { return nil }
            return try transform(input).get()
        }
        while !exhausted && nextToSubmit - nextToReturn < window {
            guard let input = try produce() else {
                exhausted = true
                break
            }
            pool.submit(input, sequence: nextToSubmit)
            nextToSubmit += 1
        }
        guard nextToReturn < nextToSubmit else { return nil }
        let result = pool.wait(for: nextToReturn)
        nextToReturn += 1
        return try result.get()
    }

    deinit { pool.shutdown() }
}

/// A fixed set of threads that transform submitted inputs and keep results by sequence number.
private final class WorkerPool<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    // All mutable state below is guarded by `mutex`; `condition` signals both new work and
    // finished results.
    // Heap-allocated so their addresses are stable (a class property's address is not).
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// Submitted work; a taken slot is set to nil so the worker holds the only reference
    /// (a chunk's buffer can then be reused without a copy).
    private var queue: [(Int, Input)?] = []
    private var queueHead = 0
    private var results: [Int: Result<Output, SluiceError>] = [:]
    private var stopping = false
    private var threads: [pthread_t] = []
    private let transform: @Sendable (Input) -> Result<Output, SluiceError>

    init(transform: @escaping @Sendable (Input) -> Result<Output, SluiceError>) {
        self.transform = transform
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    /// Starts the worker threads; call once after init.
    /// Starts up to `count` worker threads; returns how many started.
    func start(threads count: Int) -> Int {
        for _ in 0..<count {
            if let thread = WorkerPool.spawn(self) { threads.append(thread) }
        }
        return threads.count
    }

    private static func spawn(_ pool: WorkerPool) -> pthread_t? {
        var thread = pthread_t()
        let context = Unmanaged.passRetained(pool).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        // Deep JSON nesting recurses: give workers an 8 MiB stack like the main thread.
        pthread_attr_setstacksize(&attributes, 8 << 20)
        let status = pthread_create(&thread, &attributes, workerEntry, context)
        pthread_attr_destroy(&attributes)
        guard status == 0 else {
            Unmanaged<WorkerPool>.fromOpaque(context).release()
            return nil
        }
        return thread
    }

    fileprivate func run() { work() }

    func submit(_ input: Input, sequence: Int) {
        pthread_mutex_lock(mutex)
        queue.append((sequence, input))
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
    }

    func wait(for sequence: Int) -> Result<Output, SluiceError> {
        pthread_mutex_lock(mutex)
        while results[sequence] == nil { pthread_cond_wait(condition, mutex) }
        let result = results.removeValue(forKey: sequence)!
        pthread_mutex_unlock(mutex)
        return result
    }

    private func work() {
        while true {
            pthread_mutex_lock(mutex)
            while queueHead == queue.count && !stopping { pthread_cond_wait(condition, mutex) }
            if queueHead == queue.count && stopping {
                pthread_mutex_unlock(mutex)
                return
            }
            guard let (sequence, input) = queue[queueHead] else {
                preconditionFailure("WorkerPool took an empty queue slot")
            }
            queue[queueHead] = nil
            queueHead += 1
            if queueHead > 64 && queueHead * 2 > queue.count {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            pthread_mutex_unlock(mutex)
            let result = transform(input)
            pthread_mutex_lock(mutex)
            results[sequence] = result
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
        }
    }

    /// Lets queued work finish, then stops and joins the threads.
    func shutdown() {
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
        for thread in threads { pthread_join(thread, nil) }
        threads = []
    }

    deinit {
        pthread_mutex_destroy(mutex)
        pthread_cond_destroy(condition)
        mutex.deallocate()
        condition.deallocate()
    }
}

/// Thread entry: runs the pool's loop; the pool was retained for the thread by `spawn`.
private func workerEntry(_ raw: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    let pool = Unmanaged<AnyObject>.fromOpaque(raw!).takeRetainedValue()
    (pool as? any WorkerLoop)?.runLoop()
    return nil
}

/// Type-erased access to a pool's loop for the C thread entry point.
private protocol WorkerLoop: AnyObject {
    func runLoop()
}

extension WorkerPool: WorkerLoop {
    func runLoop() { run() }
}

/// How many processors this process may use.
public enum ProcessorCount {
    public static var active: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
