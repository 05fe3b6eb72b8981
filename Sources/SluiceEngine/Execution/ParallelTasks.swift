#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization
import SluiceCore

/// Runs numbered tasks on up to `threads` threads at once (lanes, merge partitions, probe
/// rounds); the first error in task order is thrown after every task has stopped.
///
/// On Linux the helpers are threads of their own rather than `DispatchQueue.concurrentPerform`:
/// Swift concurrency runs on libdispatch's pool there, which has one thread per CPU, so when a
/// query runs inside a task (a server request, a test) and any other pool thread is blocked,
/// `concurrentPerform` finds no helper and runs every iteration on the calling thread.
enum ParallelTasks {
    static func run(count: Int, threads: Int, _ body: @Sendable (Int) throws(SluiceError) -> Void) throws(SluiceError) {
        if count <= 1 || threads <= 1 {
            for index in 0..<count { try body(index) }
            return
        }
        let errors = Mutex<[SluiceError?]>(Array(repeating: nil, count: count))
        let width = min(threads, count)
        withoutActuallyEscaping(body) { body in
            WorkerThreads.run(count: width) { worker in
                var index = worker
                while index < count {
                    if errors.withLock({ $0.contains { $0 != nil } }) { return }
                    do throws(SluiceError) {
                        try body(index)
                    } catch {
                        errors.withLock { $0[index] = error }
                        return
                    }
                    index += width
                }
            }
        }
        if let error = errors.withLock({ $0.compactMap { $0 }.first }) { throw error }
    }
}

/// `body(worker)` for every worker in `0..<count`: worker 0 on the calling thread, the others
/// on threads started for the call and joined before it returns.
enum WorkerThreads {
    static func run(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        #if canImport(Glibc)
        var started: [pthread_t] = []
        for worker in 1..<max(1, count) {
            let work = Unmanaged.passRetained(WorkerThreadWork { body(worker) })
            var thread = pthread_t()
            let result = pthread_create(&thread, nil, { context in
                guard let context else { return nil }
                Unmanaged<WorkerThreadWork>.fromOpaque(context).takeRetainedValue().run()
                return nil
            }, work.toOpaque())
            if result == 0 {
                started.append(thread)
            } else {
                // No thread to be had: do the work here instead.
                work.takeRetainedValue().run()
            }
        }
        body(0)
        for thread in started { pthread_join(thread, nil) }
        #else
        DispatchQueue.concurrentPerform(iterations: count, execute: body)
        #endif
    }
}

extension WorkerThreads {
    /// Runs `body` on a thread of its own that nobody joins (producers feeding a queue that
    /// may block). Falls back to a dispatch queue when no thread can be started.
    static func detach(_ body: @escaping @Sendable () -> Void) {
        #if canImport(Glibc)
        let work = Unmanaged.passRetained(WorkerThreadWork(body))
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            Unmanaged<WorkerThreadWork>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, work.toOpaque())
        if result == 0 {
            pthread_detach(thread)
        } else {
            work.release()
            DispatchQueue.global().async(execute: body)
        }
        #else
        DispatchQueue.global().async(execute: body)
        #endif
    }
}

/// The work a started thread runs, handed over through `pthread_create`'s context pointer.
private final class WorkerThreadWork: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// One result slot per task, filled by the task's own thread.
final class TaskResults<Result: Sendable>: Sendable {
    private let slots: Mutex<[Result?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func store(_ result: Result, at index: Int) {
        slots.withLock { $0[index] = result }
    }

    /// The results in task order (tasks that stored nothing are skipped).
    func collect() -> [Result] {
        slots.withLock { slots in
            let taken = slots
            return taken.compactMap { $0 }
        }
    }
}
