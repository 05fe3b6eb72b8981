/// Copies the byte strings of a gather (strings taken by index, dictionary values spread over
/// rows) into one buffer in order: a string of up to 16 bytes moves as two words when both
/// buffers have 16 bytes of room from where it starts, anything else through `memcpy`. The
/// bytes a word move writes past the string's end are overwritten by the strings after it, so
/// callers copy strings in buffer order up to the buffer's end.
public enum ShortByteCopy {
    @inlinable @inline(__always)
    public static func copy(
        _ length: Int, from source: UnsafeRawPointer, at start: Int, sourceEnd: Int,
        to target: UnsafeMutableRawPointer, at position: Int, targetEnd: Int
    ) {
        if length <= 16 && position &+ 16 <= targetEnd && start &+ 16 <= sourceEnd {
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: start, as: UInt64.self), toByteOffset: position, as: UInt64.self)
            target.storeBytes(
                of: source.loadUnaligned(fromByteOffset: start &+ 8, as: UInt64.self), toByteOffset: position &+ 8, as: UInt64.self)
        } else if length > 0 {
            (target + position).copyMemory(from: source + start, byteCount: length)
        }
    }
}
