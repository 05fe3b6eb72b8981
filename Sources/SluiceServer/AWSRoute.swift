import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import SluiceAWS

/// `POST /`: every AWS JSON-1.1 request, dispatched on `X-Amz-Target`. Checks the body size,
/// the content type and (when keys are configured) the SigV4 signature, then hands the body
/// to the dispatcher and returns its JSON with the status AWS would use.
struct AWSRoute: Sendable {
    let dispatcher: AWSJSONDispatcher
    let verifier: SigV4Verifier?

    // Both names are valid header tokens, so the initializers cannot fail.
    static let targetHeader = HTTPField.Name("X-Amz-Target")!
    static let requestIdHeader = HTTPField.Name("x-amzn-RequestId")!

    func respond(to request: Request, context: BasicRequestContext) async -> Response {
        let started = ContinuousClock.now
        let target = request.headers[Self.targetHeader]
        let operation = dispatcher.operation(of: target)?.operation ?? "Unknown"
        let response = await answer(request, target: target)
        let elapsed = ContinuousClock.now - started
        Counter(label: "sluice_aws_requests_total", dimensions: [("operation", operation), ("status", String(response.status))]).increment()
        Metrics.Timer(label: "sluice_aws_request_duration_seconds", dimensions: [("operation", operation)]).recordNanoseconds(
            elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        if let errorType = response.errorType {
            context.logger.info(
                "request failed",
                metadata: ["operation": "\(operation)", "status": "\(response.status)", "error": "\(errorType)"])
        } else {
            context.logger.debug("request", metadata: ["operation": "\(operation)", "status": "\(response.status)"])
        }
        return Response(
            status: HTTPResponse.Status(code: response.status),
            headers: [.contentType: AWSResponse.contentType, Self.requestIdHeader: UUID().uuidString.lowercased()],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
    }

    private func answer(_ request: Request, target: String?) async -> AWSResponse {
        var request = request
        let body: [UInt8]
        do {
            body = Array(try await request.collectBody(upTo: ServerConfiguration.maximumRequestBodyBytes).readableBytesView)
        } catch {
            return failure(AWSError(
                type: "SerializationException", message: "The request body is larger than \(ServerConfiguration.maximumRequestBodyBytes >> 20) MiB or was cut off.",
                status: 413))
        }
        if let contentType = request.headers[.contentType], contentType.contains("cbor") {
            return failure(AWSError.serialization(
                "This server speaks JSON 1.1 (application/x-amz-json-1.1), not CBOR; configure the client to use JSON."))
        }
        if let verifier {
            var headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
            if let authority = request.head.authority { headers.append((name: "host", value: authority)) }
            let signed = SigV4Verifier.Request(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "", headers: headers, body: body)
            do { try verifier.verify(signed) } catch { return failure(error) }
        }
        return await dispatcher.dispatch(target: target, body: body)
    }

    private func failure(_ error: AWSError) -> AWSResponse {
        AWSResponse(error)
    }
}
