import Crypto
public import Foundation

/// Checks AWS Signature Version 4 on requests when access keys are configured.
///
/// The canonical request (method, path, sorted query, the signed headers, the payload hash)
/// is hashed into a string to sign with the request time and credential scope; the signing
/// key is derived from the secret by HMAC-SHA256 over date, region, service and
/// `aws4_request`. The signature must match, the access key must be known, and the request
/// time must be within 15 minutes of the server's clock.
public struct SigV4Verifier: Sendable {
    /// Secret access keys by access key id.
    public var credentials: [String: String]
    /// How far a request's `X-Amz-Date` may be from the server's clock (AWS: 15 minutes).
    public var allowedClockSkewSeconds: Double = 900

    public init(credentials: [String: String]) {
        self.credentials = credentials
    }

    /// The parts of a request the signature covers. Header names may be in any case; `host`
    /// must be among them (HTTP/1.1's Host or HTTP/2's :authority).
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: String
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public init(method: String, path: String, query: String, headers: [(name: String, value: String)], body: [UInt8]) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.body = body
        }

        func header(_ name: String) -> String? {
            let values = headers.filter { $0.name.lowercased() == name }.map(\.value)
            return values.isEmpty ? nil : values.joined(separator: ",")
        }
    }

    public func verify(_ request: Request, now: Date = Date()) throws(AWSError) {
        guard let authorization = request.header("authorization") else {
            throw AWSError(
                type: "UnrecognizedClientException", message: "The request is not signed: it has no Authorization header.",
                hint: "Configure the client with the access key id and secret this server was started with.")
        }
        let parsed = try Self.parse(authorization: authorization)
        guard let secret = credentials[parsed.accessKeyId] else {
            throw AWSError(
                type: "UnrecognizedClientException", message: "The security token included in the request is invalid.",
                hint: "The access key id '\(parsed.accessKeyId)' is not one this server was configured with.")
        }
        guard let amzDate = request.header("x-amz-date"), let requestTime = Self.parseAmzDate(amzDate) else {
            throw AWSError(type: "IncompleteSignatureException", message: "The request has no valid X-Amz-Date header (yyyyMMddTHHmmssZ).")
        }
        guard abs(requestTime.timeIntervalSince(now)) <= allowedClockSkewSeconds else {
            throw AWSError(
                type: "InvalidSignatureException",
                message: "Signature expired: \(amzDate) is now earlier or later than the server's time by more than 15 minutes.",
                hint: "Correct the client's clock.")
        }
        let expected = signature(request: request, signedHeaders: parsed.signedHeaders, scope: parsed.scope, amzDate: amzDate, secret: secret)
        guard expected == parsed.signature.lowercased() else {
            throw AWSError(
                type: "InvalidSignatureException",
                message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
                hint: "Check that the client uses the secret access key configured for '\(parsed.accessKeyId)'.")
        }
    }

    /// The hex signature of a request; public so tests and clients can sign.
    public func signature(request: Request, signedHeaders: [String], scope: String, amzDate: String, secret: String) -> String {
        let canonicalHeaders = signedHeaders.map { name in
            let value = request.header(name) ?? ""
            return name + ":" + value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") + "\n"
        }.joined()
        let payloadHash = request.header("x-amz-content-sha256") ?? Self.hex(SHA256.hash(data: request.body))
        let canonicalRequest = [
            request.method, request.path.isEmpty ? "/" : request.path, Self.canonicalQuery(request.query), canonicalHeaders,
            signedHeaders.joined(separator: ";"), payloadHash,
        ].joined(separator: "\n")
        let stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, Self.hex(SHA256.hash(data: Data(canonicalRequest.utf8)))].joined(separator: "\n")
        var key = SymmetricKey(data: Data(("AWS4" + secret).utf8))
        for part in scope.split(separator: "/") {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
    }

    struct Authorization {
        var accessKeyId: String
        var scope: String
        var signedHeaders: [String]
        var signature: String
    }

    static func parse(authorization: String) throws(AWSError) -> Authorization {
        let incomplete = AWSError(
            type: "IncompleteSignatureException",
            message: "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters with algorithm AWS4-HMAC-SHA256.")
        guard authorization.hasPrefix("AWS4-HMAC-SHA256 ") else { throw incomplete }
        var fields: [String: String] = [:]
        for part in authorization.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let equals = trimmed.firstIndex(of: "=") else { continue }
            fields[String(trimmed[..<equals])] = String(trimmed[trimmed.index(after: equals)...])
        }
        guard let credential = fields["Credential"], let signedHeaders = fields["SignedHeaders"], let signature = fields["Signature"],
            let slash = credential.firstIndex(of: "/")
        else { throw incomplete }
        return Authorization(
            accessKeyId: String(credential[..<slash]), scope: String(credential[credential.index(after: slash)...]),
            signedHeaders: signedHeaders.split(separator: ";").map { $0.lowercased() }, signature: signature)
    }

    static func canonicalQuery(_ query: String) -> String {
        query.split(separator: "&").map { pair -> (String, String) in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }.sorted { $0 < $1 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    static func parseAmzDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.date(from: text)
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
