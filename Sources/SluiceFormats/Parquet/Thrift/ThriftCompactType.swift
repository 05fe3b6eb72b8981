public import SluiceCore

/// The type of a field or container element in the Thrift compact protocol, with its wire
/// number (a field header's low nibble). Both boolean wire numbers (1 true, 2 false) read as
/// ``bool``; a bool field's value travels in that number.
public enum ThriftCompactType: UInt8, Sendable, CustomStringConvertible {
    case bool = 1
    case i8 = 3
    case i16 = 4
    case i32 = 5
    case i64 = 6
    case double = 7
    case binary = 8
    case list = 9
    case set = 10
    case map = 11
    case `struct` = 12
    case uuid = 13

    /// The type for a wire number, or nil for a number the protocol does not define.
    init?(wire: UInt8) {
        if wire == 2 {
            self = .bool
        } else {
            self.init(rawValue: wire)
        }
    }

    public var description: String {
        switch self {
        case .bool: "bool"
        case .i8: "i8"
        case .i16: "i16"
        case .i32: "i32"
        case .i64: "i64"
        case .double: "double"
        case .binary: "binary"
        case .list: "list"
        case .set: "set"
        case .map: "map"
        case .struct: "struct"
        case .uuid: "uuid"
        }
    }
}

/// A Thrift struct that reads itself from and writes itself to the compact protocol; every
/// Parquet metadata struct is one.
public protocol ThriftCompactCodable: Sendable {
    /// Reads one whole struct (its fields and the stop byte) at the decoder's position.
    static func decode(from decoder: inout ThriftCompactDecoder) throws(SluiceError) -> Self
    /// Writes the whole struct, fields and stop byte, at the end of the encoder's bytes.
    func encode(to encoder: inout ThriftCompactEncoder)
}
