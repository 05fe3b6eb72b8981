import Foundation
import SluiceCore

/// JSON text for the definitions the catalog file stores whole (table versions, crawlers,
/// parameter maps, run reports): sorted keys, so equal values store equal text.
enum StoredJSON {
    static func encode<Value: Encodable>(_ value: Value) throws(SluiceError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw SluiceError.internal("Cannot encode \(Value.self) for the catalog: \(error).", domain: .catalog)
        }
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String, what: String) throws(SluiceError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw SluiceError(
                domain: .catalog, code: "catalog.corrupt",
                message: "The stored \(what) cannot be read: \(error).",
                hint: "The catalog file was changed by something other than Sluice, or by a newer Sluice; restore it from a backup.")
        }
    }
}
