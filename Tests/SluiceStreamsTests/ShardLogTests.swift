import Foundation
import SluiceCore
import SluiceFormats
import SluiceTestSupport
import Testing

@testable import SluiceStreams

@Suite("Shard log: append, read, recovery, retention")
struct ShardLogTests {
    func records(_ range: Range<Int>, size: Int = 10) -> [RecordToAppend] {
        range.map { RecordToAppend(partitionKey: "key-\($0)", data: Array(repeating: UInt8($0 % 251), count: size)) }
    }

    func segmentFiles(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".log") }.sorted()
    }

    @Test("appended records read back in order with positions and arrival times")
    func appendAndRead() throws {
        let folder = try TemporaryFolder()
        let log = try ShardLog(directory: folder.file("shard"))
        let first = try log.appendDurably(records(0..<3), nowMilliseconds: 1000)
        let second = try log.appendDurably(records(3..<5), nowMilliseconds: 900)  // clock went back
        #expect(first.firstPosition == 0 && first.endPosition == 3)
        #expect(second.firstPosition == 3 && second.arrivalMilliseconds == 1000)
        let read = try log.read(from: 0, maxRecords: 100)
        #expect(read.map(\.position) == [0, 1, 2, 3, 4])
        #expect(read.map(\.partitionKey) == (0..<5).map { "key-\($0)" })
        #expect(read[4].data == Array(repeating: 4, count: 10))
        #expect(try log.read(from: 3, maxRecords: 1).map(\.position) == [3])
        #expect(try log.read(from: 5, maxRecords: 10).isEmpty)
        // The byte limit stops before a record that would pass it, but always returns one.
        #expect(try log.read(from: 0, maxRecords: 100, maxBytes: 25).count == 2)
        #expect(try log.read(from: 0, maxRecords: 100, maxBytes: 1).count == 1)
    }

    @Test("segments roll at the size limit and reads cross them")
    func rolling() throws {
        let folder = try TemporaryFolder()
        let directory = folder.file("shard")
        let log = try ShardLog(directory: directory, options: ShardLogOptions(segmentSizeBytes: 400))
        for start in stride(from: 0, to: 300, by: 10) {
            _ = try log.appendDurably(records(start..<start + 10, size: 20), nowMilliseconds: Int64(start))
        }
        let files = try segmentFiles(directory)
        #expect(files.count > 10)
        #expect(files.first == "00000000000000000000.log")
        let all = try log.read(from: 0, maxRecords: 1000)
        #expect(all.map(\.position) == (0..<300).map(UInt64.init))
        #expect(try log.read(from: 137, maxRecords: 5).map(\.position) == [137, 138, 139, 140, 141])
        try log.close()
        let reopened = try ShardLog(directory: directory, options: ShardLogOptions(segmentSizeBytes: 400))
        #expect(reopened.recovery.recordCount == 300)
        #expect(reopened.recovery.truncations.isEmpty)
        #expect(try reopened.appendDurably(records(300..<301), nowMilliseconds: 400).firstPosition == 300)
    }

    @Test("recovery cuts a torn tail and keeps every whole frame")
    func tornTail() throws {
        let folder = try TemporaryFolder()
        let directory = folder.file("shard")
        do {
            let log = try ShardLog(directory: directory)
            _ = try log.appendDurably(records(0..<5), nowMilliseconds: 10)
            try log.close()
        }
        let path = directory + "/" + (try segmentFiles(directory)[0])
        let intactSize = FileSystem.sizeBytes(of: path)
        // A crash mid-write: half a frame at the end.
        var partial: [UInt8] = []
        RecordFrame.encode(position: 5, arrivalMilliseconds: 11, partitionKey: "torn", data: Array(repeating: 7, count: 40), into: &partial)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(partial.prefix(partial.count / 2)))
        handle.closeFile()

        let log = try ShardLog(directory: directory)
        #expect(log.recovery.recordCount == 5)
        #expect(log.recovery.truncations.count == 1)
        #expect(log.recovery.truncations.first?.droppedBytes == partial.count / 2)
        #expect(FileSystem.sizeBytes(of: path) == intactSize)
        #expect(try log.read(from: 0, maxRecords: 10).map(\.position) == [0, 1, 2, 3, 4])
        // The next record takes the torn record's position: it was never acknowledged.
        #expect(try log.appendDurably(records(5..<6), nowMilliseconds: 12).firstPosition == 5)
    }

    @Test("recovery stops at a checksum error and at a truncation inside a frame's header")
    func corruption() throws {
        let folder = try TemporaryFolder()
        let directory = folder.file("shard")
        do {
            let log = try ShardLog(directory: directory)
            for index in 0..<6 { _ = try log.appendDurably(records(index..<index + 1, size: 30), nowMilliseconds: 10) }
            try log.close()
        }
        let path = directory + "/" + (try segmentFiles(directory)[0])
        let frameSize = FileSystem.sizeBytes(of: path) / 6
        // Flip one data byte of the fourth record.
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[3 * frameSize + frameSize - 5] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: path))
        let log = try ShardLog(directory: directory)
        #expect(log.recovery.recordCount == 3)
        #expect(log.recovery.truncations.first?.reason == "checksum mismatch")
        #expect(log.recovery.truncations.first?.droppedBytes == 3 * frameSize)
        #expect(try log.read(from: 0, maxRecords: 10).count == 3)
        try log.close()

        // Only three bytes of the next frame's length made it.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data([0x30, 0, 0]))
        handle.closeFile()
        let again = try ShardLog(directory: directory)
        #expect(again.recovery.recordCount == 3)
        #expect(again.recovery.truncations.first?.droppedBytes == 3)
        #expect(again.recovery.truncations.first?.reason == "a torn frame at the end of the file")
    }

    @Test("frames larger than a read block survive recovery and read back whole")
    func largeFrames() throws {
        let folder = try TemporaryFolder()
        let directory = folder.file("shard")
        let big = [RecordToAppend(partitionKey: "big", data: (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })]
        do {
            let log = try ShardLog(directory: directory)
            _ = try log.appendDurably(records(0..<2), nowMilliseconds: 1)
            _ = try log.appendDurably(big, nowMilliseconds: 2)
            _ = try log.appendDurably(records(3..<4), nowMilliseconds: 3)
            try log.close()
        }
        let log = try ShardLog(directory: directory)
        #expect(log.recovery.recordCount == 4 && log.recovery.truncations.isEmpty)
        let read = try log.read(from: 0, maxRecords: 10)
        #expect(read.map(\.position) == [0, 1, 2, 3])
        #expect(read[2].data == big[0].data)
    }

    @Test("a frame with a wrong position is cut off like a corrupt one")
    func outOfSequence() throws {
        let folder = try TemporaryFolder()
        let directory = folder.file("shard")
        do {
            let log = try ShardLog(directory: directory)
            _ = try log.appendDurably(records(0..<2), nowMilliseconds: 10)
            try log.close()
        }
        let path = directory + "/" + (try segmentFiles(directory)[0])
        var stray: [UInt8] = []
        RecordFrame.encode(position: 9, arrivalMilliseconds: 11, partitionKey: "stray", data: [1, 2, 3], into: &stray)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(stray))
        handle.closeFile()
        let log = try ShardLog(directory: directory)
        #expect(log.recovery.recordCount == 2)
        #expect(log.recovery.truncations.first?.reason == "record position 9 where 2 was expected")
    }

    @Test("retention deletes whole old segments but never the active one")
    func retention() throws {
        let folder = try TemporaryFolder()
        let directory = folder.file("shard")
        let log = try ShardLog(directory: directory, options: ShardLogOptions(segmentSizeBytes: 300))
        for minute in 0..<10 {
            _ = try log.appendDurably(records(minute * 5..<minute * 5 + 5, size: 30), nowMilliseconds: Int64(minute) * 60_000)
        }
        let before = log.segmentCount
        #expect(before >= 5)
        #expect(log.firstPosition == 0)
        let deleted = try log.deleteSegments(olderThan: 5 * 60_000)
        #expect(deleted > 0)
        #expect(log.segmentCount == before - deleted)
        let remaining = try log.read(from: 0, maxRecords: 100)
        #expect(remaining.first?.position == log.firstPosition)
        #expect(remaining.allSatisfy { $0.arrivalMilliseconds >= 4 * 60_000 })
        #expect(remaining.contains { $0.arrivalMilliseconds == 5 * 60_000 })
        #expect(remaining.last?.position == 49)
        // Everything is old: only the active segment stays.
        try log.deleteSegments(olderThan: .max)
        #expect(log.segmentCount == 1)
        #expect(try log.read(from: 0, maxRecords: 100).last?.position == 49)
    }

    @Test("AT_TIMESTAMP finds the first record that arrived at or after a time")
    func timestamps() throws {
        let folder = try TemporaryFolder()
        let log = try ShardLog(directory: folder.file("shard"), options: ShardLogOptions(segmentSizeBytes: 200))
        for second in 0..<20 { _ = try log.appendDurably(records(second..<second + 1, size: 40), nowMilliseconds: Int64(second) * 1000) }
        #expect(try log.firstPosition(arrivedAtOrAfter: 0) == 0)
        #expect(try log.firstPosition(arrivedAtOrAfter: 7500) == 8)
        #expect(try log.firstPosition(arrivedAtOrAfter: 19_000) == 19)
        #expect(try log.firstPosition(arrivedAtOrAfter: 99_000) == 20)
    }

    @Test("concurrent writers under group commit all become durable with unique positions")
    func groupCommit() async throws {
        let folder = try TemporaryFolder()
        let log = try ShardLog(directory: folder.file("shard"), options: ShardLogOptions(durability: .groupCommit(windowMilliseconds: 2)))
        let positions = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for writer in 0..<8 {
                group.addTask {
                    var mine: [UInt64] = []
                    for round in 0..<20 {
                        let appended = try log.appendDurably(self.records(writer * 100 + round..<writer * 100 + round + 1), nowMilliseconds: 1)
                        #expect(log.durablePosition >= appended.endPosition)
                        mine.append(appended.firstPosition)
                    }
                    return mine
                }
            }
            var all: [UInt64] = []
            for try await part in group { all += part }
            return all
        }
        #expect(positions.sorted() == (0..<160).map(UInt64.init))
        #expect(try log.read(from: 0, maxRecords: 1000).count == 160)
    }
}
