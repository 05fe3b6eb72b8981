import Dispatch
import Synchronization
public import SluiceCore

/// Runs several lanes on their own threads and hands their batches to one consumer, in
/// arrival order, through a small bounded queue (so a slow consumer holds back the lanes
/// instead of buffering everything). Stopping early (`LIMIT`) cancels the lanes.
public final class PhysicalGather: PhysicalOperator {
    public let lanes: [any PhysicalOperator]
    public let schema: Schema
    private let channel: BatchChannel
    private var started = false
    private var finishedLanes = 0

    public init(lanes: [any PhysicalOperator], capacity: Int = 4) {
        self.lanes = lanes
        schema = lanes[0].schema
        channel = BatchChannel(capacity: capacity)
    }

    deinit { channel.cancel() }

    public func next() throws(SluiceError) -> RecordBatch? {
        if !started { start() }
        while finishedLanes < lanes.count {
            switch channel.receive() {
            case .batch(let batch): return batch
            case .finished: finishedLanes += 1
            case .failed(let error):
                channel.cancel()
                throw error
            }
        }
        return nil
    }

    private func start() {
        started = true
        let channel = self.channel
        for lane in lanes {
            let box = GatherLane(lane)
            WorkerThreads.detach {
                do throws(SluiceError) {
                    while !channel.isCancelled, let batch = try box.lane.next() {
                        guard channel.send(.batch(batch)) else { return }
                    }
                    _ = channel.send(.finished)
                } catch {
                    _ = channel.send(.failed(error))
                }
            }
        }
    }

    public var explainLine: String { "Gather lanes=\(lanes.count)" }
    public var children: [any PhysicalOperator] { [lanes[0]] }
}

/// Hands a lane to the one thread that drives it.
/// `@unchecked Sendable`: only that thread touches the lane after the hand-over.
private final class GatherLane: @unchecked Sendable {
    let lane: any PhysicalOperator
    init(_ lane: any PhysicalOperator) { self.lane = lane }
}

/// A bounded multi-producer, single-consumer queue of lane messages.
final class BatchChannel: Sendable {
    enum Message: Sendable {
        case batch(RecordBatch)
        case finished
        case failed(SluiceError)
    }

    private let queue = Mutex<[Message]>([])
    private let cancelled = Atomic<Bool>(false)
    private let slots: DispatchSemaphore
    private let items = DispatchSemaphore(value: 0)
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        slots = DispatchSemaphore(value: capacity)
    }

    var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    /// Waits for room (batches only; end and error messages never wait); false once cancelled.
    func send(_ message: Message) -> Bool {
        if case .batch = message {
            slots.wait()
            if isCancelled {
                slots.signal()
                return false
            }
        }
        queue.withLock { $0.append(message) }
        items.signal()
        return true
    }

    func receive() -> Message {
        items.wait()
        let message = queue.withLock { $0.removeFirst() }
        if case .batch = message { slots.signal() }
        return message
    }

    /// Wakes every producer waiting for room; they stop at once.
    func cancel() {
        guard !cancelled.exchange(true, ordering: .acquiringAndReleasing) else { return }
        for _ in 0..<(capacity + 64) { slots.signal() }
    }
}
