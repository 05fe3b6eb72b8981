/// The on-disk frame of one record in a segment file. Little-endian:
///
/// ```
/// u32 bodyLength | u32 crc32c(body) | body
/// body = u64 position | i64 arrivalMilliseconds | u16 partitionKeyLength | partitionKey | data
/// ```
///
/// The checksum covers the whole body, so a torn write (a frame cut short by a crash) or a
/// flipped bit is found on recovery and the log is cut back to the last whole frame. The
/// position inside the body lets recovery check that frames follow each other.
public enum RecordFrame {
    /// Bytes before the body: its length and checksum.
    public static let headerBytes = 8
    /// Bytes of the body before the partition key.
    public static let fixedBodyBytes = 18
    /// Frames larger than this are garbage, not records: the largest record (10 MiB of data
    /// and a 256-byte key) fits with room to spare. It bounds what recovery will read.
    public static let maximumBodyBytes = 16 << 20

    /// Appends the frame of one record to `buffer`.
    public static func encode(
        position: UInt64, arrivalMilliseconds: Int64, partitionKey: String, data: [UInt8], into buffer: inout [UInt8]
    ) {
        let key = Array(partitionKey.utf8)
        let bodyLength = fixedBodyBytes + key.count + data.count
        let start = buffer.count
        append(UInt32(bodyLength), to: &buffer)
        append(UInt32(0), to: &buffer)
        append(position, to: &buffer)
        append(UInt64(bitPattern: arrivalMilliseconds), to: &buffer)
        append(UInt16(key.count), to: &buffer)
        buffer.append(contentsOf: key)
        buffer.append(contentsOf: data)
        let checksum = buffer.withUnsafeBytes { bytes in
            CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[(start + headerBytes)...]))
        }
        for byte in 0..<4 { buffer[start + 4 + byte] = UInt8(truncatingIfNeeded: checksum >> UInt32(byte * 8)) }
    }

    /// What decoding the bytes at one offset found.
    public enum Decoded: Equatable {
        /// A whole, intact frame of `frameBytes` bytes.
        case record(StoredRecord, frameBytes: Int)
        /// The bytes end before the frame does; `neededBytes` would hold all of it.
        case incomplete(neededBytes: Int)
        /// The bytes are not a frame: a bad length, a checksum mismatch or a bad key.
        case corrupt(reason: String)
    }

    /// Decodes the frame that starts at `offset` in `bytes`.
    public static func decode(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Decoded {
        let available = bytes.count - offset
        guard available >= headerBytes else { return .incomplete(neededBytes: headerBytes) }
        let bodyLength = Int(readUInt32(bytes, offset))
        guard bodyLength >= fixedBodyBytes, bodyLength <= maximumBodyBytes else {
            return .corrupt(reason: "frame length \(bodyLength) is out of range")
        }
        guard available >= headerBytes + bodyLength else { return .incomplete(neededBytes: headerBytes + bodyLength) }
        let body = UnsafeRawBufferPointer(rebasing: bytes[(offset + headerBytes)..<(offset + headerBytes + bodyLength)])
        let expected = readUInt32(bytes, offset + 4)
        let actual = CRC32C.checksum(body)
        guard expected == actual else { return .corrupt(reason: "checksum mismatch") }
        let position = readUInt64(body, 0)
        let arrival = Int64(bitPattern: readUInt64(body, 8))
        let keyLength = Int(UInt16(body[16]) | UInt16(body[17]) << 8)
        guard fixedBodyBytes + keyLength <= bodyLength else { return .corrupt(reason: "partition key overruns the frame") }
        let key = String(decoding: body[fixedBodyBytes..<(fixedBodyBytes + keyLength)], as: UTF8.self)
        let data = Array(body[(fixedBodyBytes + keyLength)...])
        let record = StoredRecord(position: position, arrivalMilliseconds: arrival, partitionKey: key, data: data)
        return .record(record, frameBytes: headerBytes + bodyLength)
    }

    private static func append<Value: FixedWidthInteger>(_ value: Value, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private static func readUInt32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    private static func readUInt64(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
