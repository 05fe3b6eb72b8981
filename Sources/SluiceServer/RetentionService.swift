import Logging
import ServiceLifecycle
import SluiceCore
import SluiceStreams

/// Deletes segments older than each stream's retention, once a minute, until shutdown.
struct RetentionService: Service {
    let registry: StreamRegistry
    let intervalSeconds: Int
    let logger: Logger

    func run() async throws {
        // Shutdown cancels the wait at once instead of letting it run out.
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do throws(SluiceError) {
                    let deleted = try registry.enforceRetention()
                    if deleted > 0 { logger.info("retention deleted old segments", metadata: ["segments": "\(deleted)"]) }
                } catch {
                    logger.error("retention failed", metadata: ["error": "\(error.summary)"])
                }
                try await Task.sleep(for: .seconds(intervalSeconds))
            }
        }
    }
}
