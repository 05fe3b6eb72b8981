import Foundation

/// One AWS service spoken with the JSON-1.1 protocol: requests are `POST /` with an
/// `X-Amz-Target: <prefix>.<Operation>` header and a JSON body.
public protocol AWSJSONService: Sendable {
    /// The part of `X-Amz-Target` before the dot, such as `Kinesis_20131202`.
    var targetPrefix: String { get }
    /// Runs one operation on a JSON body and returns the JSON response body.
    func handle(operation: String, body: [UInt8]) async throws(AWSError) -> [UInt8]
}

/// What the HTTP layer sends back for one JSON-1.1 request.
public struct AWSResponse: Sendable, Equatable {
    public var status: Int
    public var body: [UInt8]
    /// The error type when the request failed (for logs and metrics).
    public var errorType: String?

    public static let contentType = "application/x-amz-json-1.1"

    public init(status: Int, body: [UInt8], errorType: String? = nil) {
        self.status = status
        self.body = body
        self.errorType = errorType
    }

    /// The response for an error.
    public init(_ error: AWSError) {
        self.init(status: error.status, body: error.body, errorType: error.type)
    }
}

/// Routes JSON-1.1 requests to services by the `X-Amz-Target` prefix: Kinesis now, Firehose,
/// Glue and Athena later on the same endpoint.
public struct AWSJSONDispatcher: Sendable {
    private let services: [String: any AWSJSONService]

    public init(services: [any AWSJSONService]) {
        self.services = Dictionary(services.map { ($0.targetPrefix, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The operation part of a target, when its prefix names a service here.
    public func operation(of target: String?) -> (service: String, operation: String)? {
        guard let target, let dot = target.firstIndex(of: ".") else { return nil }
        let prefix = String(target[..<dot])
        guard services[prefix] != nil else { return nil }
        return (prefix, String(target[target.index(after: dot)...]))
    }

    public func dispatch(target: String?, body: [UInt8]) async -> AWSResponse {
        guard let (prefix, operation) = self.operation(of: target), let service = services[prefix] else {
            let error = AWSError.unknownOperation(target)
            return AWSResponse(status: error.status, body: error.body, errorType: error.type)
        }
        do {
            return AWSResponse(status: 200, body: try await service.handle(operation: operation, body: body), errorType: nil)
        } catch {
            return AWSResponse(status: error.status, body: error.body, errorType: error.type)
        }
    }
}
