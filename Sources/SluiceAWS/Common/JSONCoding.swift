import Foundation

/// Decoding requests and encoding responses of JSON-1.1 services, with decoding failures
/// turned into the errors AWS gives: malformed or mistyped JSON is a `SerializationException`,
/// a missing required member a `ValidationException`.
enum JSONCoding {
    static func decode<Input: Decodable>(_ type: Input.Type, from body: [UInt8]) throws(AWSError) -> Input {
        let bytes = body.allSatisfy { $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 } ? Array("{}".utf8) : body
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch let DecodingError.keyNotFound(key, _) {
            throw AWSError.missingMember(lowerFirst(key.stringValue))
        } catch let DecodingError.typeMismatch(_, context) {
            throw AWSError.serialization("Unexpected value type at '\(path(context))': \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw AWSError.missingMember(lowerFirst(path(context)))
        } catch let DecodingError.dataCorrupted(context) {
            let reason = context.codingPath.isEmpty ? "the body is not valid JSON" : "bad value at '\(path(context))'"
            throw AWSError.serialization("Cannot read the request: \(reason).")
        } catch {
            throw AWSError.serialization("Cannot read the request: \(error).")
        }
    }

    static func encode<Output: Encodable>(_ value: Output) throws(AWSError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        do { return Array(try encoder.encode(value)) } catch {
            throw AWSError.internalFailure("The response could not be encoded: \(error).")
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    private static func lowerFirst(_ text: String) -> String {
        text.prefix(1).lowercased() + text.dropFirst()
    }
}

/// An empty JSON object, the response of operations that return nothing.
struct EmptyOutput: Codable, Sendable {}
