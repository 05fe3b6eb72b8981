/// Writes Thrift compact-protocol values to the end of a byte array: field headers with id
/// deltas, varints, zigzag integers, binary, bool fields, list headers and nested structs.
public struct ThriftCompactEncoder {
    /// Everything written so far.
    public private(set) var bytes: [UInt8]

    /// The last field id written in the current struct.
    private var lastFieldID: Int16 = 0
    /// The enclosing structs' last field ids.
    private var enclosingFieldIDs: [Int16] = []

    /// An empty encoder with room for `capacity` bytes.
    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    // MARK: Structs

    /// Starts a struct: field ids start again from 0.
    public mutating func beginStruct() {
        enclosingFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    /// Ends a struct with its stop byte.
    public mutating func endStruct() {
        bytes.append(0)
        lastFieldID = enclosingFieldIDs.popLast() ?? 0
    }

    /// A field header: the short form when the id is 1 to 15 above the previous one, else the
    /// long form. Bool fields carry their value in the header: use ``writeBoolField(_:_:)``.
    public mutating func writeFieldHeader(_ id: Int16, _ type: ThriftCompactType) {
        precondition(type != .bool, "bool fields are written with writeBoolField")
        writeFieldHeader(id, wire: type.rawValue)
    }

    /// A bool field: its value is the header's type (1 true, 2 false).
    public mutating func writeBoolField(_ id: Int16, _ value: Bool) {
        writeFieldHeader(id, wire: value ? 1 : 2)
    }

    /// An i8 field.
    public mutating func writeI8Field(_ id: Int16, _ value: Int8) {
        writeFieldHeader(id, .i8)
        writeI8(value)
    }

    /// An i16 field.
    public mutating func writeI16Field(_ id: Int16, _ value: Int16) {
        writeFieldHeader(id, .i16)
        writeI16(value)
    }

    /// An i32 field (also enumerations).
    public mutating func writeI32Field(_ id: Int16, _ value: Int32) {
        writeFieldHeader(id, .i32)
        writeI32(value)
    }

    /// An i64 field.
    public mutating func writeI64Field(_ id: Int16, _ value: Int64) {
        writeFieldHeader(id, .i64)
        writeI64(value)
    }

    /// A double field.
    public mutating func writeDoubleField(_ id: Int16, _ value: Double) {
        writeFieldHeader(id, .double)
        writeDouble(value)
    }

    /// A binary field.
    public mutating func writeBinaryField(_ id: Int16, _ value: [UInt8]) {
        writeFieldHeader(id, .binary)
        writeBinary(value)
    }

    /// A string field (binary holding UTF-8).
    public mutating func writeStringField(_ id: Int16, _ value: String) {
        writeFieldHeader(id, .binary)
        writeString(value)
    }

    /// A struct field.
    public mutating func writeStructField(_ id: Int16, _ value: some ThriftCompactCodable) {
        writeFieldHeader(id, .struct)
        value.encode(to: &self)
    }

    /// A list field whose elements are of `elementType`, each written by `writeElement`.
    public mutating func writeListField<Element>(
        _ id: Int16, of elementType: ThriftCompactType, _ elements: [Element],
        _ writeElement: (inout ThriftCompactEncoder, Element) -> Void
    ) {
        writeFieldHeader(id, .list)
        writeListHeader(elementType, count: elements.count)
        for element in elements { writeElement(&self, element) }
    }

    /// A list field of structs.
    public mutating func writeStructListField<Element: ThriftCompactCodable>(_ id: Int16, _ elements: [Element]) {
        writeListField(id, of: .struct, elements) { encoder, element in element.encode(to: &encoder) }
    }

    // MARK: Values (list elements, or after a header)

    /// A bool list element: one byte, 1 true, 2 false.
    public mutating func writeBool(_ value: Bool) {
        bytes.append(value ? 1 : 2)
    }

    /// An i8: one byte.
    public mutating func writeI8(_ value: Int8) {
        bytes.append(UInt8(bitPattern: value))
    }

    /// An i16 as a zigzag varint.
    public mutating func writeI16(_ value: Int16) {
        writeVarint(UInt64(UInt16(bitPattern: (value << 1) ^ (value >> 15))))
    }

    /// An i32 as a zigzag varint.
    public mutating func writeI32(_ value: Int32) {
        writeVarint(UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31))))
    }

    /// An i64 as a zigzag varint.
    public mutating func writeI64(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// An unsigned LEB128 varint.
    public mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// A double: 8 bytes, IEEE 754 little-endian.
    public mutating func writeDouble(_ value: Double) {
        var bits = value.bitPattern.littleEndian
        withUnsafeBytes(of: &bits) { bytes.append(contentsOf: $0) }
    }

    /// Binary: a varint length, then the bytes.
    public mutating func writeBinary(_ value: [UInt8]) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// A string as binary UTF-8.
    public mutating func writeString(_ value: String) {
        let utf8 = value.utf8
        writeVarint(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// A list or set header: the count in the high nibble up to 14, else in a varint.
    public mutating func writeListHeader(_ elementType: ThriftCompactType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    /// A map header: 0 for an empty map, else the count and the key and value types.
    public mutating func writeMapHeader(keyType: ThriftCompactType, valueType: ThriftCompactType, count: Int) {
        writeVarint(UInt64(count))
        if count > 0 { bytes.append(keyType.rawValue << 4 | valueType.rawValue) }
    }

    // MARK: Private

    private mutating func writeFieldHeader(_ id: Int16, wire: UInt8) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | wire)
        } else {
            bytes.append(wire)
            writeI16(id)
        }
        lastFieldID = id
    }
}
