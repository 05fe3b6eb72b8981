/// C-library views of Swift buffers. An empty buffer may have no base address, but the codec
/// libraries want a pointer even for zero bytes, so those get a pointer to a static byte.
enum CodecPointers {
    nonisolated(unsafe) private static let empty = UnsafeMutablePointer<CChar>.allocate(capacity: 1)

    static func source(_ buffer: UnsafeRawBufferPointer) -> UnsafePointer<CChar> {
        guard let base = buffer.baseAddress else { return UnsafePointer(empty) }
        return base.assumingMemoryBound(to: CChar.self)
    }

    static func target(_ buffer: UnsafeMutableRawBufferPointer) -> UnsafeMutablePointer<CChar> {
        buffer.baseAddress?.assumingMemoryBound(to: CChar.self) ?? empty
    }

    static func sourceBytes(_ buffer: UnsafeRawBufferPointer) -> UnsafeMutablePointer<UInt8> {
        UnsafeMutablePointer(mutating: UnsafeRawPointer(source(buffer)).assumingMemoryBound(to: UInt8.self))
    }

    static func targetBytes(_ buffer: UnsafeMutableRawBufferPointer) -> UnsafeMutablePointer<UInt8> {
        UnsafeMutableRawPointer(target(buffer)).assumingMemoryBound(to: UInt8.self)
    }
}
