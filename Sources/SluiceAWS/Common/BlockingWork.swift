import Dispatch
import SluiceCore

/// Runs blocking domain calls (file I/O, fsync) on a dispatch queue instead of the
/// concurrency pool's few threads, so a slow disk never stalls the server's event loops.
enum BlockingWork {
    private static let queue = DispatchQueue(label: "sluice.blocking-work", attributes: .concurrent)

    static func run<Value: Sendable>(_ body: @escaping @Sendable () throws(SluiceError) -> Value) async throws(AWSError) -> Value {
        let result: Result<Value, SluiceError> = await withCheckedContinuation { continuation in
            queue.async {
                let outcome: Result<Value, SluiceError>
                do throws(SluiceError) { outcome = .success(try body()) } catch { outcome = .failure(error) }
                continuation.resume(returning: outcome)
            }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw AWSError(error)
        }
    }
}
