#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// The field names of one JSON object shape and how a key in the input finds its field: the
/// reader's decoders and schema inference both look keys up here. Names live flattened in raw
/// memory so the per-key path does no reference counting; the usual case — the key is the
/// next field in order, as JSON writers keep a stable order — is compared in place.
final class JSONKeyTable {
    private var flatNames = RawAccumulator<UInt8>()
    /// `count + 1` offsets into `flatNames`.
    private var offsets = RawAccumulator<Int>()
    private var indexByName: [String: Int] = [:]
    /// No name holds a quote, a backslash or a control character, so raw key bytes can be
    /// compared with names directly.
    private var namesArePlain = true
    private(set) var count = 0

    init(names: [String] = []) {
        offsets.append(0)
        for name in names { _ = append(name) }
    }

    deinit {
        flatNames.deallocate()
        offsets.deallocate()
    }

    /// Adds a name and returns its index.
    @discardableResult
    func append(_ name: String) -> Int {
        var name = name
        name.withUTF8 { bytes in
            flatNames.append(UnsafeRawBufferPointer(bytes))
            if bytes.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) { namesArePlain = false }
        }
        offsets.append(flatNames.count)
        indexByName[name] = count
        count += 1
        return count - 1
    }

    /// Fast path: when the key at the scanner (its opening quote) is name `expected` followed
    /// by the closing quote, moves past it and returns `expected`; otherwise nil, not moving.
    @inline(__always)
    func matchInPlace(_ scanner: inout JSONScanner, expected: Int) -> Int? {
        // Raw pointers, not the accumulators' subscripts: those live in another module and are
        // not inlined, which cost 15% of JSON decoding.
        guard expected < count, namesArePlain, let names = flatNames.base, let offsets = offsets.base else { return nil }
        let nameStart = offsets[expected]
        let length = offsets[expected + 1] - nameStart
        let keyStart = scanner.position + 1
        guard keyStart + length < scanner.end, scanner.bytes[keyStart + length] == 0x22 else { return nil }
        let key = UnsafeRawPointer(scanner.bytes + keyStart)
        let name = UnsafeRawPointer(names + nameStart)
        var offset = 0
        while offset &+ 8 <= length {
            if key.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != name.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                return nil
            }
            offset &+= 8
        }
        while offset < length {
            if key.load(fromByteOffset: offset, as: UInt8.self) != name.load(fromByteOffset: offset, as: UInt8.self) { return nil }
            offset &+= 1
        }
        scanner.position = keyStart + length + 1
        return expected
    }

    /// The index of the name a scanned key spells (escapes decoded), or nil for a name not in
    /// the table; ``name(of:in:)`` gives the text to add. A malformed escape is an issue.
    func index(of key: (start: Int, end: Int, hasEscapes: Bool), in scanner: JSONScanner) throws(JSONIssue) -> Int? {
        indexByName[try JSONKeyTable.name(of: key, in: scanner)]
    }

    /// A scanned key's text, escapes decoded.
    static func name(of key: (start: Int, end: Int, hasEscapes: Bool), in scanner: JSONScanner) throws(JSONIssue) -> String {
        guard key.hasEscapes else {
            return String(decoding: UnsafeBufferPointer(start: scanner.bytes + key.start, count: key.end - key.start), as: UTF8.self)
        }
        var bytes: [UInt8] = []
        try scanner.unescape(start: key.start, end: key.end) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
