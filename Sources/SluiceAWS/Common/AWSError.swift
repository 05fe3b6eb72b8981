import Foundation
public import SluiceCore
import SluiceStreams

/// An error as AWS JSON-1.1 services return it: an error type (`__type`), a message and an
/// HTTP status. Domain errors (`SluiceError`) become these only here, at the edge.
public struct AWSError: Error, Sendable, Equatable {
    public var type: String
    public var message: String
    public var status: Int
    /// Sluice's advice on fixing it, sent as an extra `hint` field (AWS clients ignore it;
    /// `sluice` prints it).
    public var hint: String?

    public init(type: String, message: String, status: Int = 400, hint: String? = nil) {
        self.type = type
        self.message = message
        self.status = status
        self.hint = hint
    }

    /// The Kinesis error type for a domain error.
    public init(_ error: SluiceError) {
        let type: String
        var status = 400
        switch error.code {
        case StreamError.Code.notFound: type = "ResourceNotFoundException"
        case StreamError.Code.inUse: type = "ResourceInUseException"
        case StreamError.Code.invalidArgument: type = "InvalidArgumentException"
        case StreamError.Code.validation: type = "ValidationException"
        case StreamError.Code.expiredIterator: type = "ExpiredIteratorException"
        case StreamError.Code.throughputExceeded: type = "ProvisionedThroughputExceededException"
        case StreamError.Code.limitExceeded: type = "LimitExceededException"
        default:
            type = "InternalFailureException"
            status = 500
        }
        self.init(type: type, message: error.summary, status: status, hint: error.hint)
    }

    /// The response body: `{"__type": "...", "message": "..."}`.
    public var body: [UInt8] {
        var object: [String: String] = ["__type": type, "message": message]
        if let hint { object["hint"] = hint }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Array(data)
    }

    // MARK: - Protocol-level errors shared by every JSON-1.1 service

    public static func unknownOperation(_ target: String?) -> AWSError {
        AWSError(
            type: "UnknownOperationException",
            message: target.map { "The operation '\($0)' is not supported by this server." } ?? "The request has no X-Amz-Target header naming an operation.",
            hint: "Sluice serves Kinesis (Kinesis_20131202.<Operation>) on this endpoint.")
    }

    public static func serialization(_ message: String) -> AWSError {
        AWSError(type: "SerializationException", message: message)
    }

    public static func missingMember(_ name: String) -> AWSError {
        AWSError(type: "ValidationException", message: "1 validation error detected: Value null at '\(name)' failed to satisfy constraint: Member must not be null")
    }

    public static func internalFailure(_ message: String) -> AWSError {
        AWSError(type: "InternalFailureException", message: message, status: 500)
    }
}
