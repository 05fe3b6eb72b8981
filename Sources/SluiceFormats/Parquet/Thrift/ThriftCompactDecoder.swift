public import SluiceCore

/// Reads Thrift compact-protocol values from a byte buffer, front to back. Every read checks
/// the bounds: a truncated or corrupt buffer throws `parquet.corruptMetadata`, never reads
/// past the end; nesting is limited to ``maximumDepth`` and sizes to the bytes left.
public struct ThriftCompactDecoder {
    /// The bytes being read; they must outlive the decoder.
    public let bytes: UnsafeRawBufferPointer
    /// Offset of the next byte to read in ``bytes``.
    public private(set) var position: Int
    /// Where ``bytes`` start in their file, so errors name file offsets.
    public let fileOffset: Int
    /// Deepest nesting of structs and containers accepted.
    public static let maximumDepth = 64

    /// The last field id read in the current struct (field-header deltas add to it).
    private var lastFieldID: Int16 = 0
    /// The enclosing structs' last field ids.
    private var enclosingFieldIDs: [Int16] = []
    /// The value of a bool field, which travels in its field header.
    private var pendingBool: Bool?
    private var depth = 0
    /// Whether the bytes are a page header: its errors then report a damaged page.
    var readsPageHeader = false

    /// A decoder at `position` in `bytes`, whose first byte is at `fileOffset` in its file.
    public init(_ bytes: UnsafeRawBufferPointer, position: Int = 0, fileOffset: Int = 0) {
        self.bytes = bytes
        self.position = min(max(position, 0), bytes.count)
        self.fileOffset = fileOffset
    }

    /// Bytes left to read.
    public var remaining: Int { bytes.count - position }

    // MARK: Structs

