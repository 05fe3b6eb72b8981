#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a piece of work on a fresh thread with a large stack and waits for it. The parser
/// recurses once per nesting level, and a debug build spends up to ~45 KB of stack per level;
/// at the 500-level limit that is more than the 8 MiB a caller's thread usually has.
enum LargeStackThread {
    /// Only touched pages cost memory; the rest is address space.
    static let stackSizeBytes = 32 << 20

    /// `body`'s result, computed on a thread with ``stackSizeBytes`` of stack (or on the
    /// calling thread if no thread can be started).
    static func run<Result>(_ body: () -> Result) -> Result {
        withoutActuallyEscaping(body) { escapable in
            let job = Job(escapable)
            let context = Unmanaged.passRetained(job).toOpaque()
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            pthread_attr_setstacksize(&attributes, stackSizeBytes)
            #if canImport(Glibc)
            var thread = pthread_t()
            let status = pthread_create(&thread, &attributes, { context in
                guard let context else { return nil }
                Unmanaged<AnyJob>.fromOpaque(context).takeUnretainedValue().perform()
                return nil
            }, context)
            #else
            var thread: pthread_t?
            let status = pthread_create(&thread, &attributes, { context in
                Unmanaged<AnyJob>.fromOpaque(context).takeUnretainedValue().perform()
                return nil
            }, context)
            #endif
            pthread_attr_destroy(&attributes)
            if status == 0 {
                #if canImport(Glibc)
                pthread_join(thread, nil)
                #else
                if let thread { pthread_join(thread, nil) }
                #endif
            } else {
                job.perform()
            }
            Unmanaged<AnyJob>.fromOpaque(context).release()
            guard let result = job.result else { preconditionFailure("LargeStackThread: the job did not run") }
            return result
        }
    }
}

/// The thread entry point's view of a job (the C callback cannot be generic).
/// `@unchecked Sendable`: a job is touched by the spawned thread only between `pthread_create`
/// and `pthread_join`, which order those accesses against the caller's.
private class AnyJob: @unchecked Sendable {
    func perform() {}
}

/// One piece of work and its result.
private final class Job<Result>: AnyJob, @unchecked Sendable {
    private let body: () -> Result
    var result: Result?

    init(_ body: @escaping () -> Result) { self.body = body }

    override func perform() { result = body() }
}
