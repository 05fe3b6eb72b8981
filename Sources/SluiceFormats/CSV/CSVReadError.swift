import SluiceCore

/// The errors a CSV file can cause, with their exact text. Lines are 1-based physical lines
/// where the record starts; the location's column is the 1-based byte column on its line;
/// messages name fields by their 1-based position in the record and their name.
enum CSVReadError {
    /// Longest value quoted back in a message.
    static let maximumQuotedValueCharacters = 40

    static func badValue(
        path: String, line: Int, byteColumn: Int, fieldNumber: Int, field: Field, found: UnsafeRawBufferPointer,
        inferredFromRecords: Int?
    ) -> SluiceError {
        var hint: String
        if let inferredFromRecords {
            hint = "The type \(field.type) was inferred from the first \(inferredFromRecords) records; "
                + "give a schema, raise sampleRecords (nil reads every record), or set badRecords to skip or null."
        } else {
            hint = "Correct the value, declare '\(field.name)' with a type that holds it (string holds anything), "
                + "or set badRecords to skip or null."
        }
        if case .decimal = field.type, CSVValueParsing.parseDouble(CSVValueParsing.trimmed(found)) != nil {
            hint = "The value does not fit \(field.type). " + hint
        }
        return SluiceError(
            domain: .format, code: "csv.badValue",
            message: "expected \(expectation(for: field.type)) for field \(fieldNumber) ('\(field.name)') but found '\(quoted(found))'.",
            location: ErrorLocation(file: path, line: line, column: byteColumn),
            hint: hint)
    }

    static func fieldCount(path: String, line: Int, expected: Int, found: Int) -> SluiceError {
        SluiceError(
            domain: .format, code: "csv.fieldCount",
            message: "expected \(expected) fields but found \(found).",
            location: ErrorLocation(file: path, line: line),
            hint: "Quote values that contain the delimiter, check for a missing or extra delimiter, "
                + "or set badRecords to skip or null.")
    }

    static func syntax(_ error: CSVSyntaxError, path: String, line: Int, byteColumn: Int, delimiter: UInt8, quote: UInt8) -> SluiceError {
        let location = ErrorLocation(file: path, line: line, column: byteColumn)
        let quoteText = String(Character(Unicode.Scalar(quote)))
        switch error.problem {
        case .unclosedQuote:
            return SluiceError(
                domain: .format, code: "csv.unclosedQuote",
                message: "a quoted field starting here is never closed.",
                location: location,
                hint: "Close the quote, and write a quote inside a quoted value twice (\(quoteText)\(quoteText)).")
        case .strayQuote:
            return SluiceError(
                domain: .format, code: "csv.strayQuote",
                message: "found a quote inside unquoted field \(error.fieldIndex + 1).",
                location: location,
                hint: "Quote the whole value and write the quote inside it twice, or turn quoting off if quotes are plain text.")
        case .textAfterQuote(let byte):
            return SluiceError(
                domain: .format, code: "csv.textAfterQuote",
                message: "expected \(describe(delimiter)) or a line break after the closing quote of field "
                    + "\(error.fieldIndex + 1) but found \(describe(byte)).",
                location: location,
                hint: "Quote the whole value and write a quote inside it twice (\(quoteText)\(quoteText)).")
        }
    }

    /// What a column of `type` accepts, in words.
    static func expectation(for type: DataType) -> String {
        switch type {
        case .boolean: "a boolean (true or false)"
        case .int64: "an integer"
        case .int8, .int16, .int32: "an integer that fits \(type)"
        case .float32, .float64: "a number"
        case .decimal: "a decimal number that fits \(type)"
        case .date: "a date (YYYY-MM-DD)"
        case .timestamp: "a timestamp (YYYY-MM-DD HH:MM:SS)"
        default: "a value of type \(type)"
        }
    }

    /// `','`, or `tab` for the tab character.
    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x09: "tab"
        case 0x20..<0x7F: "'\(Character(Unicode.Scalar(byte)))'"
        default: "byte 0x" + String(byte, radix: 16)
        }
    }

    /// The value as text, cut to ``maximumQuotedValueCharacters`` characters.
    static func quoted(_ bytes: UnsafeRawBufferPointer) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.count > maximumQuotedValueCharacters else { return text }
        return String(text.prefix(maximumQuotedValueCharacters)) + "…"
    }
}
