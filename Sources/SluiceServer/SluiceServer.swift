import Foundation
import Hummingbird
public import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle
public import SluiceCore
import SluiceAWS
import SluiceCatalog
import SluiceStreams

/// The `sluice server` process: opens (and recovers) the streams under the data directory,
/// serves the AWS JSON-1.1 endpoint, `/health` and Prometheus `/metrics`, deletes expired
/// segments in the background, and on SIGTERM or SIGINT stops taking requests, lets the ones
/// in flight finish and syncs every shard's log before it exits.
public enum SluiceServer {
    /// Runs until a shutdown signal. `onListening` is told the address once the port is bound.
    public static func run(
        _ configuration: ServerConfiguration, logger: Logger, onListening: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws(SluiceError) {
        try configuration.dataDirectory.create()
        let registry = try StreamRegistry(
            folder: configuration.streamsPath,
            options: StreamRegistryOptions(
                log: ShardLogOptions(durability: configuration.durability), shardWriteLimits: configuration.shardWriteLimits,
                iteratorLifetimeMilliseconds: Int64(configuration.iteratorLifetimeSeconds) * 1000))
        logger.info("streams opened", metadata: ["folder": "\(configuration.streamsPath)", "streams": "\(registry.listStreams(limit: 10_000, exclusiveStart: nil).names.count)"])

        let prometheus = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: prometheus))

        let dispatcher = AWSJSONDispatcher(services: [KinesisService(registry: registry)])
        let route = AWSRoute(dispatcher: dispatcher, verifier: configuration.credentials.isEmpty ? nil : SigV4Verifier(credentials: configuration.credentials))
        let router = Router()
        router.add(middleware: MetricsMiddleware())
        router.get("/health") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        router.get("/metrics") { _, _ -> Response in
            StreamGauges.update(from: registry.statistics())
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: prometheus.emitToBuffer())))
        }
        router.post("/") { request, context in await route.respond(to: request, context: context) }

        let address = "\(configuration.host):\(configuration.port)"
        var application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "Sluice"),
            onServerRunning: { channel in
                let bound = channel.localAddress.flatMap { $0.port }.map { "\(configuration.host):\($0)" } ?? address
                logger.info("listening", metadata: ["address": "\(bound)"])
                onListening(bound)
            },
            logger: logger)
        application.addServices(RetentionService(registry: registry, intervalSeconds: configuration.retentionCheckIntervalSeconds, logger: logger))
        var failure: SluiceError?
        do {
            try await application.runService()
        } catch {
            failure = SluiceError(
                domain: .io, code: "server.failed", message: "The server at \(address) stopped: \(error).",
                hint: "If the port is taken, stop the other process or start with --port.")
        }
        logger.info("shutting down: syncing every shard's log")
        try registry.close()
        if let failure { throw failure }
    }
}
