import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SluiceCore

/// A small Kinesis JSON-1.1 client for the `sluice stream` commands: posts one operation to a
/// running `sluice server` and returns the decoded JSON object, or an error that says what
/// the server answered — or that no server is there.
struct KinesisClient {
    let endpoint: String

    /// How long one call may take; GetRecords and PutRecords of 5 MiB finish well within it.
    static let timeoutSeconds: Int64 = 30

    /// One client for the process. A refused connection fails at once instead of being retried
    /// until the deadline: a command against a stopped server should say so immediately.
    static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(5), read: .seconds(timeoutSeconds))
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    func call(_ operation: String, _ input: [String: Any]) async throws(SluiceError) -> [String: Any] {
        guard let url = URL(string: endpoint), let host = url.host else {
            throw SluiceError(
                domain: .usage, code: "usage.badEndpoint", message: "The endpoint '\(endpoint)' is not a URL.",
                hint: "Give it as http://host:port, for example --endpoint http://127.0.0.1:4566.")
        }
        let body: Data
        do { body = try JSONSerialization.data(withJSONObject: input) } catch {
            throw SluiceError.internal("The \(operation) request could not be encoded: \(error).", domain: .stream)
        }
        var request = HTTPClientRequest(url: endpoint.hasSuffix("/") ? endpoint : endpoint + "/")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-amz-json-1.1")
        request.headers.add(name: "X-Amz-Target", value: "Kinesis_20131202.\(operation)")
        request.body = .bytes(ByteBuffer(bytes: body))
        let status: Int
        let bytes: ByteBuffer
        do {
            let response = try await Self.http.execute(request, timeout: .seconds(Self.timeoutSeconds))
            status = Int(response.status.code)
            bytes = try await response.body.collect(upTo: 64 << 20)
        } catch {
            let port = url.port.map { ":\($0)" } ?? ""
            throw SluiceError(
                domain: .io, code: "server.unreachable",
                message: "No Sluice server at \(host)\(port) (\(Self.describe(error))).",
                hint: "Start one with `sluice server`, or point --endpoint (or $SLUICE_ENDPOINT) at a running one.")
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) as? [String: Any] ?? [:]
        guard status == 200 else {
            let type = object["__type"] as? String ?? "HTTP \(status)"
            let message = object["message"] as? String ?? "The server answered \(operation) with status \(status)."
            throw SluiceError(
                domain: .stream, code: Self.code(forAWSType: type), message: "\(message) (\(type))",
                hint: object["hint"] as? String)
        }
        return object
    }

    static func code(forAWSType type: String) -> String {
        switch type.split(separator: "#").last.map(String.init) ?? type {
        case "ResourceNotFoundException": "stream.notFound"
        case "ResourceInUseException": "stream.inUse"
        case "ValidationException", "InvalidArgumentException", "SerializationException": "stream.invalidArgument"
        default: "stream.failed"
        }
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectTimeout") || text.contains("connectionRefused") || text.contains("Connection refused") {
            return "connection refused"
        }
        return text
    }
}

/// `--endpoint`, shared by the commands that talk to a running server.
struct EndpointOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The Sluice server to talk to (default: $SLUICE_ENDPOINT, else http://127.0.0.1:4566).", valueName: "url"))
    var endpoint: String?

    var client: KinesisClient {
        let environment = ProcessInfo.processInfo.environment["SLUICE_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
        return KinesisClient(endpoint: endpoint ?? environment ?? "http://127.0.0.1:4566")
    }
}
