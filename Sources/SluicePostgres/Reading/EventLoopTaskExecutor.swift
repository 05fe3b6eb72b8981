import NIOCore
import NIOPosix

/// Runs a task's jobs on a SwiftNIO event loop instead of Swift's cooperative pool. The
/// engine pulls batches from PostgreSQL on its own threads and blocks while it waits (see
/// ``PostgresBlockingReader``); the task that fills them must not need a cooperative
/// thread, or callers that block cooperative threads would starve it.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// An executor on the next loop of NIO's shared group (the one postgres-nio uses too).
    static func next() -> EventLoopTaskExecutor {
        EventLoopTaskExecutor(eventLoop: MultiThreadedEventLoopGroup.singleton.next())
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute {
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }
}
