import SluiceCore
import Testing
@testable import SluiceFormats

/// Decodes `bytes` with `body`, returning the value and how many bytes were read.
private func decode<T>(
    _ bytes: [UInt8], _ body: (inout ThriftCompactDecoder) throws(SluiceError) -> T
) throws(SluiceError) -> (value: T, position: Int) {
    try bytes.withBytes { (raw) throws(SluiceError) in
        var decoder = ThriftCompactDecoder(raw)
        let value = try body(&decoder)
        return (value, decoder.position)
    }
}

/// The error `body` throws on `bytes`, or nil when it succeeds.
private func decodeError<T>(_ bytes: [UInt8], _ body: (inout ThriftCompactDecoder) throws(SluiceError) -> T) -> SluiceError? {
    do throws(SluiceError) {
        _ = try decode(bytes, body)
        return nil
    } catch {
        return error
    }
}

private func encode(_ body: (inout ThriftCompactEncoder) -> Void) -> [UInt8] {
    var encoder = ThriftCompactEncoder()
    body(&encoder)
    return encoder.bytes
}

@Suite("Parquet: Thrift compact protocol")
struct ParquetThriftCompactTests {
    // MARK: Encoder bytes

    @Test func varintsAndZigzagMatchTheSpec() {
        #expect(encode { $0.writeVarint(50399) } == [0xDF, 0x89, 0x03])
        #expect(encode { $0.writeVarint(0) } == [0x00])
        #expect(encode { $0.writeI32(0) } == [0x00])
        #expect(encode { $0.writeI32(-1) } == [0x01])
        #expect(encode { $0.writeI32(1) } == [0x02])
        #expect(encode { $0.writeI32(-2) } == [0x03])
        #expect(encode { $0.writeI32(Int32.min) } == [0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        #expect(encode { $0.writeI64(Int64.min) } == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        #expect(encode { $0.writeI16(Int16.max) } == [0xFE, 0xFF, 0x03])
        #expect(encode { $0.writeDouble(1.0) } == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
    }

    @Test func fieldHeadersUseDeltasThenTheLongForm() {
        let bytes = encode { encoder in
            encoder.beginStruct()
            encoder.writeI32Field(1, -1)  // short form, delta 1
            encoder.writeBoolField(2, true)  // bool value in the type nibble
            encoder.writeBoolField(17, false)  // delta 15: still short
            encoder.writeI32Field(40, 0)  // delta 23: long form
            encoder.writeI32Field(3, 0)  // going back: long form
            encoder.endStruct()
        }
        #expect(bytes == [0x15, 0x01, 0x11, 0xF2, 0x05, 0x50, 0x00, 0x05, 0x06, 0x00, 0x00])
    }

    @Test func listAndMapHeaders() {
        #expect(encode { $0.writeListHeader(.i32, count: 3) } == [0x35])
        #expect(encode { $0.writeListHeader(.struct, count: 14) } == [0xEC])
        #expect(encode { $0.writeListHeader(.binary, count: 15) } == [0xF8, 0x0F])
        #expect(encode { $0.writeListHeader(.bool, count: 300) } == [0xF1, 0xAC, 0x02])
        #expect(encode { $0.writeMapHeader(keyType: .binary, valueType: .i64, count: 0) } == [0x00])
        #expect(encode { $0.writeMapHeader(keyType: .binary, valueType: .i64, count: 2) } == [0x02, 0x86])
    }

    // MARK: Decoding values

    @Test func readsIntegersBackAtTheirLimits() throws {
        for value in [0, 1, -1, 63, -64, 64, Int32.max, Int32.min] as [Int32] {
            #expect(try decode(encode { $0.writeI32(value) }) { (d) throws(SluiceError) in try d.readI32() }.value == value)
        }
        for value in [0, -1, Int64.max, Int64.min, 1 << 40] as [Int64] {
            #expect(try decode(encode { $0.writeI64(value) }) { (d) throws(SluiceError) in try d.readI64() }.value == value)
        }
        for value in [0, -1, Int16.max, Int16.min] as [Int16] {
            #expect(try decode(encode { $0.writeI16(value) }) { (d) throws(SluiceError) in try d.readI16() }.value == value)
        }
        let double = try decode(encode { $0.writeDouble(-2.5) }) { (d) throws(SluiceError) in try d.readDouble() }
        #expect(double.value == -2.5 && double.position == 8)
    }

