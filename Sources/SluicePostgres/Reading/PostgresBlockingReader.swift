import Foundation
import SluiceCore
import SluiceFormats

/// A ``BatchReader`` (the engine's synchronous pull interface) over an asynchronous
/// PostgreSQL read: a task on a NIO event loop produces batches into a hand-off of
/// ``capacity`` batches and waits while it is full; ``next()`` blocks until one arrives.
/// Memory stays bounded by the hand-off, and dropping the reader cancels the read.
final class PostgresBlockingReader: BatchReader {
    let schema: Schema
    private let handoff: BatchHandoff
    private let task: Task<Void, Never>

    /// Batches waiting for the engine: two keep the producer busy while one is consumed.
    static let capacity = 2

    typealias Producer = @Sendable (_ emit: (RecordBatch) async throws(SluiceError) -> Void) async throws(SluiceError) -> Void

    init(schema: Schema, produce: @escaping Producer) {
        self.schema = schema
        let handoff = BatchHandoff(capacity: Self.capacity)
        self.handoff = handoff
        task = Task(executorPreference: EventLoopTaskExecutor.next()) {
            do throws(SluiceError) {
                try await produce { batch throws(SluiceError) in try await handoff.send(batch) }
                handoff.finish(nil)
            } catch {
                handoff.finish(error)
            }
        }
    }

    deinit {
        handoff.cancel()
        task.cancel()
    }

    func next() throws(SluiceError) -> RecordBatch? {
        try handoff.receive()
    }
}

/// The bounded hand-off between the producing task and the blocking consumer.
// @unchecked Sendable: all state is read and written under `condition`'s lock.
final class BatchHandoff: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var buffer: [RecordBatch] = []
    private var finished = false
    private var failure: SluiceError?
    private var cancelled = false
    private var waitingProducer: CheckedContinuation<Void, Never>?

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds a batch, waiting (without blocking a thread) while the hand-off is full.
    func send(_ batch: RecordBatch) async throws(SluiceError) {
        while true {
            switch offer(batch) {
            case .accepted: return
            case .cancelled:
                throw SluiceError(domain: .connector, code: "postgres.cancelled", message: "The PostgreSQL read was cancelled.")
            case .full:
                await withCheckedContinuation { continuation in
                    if !park(continuation) { continuation.resume() }
                }
            }
        }
    }

    private enum Offer { case accepted, full, cancelled }

    private func offer(_ batch: RecordBatch) -> Offer {
        condition.lock()
        defer { condition.unlock() }
        if cancelled { return .cancelled }
        guard buffer.count < capacity else { return .full }
        buffer.append(batch)
        condition.signal()
        return .accepted
    }

    /// Stores the producer's continuation unless there is room again (or the read was cancelled).
    private func park(_ continuation: CheckedContinuation<Void, Never>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard buffer.count >= capacity, !cancelled else { return false }
        waitingProducer = continuation
        return true
    }

    /// The next batch; nil at the end; the producer's error if it failed.
    func receive() throws(SluiceError) -> RecordBatch? {
        condition.lock()
        defer { condition.unlock() }
        while buffer.isEmpty && !finished { condition.wait() }
        if !buffer.isEmpty {
            let batch = buffer.removeFirst()
            waitingProducer?.resume()
            waitingProducer = nil
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    func finish(_ error: SluiceError?) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        failure = error
        condition.broadcast()
    }

    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        waitingProducer?.resume()
        waitingProducer = nil
    }
}
