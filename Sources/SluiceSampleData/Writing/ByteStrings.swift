/// A fixed list of short strings kept as UTF-8 in one flat buffer, so the hot loop copies
/// bytes without touching `String`. Every value is written to JSON and CSV unescaped, so the
/// constructor rejects characters that would need escaping or quoting (a bug in the lists,
/// never user input).
struct ByteStrings: Sendable {
    private let storage: [UInt8]
    /// `ends[i]` is one past the last byte of string `i`; string `i` starts at `ends[i - 1]`.
    private let ends: [Int]
    let strings: [String]

    init(_ strings: [String]) {
        self.init(strings, checked: true)
    }

    /// `checked: false` is for JSON and CSV punctuation, which contains quotes and commas.
    init(_ strings: [String], checked: Bool) {
        var storage: [UInt8] = []
        var ends: [Int] = []
        for string in strings {
            for byte in string.utf8 {
                precondition(
                    !checked || byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
                        && byte != UInt8(ascii: ","),
                    "Sample value '\(string)' needs escaping; sample vocabularies must not")
                storage.append(byte)
            }
            ends.append(storage.count)
        }
        self.storage = storage
        self.ends = ends
        self.strings = strings
    }

    var count: Int { ends.count }

    /// Appends string `index` to `output`.
    @inline(__always)
    func append(_ index: Int, to output: inout [UInt8]) {
        let start = index == 0 ? 0 : ends[index - 1]
        let end = ends[index]
        storage.withUnsafeBufferPointer { buffer in
            output.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<end]))
        }
    }
}
