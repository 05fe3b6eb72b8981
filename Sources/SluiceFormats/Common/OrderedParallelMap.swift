import Dispatch
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
/// `produce` runs on the calling thread inside ``next()``; `transform` runs on worker threads.
public final class OrderedParallelMap<Input: Sendable, Output: Sendable> {
    private let produce: () throws(SluiceError) -> Input?
    private let transform: @Sendable (Input) -> Result<Output, SluiceError>
    private let window: Int
    private let queue = DispatchQueue(label: "sluice.parallel-map", attributes: .concurrent)
    private var inFlight: [Slot] = []
    private var exhausted = false

    /// A result that a worker fills and the consumer waits for.
    private final class Slot: @unchecked Sendable {
        // Written once by one worker before `ready.signal()`, read by the consumer after `wait()`.
        var result: Result<Output, SluiceError>?
        let ready = DispatchSemaphore(value: 0)
    }

    /// `workerCount` defaults to the number of active processors; `window` to twice that.
    public init(
        workerCount: Int = ProcessorCount.active,
        window: Int? = nil,
        produce: @escaping () throws(SluiceError) -> Input?,
        transform: @escaping @Sendable (Input) -> Result<Output, SluiceError>
    ) {
        self.produce = produce
        self.transform = transform
        self.window = max(1, window ?? workerCount * 2)
    }

    /// The next output in input order, or nil when every input was transformed.
    public func next() throws(SluiceError) -> Output? {
        while !exhausted && inFlight.count < window {
            guard let input = try produce() else {
                exhausted = true
                break
            }
            let slot = Slot()
            let transform = self.transform
            queue.async {
                slot.result = transform(input)
                slot.ready.signal()
            }
            inFlight.append(slot)
        }
        guard !inFlight.isEmpty else { return nil }
        let slot = inFlight.removeFirst()
        slot.ready.wait()
        return try slot.result!.get()
    }

    deinit {
        // Let queued work finish before the closures it captured go away.
        for slot in inFlight { slot.ready.wait() }
    }
}

/// How many processors this process may use.
public enum ProcessorCount {
    public static var active: Int {
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