    @Test func rejectsOverlongAndOutOfRangeVarints() {
        let i32TooBig = decodeError([0xFF, 0xFF, 0xFF, 0xFF, 0x1F]) { (d) throws(SluiceError) in try d.readI32() }
        #expect(i32TooBig?.message == "corrupt Parquet metadata at byte 0: an i32 varint does not fit 32 bits.")
        #expect(i32TooBig?.code == "parquet.corruptMetadata")
        let tooLong = decodeError([UInt8](repeating: 0xFF, count: 10) + [0x01]) { (d) throws(SluiceError) in try d.readVarint() }
        #expect(tooLong?.message == "corrupt Parquet metadata at byte 0: a varint is longer than 64 bits.")
        let cut = decodeError([0x80, 0x80]) { (d) throws(SluiceError) in try d.readVarint() }
        #expect(cut?.message == "corrupt Parquet metadata at byte 0: the data ends inside a varint.")
    }

    @Test func sizesAreCheckedAgainstTheBytesLeft() {
        let list = decodeError([0xF5, 0xC0, 0x84, 0x3D]) { (d) throws(SluiceError) in try d.readI32List() }
        #expect(list?.message == "corrupt Parquet metadata at byte 0: a list of 1000000 elements cannot fit in the 0 bytes left.")
        let binary = decodeError([0x64, 0x61, 0x62]) { (d) throws(SluiceError) in try d.readString() }
        #expect(binary?.message
            == "corrupt Parquet metadata at byte 0: a binary value of 100 bytes runs past the end of the data (2 bytes left).")
        let map = decodeError([0x05, 0x55, 0x02]) { (d) throws(SluiceError) in try d.skip(.map) }
        #expect(map?.message == "corrupt Parquet metadata at byte 0: a map of 5 elements cannot fit in the 2 bytes left.")
        let wrongElements = decodeError([0x18, 0x01, 0x61]) { (d) throws(SluiceError) in try d.readI32List() }
        #expect(wrongElements?.message == "corrupt Parquet metadata at byte 0: expected a list of i32 but found a list of binary.")
    }

    @Test func errorsCarryTheFileOffset() {
        let error = [UInt8]([0x15]).withUnsafeBytes { raw -> SluiceError? in
            var decoder = ThriftCompactDecoder(raw, fileOffset: 1000)
            do throws(SluiceError) {
                _ = try decoder.readFieldHeader()
                _ = try decoder.readI32()
                return nil
            } catch {
                return error
            }
        }
        #expect(error?.message == "corrupt Parquet metadata at byte 1001: the data ends inside a varint.")
    }

    @Test func boolsInFieldHeadersAndInLists() throws {
        // Statistics: field 7 true (short form, type 1), field 8 false (type 2).
        let statistics = try decode([0x71, 0x12, 0x00]) { (d) throws(SluiceError) in try ParquetStatistics.decode(from: &d) }
        #expect(statistics.value == ParquetStatistics(isMaxValueExact: true, isMinValueExact: false))
        #expect(statistics.position == 3)
        // A list of bools: one byte each; 1 true, 2 (or 0) false; element type 1 or 2.
        for header: UInt8 in [0x41, 0x42] {
            let bools = try decode([header, 0x01, 0x02, 0x00, 0x01]) { (d) throws(SluiceError) in
                try d.readList(of: .bool) { (d: inout ThriftCompactDecoder) throws(SluiceError) in try d.readBool() }
            }
            #expect(bools.value == [true, false, false, true])
        }
        let bad = decodeError([0x11, 0x07]) { (d) throws(SluiceError) in
            try d.readList(of: .bool) { (d: inout ThriftCompactDecoder) throws(SluiceError) in try d.readBool() }
        }
        #expect(bad?.message == "corrupt Parquet metadata at byte 1: a bool element has the value 7 (expected 1 or 2).")
    }

    @Test func longFormFieldHeaders() throws {
        // KeyValue with both fields in the long form (type byte, then the zigzag id).
        let bytes: [UInt8] = [0x08, 0x02, 0x01, 0x6B, 0x08, 0x04, 0x01, 0x76, 0x00]
        let pair = try decode(bytes) { (d) throws(SluiceError) in try ParquetKeyValue.decode(from: &d) }
        #expect(pair.value == ParquetKeyValue(key: "k", value: "v"))
        #expect(pair.position == bytes.count)
    }

    /// A hand-built KeyValue with unknown fields of every type between the two it knows.
    @Test func unknownFieldsOfEveryTypeAreSkipped() throws {
        var bytes: [UInt8] = [0x18, 0x01, 0x61]  // 1: key "a"
        bytes += [0x45, 0x05]  // 5: i32 -3
        bytes += [0x19, 0x21, 0x01, 0x02]  // 6: list<bool> [true, false]
        bytes += [0x1B, 0x01, 0x58, 0x02, 0x01, 0x78]  // 7: map<i32, binary> {1: "x"}
        bytes += [0x1C, 0x1C, 0x00, 0x19, 0x1C, 0x00, 0x00]  // 8: struct {1: struct {}, 2: list<struct> [{}]}
        bytes += [0x17] + [UInt8](repeating: 0x40, count: 8)  // 9: double
        bytes += [0x1D] + [UInt8](repeating: 0xAB, count: 16)  // 10: uuid
        bytes += [0x13, 0xFF]  // 11: i8
        bytes += [0x14, 0x80, 0x01]  // 12: i16
        bytes += [0x16, 0xFF, 0xFF, 0x03]  // 13: i64
        bytes += [0x1A, 0x28, 0x01, 0x70, 0x01, 0x71]  // 14: set<binary> {"p", "q"}
        bytes += [0x1B, 0x00]  // 15: empty map
        bytes += [0x11, 0x12]  // 16, 17: bool true, bool false
        bytes += [0x0B, 0xC4, 0x09, 0x01, 0x98, 0x21, 0x01, 0x02, 0x01, 0x7A]  // 610 (long form): map<list<bool>, binary>
        bytes += [0x08, 0x04, 0x01, 0x62]  // 2 (long form, going back): value "b"
        bytes += [0x19, 0x0C]  // 3: empty list<struct>
        bytes += [0x00]
        let pair = try decode(bytes) { (d) throws(SluiceError) in try ParquetKeyValue.decode(from: &d) }
        #expect(pair.value == ParquetKeyValue(key: "a", value: "b"))
        #expect(pair.position == bytes.count)
        // skip(.struct) reads the same bytes to their end.
        let skipped = try decode(bytes) { (d) throws(SluiceError) in try d.skip(.struct) }
        #expect(skipped.position == bytes.count)
    }

    @Test func fieldsOfTheWrongTypeAreSkippedAsUnknown() throws {
        // KeyValue whose field 2 is an i32 instead of a string.
        let pair = try decode([0x18, 0x01, 0x61, 0x15, 0x02, 0x00]) { (d) throws(SluiceError) in
            try ParquetKeyValue.decode(from: &d)
        }
        #expect(pair.value == ParquetKeyValue(key: "a"))
    }

    @Test func nestingDeeperThanTheLimitThrows() {
        // 100 structs, each the field 1 of the one around it.
        let structs = [UInt8](repeating: 0x1C, count: 100) + [UInt8](repeating: 0x00, count: 101)
        let error = decodeError(structs) { (d) throws(SluiceError) in try d.skip(.struct) }
        #expect(error?.message == "corrupt Parquet metadata at byte 64: values are nested more than 64 levels deep.")
        // 100 lists, each the only element of the one around it.
        let lists = [UInt8](repeating: 0x19, count: 100) + [0x05, 0x00]
        let listError = decodeError(lists) { (d) throws(SluiceError) in try d.skip(.list) }
        #expect(listError?.message == "corrupt Parquet metadata at byte 65: values are nested more than 64 levels deep.")
        // 63 levels are fine.
        let fine = [UInt8](repeating: 0x1C, count: 63) + [UInt8](repeating: 0x00, count: 64)
        #expect(decodeError(fine) { (d) throws(SluiceError) in try d.skip(.struct) } == nil)
    }

    @Test func unknownTypesAreCorrupt() {
        let field = decodeError([0x1E]) { (d) throws(SluiceError) in try d.readFieldHeader() }
        #expect(field?.message == "corrupt Parquet metadata at byte 0: a field header has the unknown type 14.")
        let list = decodeError([0x10]) { (d) throws(SluiceError) in try d.readListHeader() }
        #expect(list?.message == "corrupt Parquet metadata at byte 0: a list header has the unknown element type 0.")
        let overflow = decodeError([0x05, 0xFE, 0xFF, 0x03, 0x00, 0x15]) { (d) throws(SluiceError) in
            try d.beginStruct()
            while let field = try d.readFieldHeader() { try d.skip(field.type) }
        }
        #expect(overflow?.message == "corrupt Parquet metadata at byte 5: a field id is beyond 32767.")
    }
}