    /// Enters a struct: field ids start again from 0.
    public mutating func beginStruct() throws(SluiceError) {
        try enterNesting()
        enclosingFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    /// Leaves a struct after ``readFieldHeader()`` returned nil (its stop byte).
    public mutating func endStruct() {
        lastFieldID = enclosingFieldIDs.popLast() ?? 0
        depth -= 1
    }

    /// The next field's id and type, or nil at the struct's stop byte. Reads both the short
    /// form (id delta in the high nibble) and the long form (zigzag varint id).
    public mutating func readFieldHeader() throws(SluiceError) -> (id: Int16, type: ThriftCompactType)? {
        let start = position
        let byte = try readByte(while: "a field header")
        pendingBool = nil
        if byte == 0 { return nil }
        let wire = byte & 0x0F
        guard let type = ThriftCompactType(wire: wire) else {
            throw corrupt("a field header has the unknown type \(wire)", at: start)
        }
        let delta = Int16(byte >> 4)
        let id: Int16
        if delta == 0 {
            id = try readI16()
        } else {
            let (sum, overflow) = lastFieldID.addingReportingOverflow(delta)
            guard !overflow else { throw corrupt("a field id is beyond \(Int16.max)", at: start) }
            id = sum
        }
        lastFieldID = id
        if type == .bool { pendingBool = wire == 1 }
        return (id, type)
    }

    // MARK: Base types

    /// A bool: the value of the bool field whose header was just read, or else a list, set
    /// or map element (one byte, 1 true, 2 or 0 false).
    public mutating func readBool() throws(SluiceError) -> Bool {
        if let value = pendingBool {
            pendingBool = nil
            return value
        }
        let start = position
        switch try readByte(while: "a bool") {
        case 1: return true
        case 0, 2: return false
        case let other: throw corrupt("a bool element has the value \(other) (expected 1 or 2)", at: start)
        }
    }

    /// An i8: one byte.
    public mutating func readI8() throws(SluiceError) -> Int8 {
        Int8(bitPattern: try readByte(while: "an i8"))
    }

    /// An i16: a zigzag varint.
    public mutating func readI16() throws(SluiceError) -> Int16 {
        let start = position
        let raw = try readVarint()
        guard let value = UInt16(exactly: raw) else { throw corrupt("an i16 varint does not fit 16 bits", at: start) }
        return Int16(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    /// An i32: a zigzag varint.
    public mutating func readI32() throws(SluiceError) -> Int32 {
        let start = position
        let raw = try readVarint()
        guard let value = UInt32(exactly: raw) else { throw corrupt("an i32 varint does not fit 32 bits", at: start) }
        return Int32(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    /// An i64: a zigzag varint.
    public mutating func readI64() throws(SluiceError) -> Int64 {
        let value = try readVarint()
        return Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    /// An unsigned LEB128 varint of up to 64 bits (10 bytes).
    public mutating func readVarint() throws(SluiceError) -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte(while: "a varint", startedAt: start)
            if shift == 63 && byte > 1 { throw corrupt("a varint is longer than 64 bits", at: start) }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// A double: 8 bytes, IEEE 754 little-endian.
    public mutating func readDouble() throws(SluiceError) -> Double {
        try require(8, for: "a double")
        let bits = bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        position += 8
        return Double(bitPattern: UInt64(littleEndian: bits))
    }

    /// A binary value: a varint length, then that many bytes.
    public mutating func readBinary() throws(SluiceError) -> [UInt8] {
        let range = try readBinaryRange()
        return [UInt8](UnsafeRawBufferPointer(rebasing: bytes[range]))
    }

    /// A string: binary holding UTF-8 (invalid sequences read as U+FFFD).
    public mutating func readString() throws(SluiceError) -> String {
        let range = try readBinaryRange()
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    // MARK: Containers

    /// A list or set header: the element type and count. The count is at most the bytes left,
    /// since every element takes at least one byte.
    public mutating func readListHeader() throws(SluiceError) -> (elementType: ThriftCompactType, count: Int) {
        let start = position
        let byte = try readByte(while: "a list header")
        guard let type = ThriftCompactType(wire: byte & 0x0F) else {
            throw corrupt("a list header has the unknown element type \(byte & 0x0F)", at: start)
        }
        var count = Int(byte >> 4)
        if count == 15 { count = try readSize(of: "a list", elementBytes: 1, at: start) }
        guard count <= remaining else { throw tooLarge("a list of \(count) elements", at: start) }
        return (type, count)
    }

    /// A map header: the pair count and, unless the map is empty, the key and value types.
    public mutating func readMapHeader() throws(SluiceError)
        -> (count: Int, keyType: ThriftCompactType?, valueType: ThriftCompactType?)
    {
        let start = position
        let count = try readSize(of: "a map", elementBytes: 2, at: start)
        if count == 0 { return (0, nil, nil) }
        let byte = try readByte(while: "a map header", startedAt: start)
        guard let keyType = ThriftCompactType(wire: byte >> 4), let valueType = ThriftCompactType(wire: byte & 0x0F) else {
            throw corrupt("a map header has the unknown key or value type \(byte >> 4)/\(byte & 0x0F)", at: start)
        }
        return (count, keyType, valueType)
    }

    /// A whole list whose elements must be of `elementType`, each read by `readElement`.
    public mutating func readList<Element>(
        of elementType: ThriftCompactType,
        _ readElement: (inout ThriftCompactDecoder) throws(SluiceError) -> Element
    ) throws(SluiceError) -> [Element] {
        let start = position
        let header = try readListHeader()
        guard header.elementType == elementType else {
            throw corrupt("expected a list of \(elementType) but found a list of \(header.elementType)", at: start)
        }
        try enterNesting()
        defer { depth -= 1 }
        var elements: [Element] = []
        elements.reserveCapacity(header.count)
        for _ in 0..<header.count {
            elements.append(try readElement(&self))
        }
        return elements
    }

    /// A whole list of structs.
    public mutating func readStructList<Element: ThriftCompactCodable>(
        _: Element.Type
    ) throws(SluiceError) -> [Element] {
        try readList(of: .struct) { (decoder: inout ThriftCompactDecoder) throws(SluiceError) in
            try Element.decode(from: &decoder)
        }
    }

    /// A whole list of i32 values (Parquet enumerations are i32).
    public mutating func readI32List() throws(SluiceError) -> [Int32] {
        try readList(of: .i32) { (decoder: inout ThriftCompactDecoder) throws(SluiceError) in try decoder.readI32() }
    }

    /// A whole list of strings.
    public mutating func readStringList() throws(SluiceError) -> [String] {
        try readList(of: .binary) { (decoder: inout ThriftCompactDecoder) throws(SluiceError) in try decoder.readString() }
    }

    // MARK: Skipping

    /// Skips one value of `type` — a field's value after its header, or one element —
    /// including everything nested in structs, lists, sets and maps.
    public mutating func skip(_ type: ThriftCompactType) throws(SluiceError) {
        switch type {
        case .bool: _ = try readBool()
        case .i8: _ = try readByte(while: "an i8")
        case .i16, .i32, .i64: _ = try readVarint()
        case .double: try advance(8, for: "a double")
        case .uuid: try advance(16, for: "a uuid")
        case .binary: position = try readBinaryRange().upperBound
        case .list, .set:
            let header = try readListHeader()
            try enterNesting()
            defer { depth -= 1 }
            for _ in 0..<header.count { try skip(header.elementType) }
        case .map:
            let header = try readMapHeader()
            guard let keyType = header.keyType, let valueType = header.valueType else { return }
            try enterNesting()
            defer { depth -= 1 }
            for _ in 0..<header.count {
                try skip(keyType)
                try skip(valueType)
            }
        case .struct:
            try beginStruct()
            while let field = try readFieldHeader() { try skip(field.type) }
            endStruct()
        }
    }

    // MARK: Errors

    /// The error for a struct that ended without one of its required fields.
    public func missingField(_ name: String, _ id: Int16, in structName: String) -> SluiceError {
        corrupt("\(structName) has no value for its required field '\(name)' (field \(id))", at: position)
    }

    /// A corrupt-metadata error about the bytes at `offset` in ``bytes``.
    public func corrupt(_ detail: String, at offset: Int) -> SluiceError {
        readsPageHeader ? .corruptPageHeader(detail, at: fileOffset) : .corruptParquetMetadata(detail, at: fileOffset + offset)
    }

    // MARK: Private

    private mutating func enterNesting() throws(SluiceError) {
        guard depth < Self.maximumDepth else {
            throw corrupt("values are nested more than \(Self.maximumDepth) levels deep", at: position)
        }
        depth += 1
    }

    private mutating func readByte(while reading: String, startedAt start: Int? = nil) throws(SluiceError) -> UInt8 {
        guard position < bytes.count else { throw truncated(reading, at: start ?? position) }
        let byte = bytes[position]
        position += 1
        return byte
    }

    private func require(_ count: Int, for reading: String) throws(SluiceError) {
        guard count <= remaining else { throw truncated(reading, at: position) }
    }

    private mutating func advance(_ count: Int, for reading: String) throws(SluiceError) {
        try require(count, for: reading)
        position += count
    }

    /// A varint size (list, map) up to Int32.max whose elements, each at least
    /// `elementBytes` long, fit in the bytes left.
    private mutating func readSize(of what: String, elementBytes: Int, at start: Int) throws(SluiceError) -> Int {
        let raw = try readVarint()
        guard raw <= UInt64(Int32.max), Int(raw) * elementBytes <= remaining else {
            throw tooLarge("\(what) of \(raw) elements", at: start)
        }
        return Int(raw)
    }

    private mutating func readBinaryRange() throws(SluiceError) -> Range<Int> {
        let start = position
        let length = try readVarint()
        guard length <= UInt64(remaining) else {
            throw corrupt("a binary value of \(length) bytes runs past the end of the data (\(remaining) bytes left)", at: start)
        }
        let range = position..<(position + Int(length))
        position = range.upperBound
        return range
    }

    private func truncated(_ reading: String, at offset: Int) -> SluiceError {
        corrupt("the data ends inside \(reading)", at: offset)
    }

    private func tooLarge(_ what: String, at offset: Int) -> SluiceError {
        corrupt("\(what) cannot fit in the \(remaining) bytes left", at: offset)
    }
}
