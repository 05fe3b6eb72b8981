import Foundation
import SluiceCore

/// `regexp_like`, `regexp_extract`, `regexp_replace` with Foundation's regular expressions
/// (ICU syntax, close to Java's that Trino uses; `$1` refers to a group in replacements).
/// A pattern is compiled once per batch while it stays the same from row to row.
enum RegexFunctions {
    static var definitions: [FunctionDefinition] {
        [
            FunctionDefinition(["regexp_like"], overloads: [Overload([.string, .string], .boolean) { (input) throws(SluiceError) -> Column in
                var cache = RegexCache(function: "regexp_like")
                return try withBytesView(input[0]) { (texts) throws(SluiceError) -> Column in
                    try withBytesView(input[1]) { (patterns) throws(SluiceError) -> Column in
                        try RowKernels.booleans(input) { (row) throws(SluiceError) -> Bool in
                            let regex = try cache.regex(patterns[row])
                            let text = texts.string(row)
                            return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                        }
                    }
                }
            }]),
            FunctionDefinition(["regexp_extract"], overloads: [
                Overload([.string, .string], .string) { (input) throws(SluiceError) -> Column in try extract(input) },
                Overload([.string, .string, .int64], .string) { (input) throws(SluiceError) -> Column in try extract(input) },
            ]),
            FunctionDefinition(["regexp_replace"], overloads: [
                Overload([.string, .string], .string) { (input) throws(SluiceError) -> Column in try replace(input) },
                Overload([.string, .string, .string], .string) { (input) throws(SluiceError) -> Column in try replace(input) },
            ]),
        ]
    }

    static func extract(_ input: KernelInput) throws(SluiceError) -> Column {
        let groups = input.arguments.count > 2 ? try input[2].elements(Int64.self) : nil
        var cache = RegexCache(function: "regexp_extract")
        return try withBytesView(input[0]) { (texts) throws(SluiceError) -> Column in
            try withBytesView(input[1]) { (patterns) throws(SluiceError) -> Column in
                try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                    let regex = try cache.regex(patterns[row])
                    let group = groups?[row] ?? 0
                    guard group >= 0, group <= regex.numberOfCaptureGroups else {
                        throw RowKernels.invalidArgument(
                            "regexp_extract", "the pattern has \(regex.numberOfCaptureGroups) groups; group \(group) does not exist.")
                    }
                    let text = texts.string(row)
                    guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                        let range = Range(match.range(at: Int(group)), in: text)
                    else {
                        builder.appendNull()
                        return
                    }
                    builder.append(string: String(text[range]))
                }
            }
        }
    }

    static func replace(_ input: KernelInput) throws(SluiceError) -> Column {
        let replacements = input.arguments.count > 2 ? input[2] : try Column.constant(.string(""), .string, count: input.count)
        var cache = RegexCache(function: "regexp_replace")
        return try withBytesView(input[0]) { (texts) throws(SluiceError) -> Column in
            try withBytesView(input[1]) { (patterns) throws(SluiceError) -> Column in
                try withBytesView(replacements) { (replacementView) throws(SluiceError) -> Column in
                    try RowKernels.build(input) { (row, builder) throws(SluiceError) in
                        let regex = try cache.regex(patterns[row])
                        let text = texts.string(row)
                        let result = regex.stringByReplacingMatches(
                            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: replacementView.string(row))
                        builder.append(string: result)
                    }
                }
            }
        }
    }
}

/// The compiled form of the last pattern seen, so a literal pattern compiles once per batch.
struct RegexCache {
    let function: String
    private var lastPattern: [UInt8]?
    private var compiled: NSRegularExpression?

    init(function: String) { self.function = function }

    mutating func regex(_ pattern: UnsafeBufferPointer<UInt8>) throws(SluiceError) -> NSRegularExpression {
        if let compiled, let lastPattern, lastPattern.withUnsafeBufferPointer({ UTF8Bytes.equal($0, pattern) }) {
            return compiled
        }
        let text = String(decoding: pattern, as: UTF8.self)
        do {
            let regex = try NSRegularExpression(pattern: text)
            compiled = regex
            lastPattern = Array(pattern)
            return regex
        } catch {
            throw RowKernels.invalidArgument(
                function, "'\(text)' is not a valid regular expression.",
                hint: "Escape special characters such as ( [ { . * + ? with a backslash.")
        }
    }
}
