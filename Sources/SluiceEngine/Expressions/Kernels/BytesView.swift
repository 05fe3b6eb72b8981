import SluiceCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Read access to the values of a string or binary column through raw pointers, for string
/// kernels. Valid only inside ``withBytesView(_:_:)``.
struct BytesView {
    let offsets: UnsafeBufferPointer<Int32>
    let data: UnsafeBufferPointer<UInt8>

    /// The bytes of value `index` (empty for a null).
    @inline(__always)
    subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = Int(offsets[index])
        return UnsafeBufferPointer(start: data.baseAddress.map { $0 + start }, count: Int(offsets[index + 1]) - start)
    }

    /// The text of value `index` (allocates: for edges and error messages).
    func string(_ index: Int) -> String { String(decoding: self[index], as: UTF8.self) }
}

/// Runs `body` with pointer access to a string or binary column.
func withBytesView<Result>(
    _ column: Column, _ body: (BytesView) throws(SluiceError) -> Result
) throws(SluiceError) -> Result {
    let (offsets, data) = try column.byteBuffers()
    return try offsets.withUnsafeBufferPointer { (offsets) throws(SluiceError) -> Result in
        try data.withUnsafeBufferPointer { (data) throws(SluiceError) -> Result in
            try body(BytesView(offsets: offsets, data: data))
        }
    }
}

extension ColumnBuilder {
    /// Appends a UTF-8 or binary value given as typed bytes.
    @inline(__always)
    func append(byteBuffer: UnsafeBufferPointer<UInt8>) {
        append(bytes: UnsafeRawBufferPointer(byteBuffer))
    }

    /// Appends a value given as an array of bytes.
    func append(byteArray: [UInt8]) {
        byteArray.withUnsafeBytes { append(bytes: $0) }
    }
}

/// UTF-8 helpers shared by the string kernels and LIKE.
enum UTF8Bytes {
    /// Length in bytes of the character that starts with `lead` (1 for a stray continuation byte).
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        if lead < 0xC0 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }

    /// Number of characters (code points) in valid UTF-8.
    @inline(__always)
    static func characterCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }

    /// Byte offset of character `characterIndex` (0-based), or `bytes.count` when past the end.
    @inline(__always)
    static func byteOffset(ofCharacter characterIndex: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var offset = 0
        var remaining = characterIndex
        while remaining > 0 && offset < bytes.count {
            offset += sequenceLength(bytes[offset])
            remaining -= 1
        }
        return min(offset, bytes.count)
    }

    /// First byte offset at or after `from` where `needle` occurs in `haystack` (memchr finds
    /// candidates for the first byte, then the rest is compared).
    @inline(__always)
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        let needleCount = needle.count
        if needleCount == 0 { return from <= haystack.count ? from : nil }
        guard haystack.count - from >= needleCount, let base = haystack.baseAddress, let needleBase = needle.baseAddress else {
            return nil
        }
        let first = Int32(needleBase[0])
        var index = from
        let last = haystack.count - needleCount
        while index <= last {
            guard let found = memchr(base + index, first, last - index + 1) else { return nil }
            let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if needleCount == 1 || memcmp(base + position + 1, needleBase + 1, needleCount - 1) == 0 { return position }
            index = position + 1
        }
        return nil
    }

    /// Lexicographic comparison of two byte strings (unsigned bytes): negative, zero or positive.
    @inline(__always)
    static func compare(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(left.count, right.count)
        var index = 0
        if let leftBase = left.baseAddress, let rightBase = right.baseAddress {
            let leftRaw = UnsafeRawPointer(leftBase)
            let rightRaw = UnsafeRawPointer(rightBase)
            while index + 8 <= common {
                let leftWord = leftRaw.loadUnaligned(fromByteOffset: index, as: UInt64.self).bigEndian
                let rightWord = rightRaw.loadUnaligned(fromByteOffset: index, as: UInt64.self).bigEndian
                if leftWord != rightWord { return leftWord < rightWord ? -1 : 1 }
                index += 8
            }
        }
        while index < common {
            if left[index] != right[index] { return left[index] < right[index] ? -1 : 1 }
            index += 1
        }
        return left.count - right.count
    }

    /// True when the two byte strings are equal.
    @inline(__always)
    static func equal(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        left.count == right.count && compare(left, right) == 0
    }
}
