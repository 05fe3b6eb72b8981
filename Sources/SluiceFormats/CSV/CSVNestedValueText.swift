import SluiceCore

/// The JSON text of a nested value (struct, list or map), which ``CSVWriter`` puts in one
/// quoted field. Dates and timestamps become ISO strings, binary a hex string, non-finite
/// doubles `null` (JSON has no NaN), and maps an object keyed by each key's text.
enum CSVNestedValueText {
    static func json(_ value: Value) -> String {
        var text = ""
        append(value, to: &text)
        return text
    }

    private static func append(_ value: Value, to text: inout String) {
        switch value {
        case .null: text += "null"
        case .boolean(let flag): text += flag ? "true" : "false"
        case .int(let number): text += String(number)
        case .double(let number): text += number.isFinite ? Value.format(double: number) : "null"
        case .decimal(let unscaled, let scale): text += Value.format(decimal: unscaled, scale: scale)
        case .string(let string): appendString(string, to: &text)
        case .binary: appendString(value.displayText, to: &text)
        case .date(let days): appendString(CivilTime.formatDate(days: Int(days)), to: &text)
        case .timestamp(let micros):
            appendString(CivilTime.formatTimestamp(microseconds: micros, separator: "T", zulu: true), to: &text)
        case .list(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                append(element, to: &text)
            }
            text += "]"
        case .structure(let fields):
            text += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { text += "," }
                appendString(field.name, to: &text)
                text += ":"
                append(field.value, to: &text)
            }
            text += "}"
        case .map(let entries):
            text += "{"
            for (index, entry) in entries.enumerated() {
                if index > 0 { text += "," }
                appendString(entry.key.displayText, to: &text)
                text += ":"
                append(entry.value, to: &text)
            }
            text += "}"
        }
    }

    private static func appendString(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
