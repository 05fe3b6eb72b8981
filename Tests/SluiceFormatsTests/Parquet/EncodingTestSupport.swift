import SluiceCore
import SluiceTestSupport
@testable import SluiceFormats

/// Array-in, array-out wrappers around the pointer-based decoders, for tests.
enum EncodingTestSupport {
    static func decodeRLE(_ bytes: [UInt8], bitWidth: Int, count: Int, chunks: [Int]? = nil) throws(SluiceError) -> [UInt32] {
        var output = [UInt32](repeating: 0xDEAD_BEEF, count: count)
        try bytes.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
            var decoder = RLEHybridDecoder(buffer, bitWidth: bitWidth)
            try output.withUnsafeMutableBufferPointer { (target: inout UnsafeMutableBufferPointer<UInt32>) throws(SluiceError) in
                var done = 0
                var chunkIndex = 0
                while done < count {
                    let size = min(count - done, chunks.map { $0[chunkIndex % $0.count] } ?? count)
                    try decoder.decode(count: size, into: target.baseAddress! + done)
                    done += size
                    chunkIndex += 1
                }
            }
        }
        return output
    }

    static func encodeRLE(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var encoder = RLEHybridEncoder(bitWidth: bitWidth)
        values.withUnsafeBufferPointer { encoder.append($0) }
        var output: [UInt8] = []
        encoder.finish(into: &output)
        return output
    }

    static func decodeDelta(
        _ bytes: [UInt8], count: Int? = nil, chunks: [Int]? = nil
    ) throws(SluiceError) -> (values: [Int64], consumed: Int) {
        try bytes.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
            var decoder = try DeltaBinaryPackedDecoder(buffer)
            let total = count ?? decoder.totalValueCount
            var output = [Int64](repeating: 0, count: total)
            try output.withUnsafeMutableBufferPointer { (target: inout UnsafeMutableBufferPointer<Int64>) throws(SluiceError) in
                var done = 0
                var chunkIndex = 0
                while done < total {
                    let size = min(total - done, chunks.map { $0[chunkIndex % $0.count] } ?? total)
                    try decoder.decode(count: size, into: target.baseAddress! + done)
                    done += size
                    chunkIndex += 1
                }
            }
            return (output, decoder.bytesConsumed)
        }
    }

    static func decodeDelta32(_ bytes: [UInt8]) throws(SluiceError) -> [Int32] {
        try bytes.withBytes { (buffer: UnsafeRawBufferPointer) throws(SluiceError) in
            var decoder = try DeltaBinaryPackedDecoder(buffer)
            var output = [Int32](repeating: 0, count: decoder.totalValueCount)
            try output.withUnsafeMutableBufferPointer { (target: inout UnsafeMutableBufferPointer<Int32>) throws(SluiceError) in
                if !target.isEmpty { try decoder.decode(count: target.count, into: target.baseAddress!) }
            }
            return output
        }
    }

    static func encodeDelta(_ values: [Int64]) -> [UInt8] {
        var encoder = DeltaBinaryPackedEncoder()
        values.withUnsafeBufferPointer { encoder.append($0) }
        var output: [UInt8] = []
        encoder.finish(into: &output)
        return output
    }

    static func encodeDelta32(_ values: [Int32]) -> [UInt8] {
        var encoder = DeltaBinaryPackedEncoder(for: .int32)
        values.withUnsafeBufferPointer { encoder.append($0) }
        var output: [UInt8] = []
        encoder.finish(into: &output)
        return output
    }

    static func strings(_ values: ParquetByteArrays) -> [String] {
        (0..<values.count).map { String(decoding: values[$0], as: UTF8.self) }
    }

    /// A random value of `bitWidth` bits (0…64).
    static func randomBits(_ bitWidth: Int, using random: inout SeededRandom) -> UInt64 {
        bitWidth == 0 ? 0 : random.next() >> UInt64(64 - bitWidth)
    }
}
