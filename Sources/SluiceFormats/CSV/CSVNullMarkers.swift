/// The unquoted field texts that read as null, prepared for byte comparison.
struct CSVNullMarkers: Sendable {
    /// True when an empty unquoted field is null.
    let emptyIsNull: Bool
    private let markers: [[UInt8]]
    private let longestMarkerBytes: Int
    /// Bit n set when some marker is n bytes long (n < 64): most fields are ruled out by
    /// their length alone, before any bytes are compared.
    private let lengthMask: UInt64

    init(_ texts: [String]) {
        emptyIsNull = texts.contains("")
        markers = texts.filter { !$0.isEmpty }.map { Array($0.utf8) }
        longestMarkerBytes = markers.map(\.count).max() ?? 0
        lengthMask = markers.reduce(0) { $1.count < 64 ? $0 | (1 << UInt64($1.count)) : $0 }
    }

    /// Whether an unquoted field's bytes are a null marker.
    @inline(__always)
    func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if bytes.count == 0 { return emptyIsNull }
        if bytes.count > longestMarkerBytes { return false }
        if bytes.count < 64 && lengthMask & (1 << UInt64(bytes.count)) == 0 { return false }
        for marker in markers where marker.count == bytes.count {
            if marker.withUnsafeBytes({ $0.elementsEqual(bytes) }) { return true }
        }
        return false
    }

    /// Whether a field is null: an unquoted null marker.
    @inline(__always)
    func isNull(_ field: CSVFieldSpan, in bytes: UnsafeRawBufferPointer) -> Bool {
        !field.isQuoted && matches(UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end]))
    }

    /// Whether the text would read back as null if written unquoted.
    func matches(text bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { matches($0) }
    }
}

extension CSVFieldSpan {
    /// The field's bytes as they appear in the buffer (doubled quotes still doubled).
    @inline(__always)
    func rawBytes(in bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }

    /// The field's value as text, with doubled quotes made single (edges only: allocates).
    func text(in bytes: UnsafeRawBufferPointer, quote: UInt8) -> String {
        let raw = rawBytes(in: bytes)
        guard hasDoubledQuotes else { return String(decoding: raw, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            unescaped.append(raw[index])
            index += raw[index] == quote ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }
}
