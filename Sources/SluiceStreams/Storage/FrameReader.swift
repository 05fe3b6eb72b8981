import SluiceCore

/// Reads frames from a segment file front to back through one buffer: a block of the file is
/// read once and frames are decoded from it until one runs past its end; then the next block
/// starts at that frame (a frame larger than a block gets a block of its own size).
struct FrameReader {
    let descriptor: Int32
    let path: String
    /// How much to read at once; frames are usually far smaller.
    let blockBytes: Int
    private var block: [UInt8] = []
    private var blockStart = 0

    init(descriptor: Int32, path: String, blockBytes: Int) {
        self.descriptor = descriptor
        self.path = path
        self.blockBytes = blockBytes
    }

    /// The frame at byte `offset` of the file; `.incomplete` only when the file ends inside it.
    mutating func decode(at offset: Int) throws(SluiceError) -> RecordFrame.Decoded {
        let start = offset - blockStart
        var decoded: RecordFrame.Decoded =
            start >= 0 && start <= block.count
            ? block.withUnsafeBytes { RecordFrame.decode($0, at: start) } : .incomplete(neededBytes: RecordFrame.headerBytes)
        // At most twice: once for the header, once more for a body larger than the block.
        while case .incomplete(let needed) = decoded {
            let wanted = max(needed, blockBytes)
            if blockStart == offset && block.count >= needed { break }
            block = try LogFile.read(descriptor, offset: offset, count: wanted, path: path)
            blockStart = offset
            decoded = block.withUnsafeBytes { RecordFrame.decode($0, at: 0) }
            if block.count < wanted { break }  // the file ends within this block
        }
        return decoded
    }
}
