#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
public import SluiceCore
import SluiceFormats

/// The append-only log of one shard: a folder of segment files of checksummed record frames
/// (`RecordFrame`).
///
/// - Appends go to the last segment under a lock; the caller then waits in
///   ``waitUntilDurable(_:)`` for an `fdatasync` that covers its records (the policy decides
///   whether writers share one sync — group commit — or each request syncs at once).
/// - Readers see only durable records, so nothing a reader saw can vanish in a crash and no
///   position is ever handed out twice.
/// - Opening the log is recovery: every segment is scanned, frames are checked against their
///   checksums and positions, and a torn or corrupt tail is cut off. An acknowledged record was
///   synced before it was acknowledged, so it is always in the intact part.
/// - Retention deletes whole segments whose newest record is older than the cutoff.
public final class ShardLog: @unchecked Sendable {
    // @unchecked: all mutable state below is read and written only while `condition` is locked.
    public let directory: String
    public let options: ShardLogOptions
    /// What recovery found when the log was opened.
    public let recovery: RecoveryReport

    private let condition = NSCondition()
    private var segments: [Segment]
    private var activeDescriptor: Int32 = -1
    private var nextPosition: UInt64
    private var durableEnd: UInt64
    private var syncing = false
    private var lastArrivalMilliseconds: Int64
    private var isClosed = false

    /// What recovery did to a log's files.
    public struct RecoveryReport: Sendable, Equatable {
        /// Records found intact.
        public var recordCount: UInt64 = 0
        /// Bytes cut off torn or corrupt tails, and why, by file.
        public var truncations: [(path: String, droppedBytes: Int, reason: String)] = []

        public static func == (left: RecoveryReport, right: RecoveryReport) -> Bool {
            left.recordCount == right.recordCount && left.truncations.count == right.truncations.count
                && zip(left.truncations, right.truncations).allSatisfy { $0.path == $1.path && $0.droppedBytes == $1.droppedBytes }
        }
    }

    /// Where an append's records ended up, and the mark to wait for before acknowledging them.
    public struct Appended: Sendable, Equatable {
        public var firstPosition: UInt64
        public var count: Int
        public var arrivalMilliseconds: Int64
        /// One past the last position written; durable once ``ShardLog/durablePosition`` reaches it.
        public var endPosition: UInt64
    }

    /// Opens (and recovers) the log in `directory`, creating the folder when missing. A new
    /// log's first record gets position `startPosition`.
    public init(directory: String, options: ShardLogOptions = ShardLogOptions(), startPosition: UInt64 = 0) throws(SluiceError) {
        self.directory = directory
        self.options = options
        try FileSystem.createFolders(directory)
        var report = RecoveryReport()
        var found: [Segment] = []
        let names = try FileSystem.entries(of: directory).compactMap { name in
            Segment.basePosition(fileName: name).map { (name, $0) }
        }.sorted { $0.1 < $1.1 }
        for (name, base) in names {
            var segment = Segment(basePosition: base, path: directory + "/" + name)
            try Self.recover(&segment, report: &report)
            found.append(segment)
        }
        // Empty segments other than the last hold nothing; they are left by a crash while rolling.
        while found.count > 1, let emptyIndex = found.dropLast().firstIndex(where: { $0.endPosition == $0.basePosition }) {
            LogFile.remove(found[emptyIndex].path)
            found.remove(at: emptyIndex)
        }
        segments = found
        nextPosition = found.last?.endPosition ?? startPosition
        durableEnd = nextPosition
        lastArrivalMilliseconds = found.last(where: { $0.lastArrivalMilliseconds != nil })?.lastArrivalMilliseconds ?? 0
        recovery = report
        if !report.truncations.isEmpty { try LogFile.syncFolder(directory) }
    }

    deinit {
        if activeDescriptor >= 0 { LogFile.close(activeDescriptor) }
    }

    // MARK: - Positions

    /// The oldest position still kept (the trim horizon).
    public var firstPosition: UInt64 {
        condition.locked { segments.first?.basePosition ?? nextPosition }
    }

    /// One past the newest durable record: what readers may see and LATEST starts from.
    public var durablePosition: UInt64 {
        condition.locked { durableEnd }
    }

    /// One past the newest record written, durable or not: where a reshard closes the shard
    /// (after ``flush()``).
    public var endPosition: UInt64 {
        condition.locked { nextPosition }
    }

    /// Bytes in all segments.
    public var sizeBytes: Int {
        condition.locked { segments.reduce(0) { $0 + $1.sizeBytes } }
    }

    /// Number of segment files.
    public var segmentCount: Int {
        condition.locked { segments.count }
    }

    // MARK: - Appending

    /// Writes `records` at the end of the log (not yet synced); all get the same arrival time,
    /// `nowMilliseconds` or the previous arrival if the clock went back.
    public func append(_ records: [RecordToAppend], nowMilliseconds: Int64) throws(SluiceError) -> Appended {
        condition.lock()
        defer { condition.unlock() }
        guard !isClosed else { throw SluiceError.internal("The log in '\(directory)' was appended to after it was closed.", domain: .stream) }
        let arrival = max(nowMilliseconds, lastArrivalMilliseconds)
        let first = nextPosition
        var buffer: [UInt8] = []
        buffer.reserveCapacity(records.reduce(0) { $0 + RecordFrame.headerBytes + RecordFrame.fixedBodyBytes + $1.partitionKey.utf8.count + $1.data.count })
        var frameOffsets: [Int] = []
        frameOffsets.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            frameOffsets.append(buffer.count)
            RecordFrame.encode(
                position: first + UInt64(index), arrivalMilliseconds: arrival,
                partitionKey: record.partitionKey, data: record.data, into: &buffer)
        }
        if let active = segments.last, active.sizeBytes > 0, active.sizeBytes + buffer.count > options.segmentSizeBytes {
            try rollLocked()
        }
        if segments.isEmpty {
            try startSegmentLocked()
        }
        if activeDescriptor < 0 {
            activeDescriptor = try LogFile.openForAppending(segments[segments.count - 1].path)
        }
        let last = segments.count - 1
        let startOffset = segments[last].sizeBytes
        do {
            try LogFile.writeAll(activeDescriptor, buffer, path: segments[last].path)
        } catch {
            // Cut a partial write back so the next append starts on a frame boundary.
            try? LogFile.truncate(segments[last].path, toBytes: startOffset)
            throw error
        }
        for (index, offset) in frameOffsets.enumerated() {
            let end = index + 1 < frameOffsets.count ? frameOffsets[index + 1] : buffer.count
            segments[last].noteFrame(
                position: first + UInt64(index), offset: startOffset + offset, frameBytes: end - offset,
                arrivalMilliseconds: arrival)
        }
        nextPosition = first + UInt64(records.count)
        lastArrivalMilliseconds = arrival
        if options.durability == .noSync { durableEnd = nextPosition }
        return Appended(firstPosition: first, count: records.count, arrivalMilliseconds: arrival, endPosition: nextPosition)
    }

    /// Blocks until every position below `endPosition` is on disk (per the durability policy).
    public func waitUntilDurable(_ appended: Appended) throws(SluiceError) {
        condition.lock()
        defer { condition.unlock() }
        while durableEnd < appended.endPosition {
            if syncing {
                condition.wait()
                continue
            }
            // This writer leads the next sync; others arriving meanwhile wait for it.
            syncing = true
            if case .groupCommit(let window) = options.durability, window > 0 {
                condition.unlock()
                usleep(useconds_t(window * 1000))
                condition.lock()
            }
            let target = nextPosition
            let descriptor = activeDescriptor
            let path = segments.last?.path ?? directory
            condition.unlock()
            var failure: SluiceError?
            if descriptor >= 0 {
                do { try LogFile.sync(descriptor, path: path) } catch { failure = error }
            }
            condition.lock()
            syncing = false
            if failure == nil { durableEnd = max(durableEnd, target) }
            condition.broadcast()
            if let failure { throw failure }
        }
    }

    /// Appends and waits for durability: the record positions once they are safe to acknowledge.
    public func appendDurably(_ records: [RecordToAppend], nowMilliseconds: Int64) throws(SluiceError) -> Appended {
        let appended = try append(records, nowMilliseconds: nowMilliseconds)
        try waitUntilDurable(appended)
        return appended
    }

    /// Syncs everything written so far, whatever the policy.
    public func flush() throws(SluiceError) {
        condition.lock()
        defer { condition.unlock() }
        while syncing { condition.wait() }
        if activeDescriptor >= 0 {
            try LogFile.sync(activeDescriptor, path: segments[segments.count - 1].path)
        }
        durableEnd = nextPosition
        condition.broadcast()
    }

    /// Syncs and closes the active segment and creates the next one.
    private func rollLocked() throws(SluiceError) {
        while syncing { condition.wait() }
        if activeDescriptor >= 0 {
            try LogFile.sync(activeDescriptor, path: segments[segments.count - 1].path)
            LogFile.close(activeDescriptor)
            activeDescriptor = -1
        }
        durableEnd = max(durableEnd, nextPosition)
        condition.broadcast()
        try startSegmentLocked()
    }

    private func startSegmentLocked() throws(SluiceError) {
        let segment = Segment(basePosition: nextPosition, path: directory + "/" + Segment.fileName(basePosition: nextPosition))
        activeDescriptor = try LogFile.openForAppending(segment.path)
        try LogFile.syncFolder(directory)
        segments.append(segment)
    }

    // MARK: - Reading

    /// Durable records from `position` on (from the trim horizon when `position` was already
    /// deleted by retention): at most `maxRecords`, and no more than `maxBytes` of data unless
    /// the first record alone is larger.
    public func read(from position: UInt64, maxRecords: Int, maxBytes: Int = 10 << 20) throws(SluiceError) -> [StoredRecord] {
        let (plan, visibleEnd) = readPlan(from: position)
        var records: [StoredRecord] = []
        var bytes = 0
        for part in plan {
            let descriptor: Int32
            do {
                descriptor = try LogFile.openForReading(part.path)
            } catch where error.code == "file.notFound" {
                continue  // retention deleted it meanwhile; later segments follow
            }
            defer { LogFile.close(descriptor) }
            var offset = part.startOffset
            var reader = FrameReader(descriptor: descriptor, path: part.path, blockBytes: 256 << 10)
            scan: while records.count < maxRecords {
                switch try reader.decode(at: offset) {
                case .record(let record, let frameBytes):
                    if record.position >= visibleEnd { break scan }
                    offset += frameBytes
                    if record.position < position { continue }
                    if !records.isEmpty && bytes + record.data.count > maxBytes { return records }
                    bytes += record.data.count
                    records.append(record)
                case .incomplete, .corrupt:
                    break scan
                }
            }
            if records.count >= maxRecords { break }
        }
        return records
    }

    private struct ReadPart {
        var path: String
        var startOffset: Int
    }

    private func readPlan(from position: UInt64) -> ([ReadPart], UInt64) {
        condition.locked {
            var plan: [ReadPart] = []
            for segment in segments where segment.endPosition > position && segment.basePosition < durableEnd {
                plan.append(ReadPart(path: segment.path, startOffset: segment.basePosition <= position ? segment.scanStart(for: position) : 0))
            }
            return (plan, durableEnd)
        }
    }

    /// The first durable position whose record arrived at or after `milliseconds` (the end of
    /// the log when none did): where an AT_TIMESTAMP iterator starts.
    public func firstPosition(arrivedAtOrAfter milliseconds: Int64) throws(SluiceError) -> UInt64 {
        let (candidate, end) = condition.locked { () -> (Segment?, UInt64) in
            (segments.first { ($0.lastArrivalMilliseconds ?? .min) >= milliseconds }, durableEnd)
        }
        guard let candidate else { return end }
        var position = candidate.basePosition
        while position < min(candidate.endPosition, end) {
            let batch = try read(from: position, maxRecords: 1000)
            guard let lastRecord = batch.last else { break }
            if let hit = batch.first(where: { $0.arrivalMilliseconds >= milliseconds }) { return hit.position }
            position = lastRecord.position + 1
        }
        return min(candidate.endPosition, end)
    }

    // MARK: - Retention and closing

    /// Deletes the oldest segments whose newest record arrived before `cutoffMilliseconds`.
    /// The active (last) segment is never deleted. Returns how many were deleted.
    @discardableResult
    public func deleteSegments(olderThan cutoffMilliseconds: Int64) throws(SluiceError) -> Int {
        let doomed: [String] = condition.locked {
            var paths: [String] = []
            while segments.count > 1, let newest = segments[0].lastArrivalMilliseconds, newest < cutoffMilliseconds {
                paths.append(segments.removeFirst().path)
            }
            return paths
        }
        for path in doomed { LogFile.remove(path) }
        if !doomed.isEmpty { try LogFile.syncFolder(directory) }
        return doomed.count
    }

    /// Syncs and closes the active segment; later appends fail.
    public func close() throws(SluiceError) {
        condition.lock()
        defer { condition.unlock() }
        while syncing { condition.wait() }
        isClosed = true
        if activeDescriptor >= 0 {
            let path = segments.last?.path ?? directory
            let descriptor = activeDescriptor
            activeDescriptor = -1
            defer { LogFile.close(descriptor) }
            try LogFile.sync(descriptor, path: path)
        }
        durableEnd = nextPosition
    }

    // MARK: - Recovery

    /// Scans a segment, building its index, and cuts it at the first frame that is torn,
    /// corrupt or out of sequence.
    private static func recover(_ segment: inout Segment, report: inout RecoveryReport) throws(SluiceError) {
        let descriptor = try LogFile.openForReading(segment.path)
        defer { LogFile.close(descriptor) }
        let fileSize = FileSystem.sizeBytes(of: segment.path)
        var offset = 0
        var expected = segment.basePosition
        var reader = FrameReader(descriptor: descriptor, path: segment.path, blockBytes: 1 << 20)
        var problem: String?
        while offset < fileSize {
            switch try reader.decode(at: offset) {
            case .record(let record, let frameBytes):
                guard record.position == expected else {
                    problem = "record position \(record.position) where \(expected) was expected"
                    break
                }
                segment.noteFrame(position: record.position, offset: offset, frameBytes: frameBytes, arrivalMilliseconds: record.arrivalMilliseconds)
                offset += frameBytes
                expected += 1
                report.recordCount += 1
                continue
            case .incomplete:
                problem = "a torn frame at the end of the file"
            case .corrupt(let reason):
                problem = reason
            }
            break
        }
        segment.sizeBytes = offset
        if offset < fileSize {
            try LogFile.truncate(segment.path, toBytes: offset)
            report.truncations.append((segment.path, fileSize - offset, problem ?? "unknown"))
        }
    }
}
