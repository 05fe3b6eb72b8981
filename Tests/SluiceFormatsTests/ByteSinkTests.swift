#if canImport(Glibc)
import Glibc
#endif
import SluiceCore
import SluiceFormats
import SluiceTestSupport
import Testing

/// Output files appear whole (temporary file renamed into place), but devices are written in
/// place: renaming over `/dev/null` replaced the device with a regular file for everyone.
@Suite struct ByteSinkTests {
    @Test func devNullStaysADevice() throws {
        let sink = try ByteSink(path: "/dev/null")
        try sink.write(Array("discarded\n".utf8))
        try sink.commit()
        #expect(FileSystem.isSpecialFile("/dev/null"))
        let parquet = try ParquetWriter(path: "/dev/null", schema: Schema([Field("x", .int64)]))
        try parquet.finish()
        #expect(FileSystem.isSpecialFile("/dev/null"))
    }

    @Test func regularFilesAppearWhole() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("out.txt")
        let sink = try ByteSink(path: path)
        try sink.write(Array("hello".utf8))
        #expect(!FileSystem.isDirectory(path) && (try? folder.readBytes("out.txt")) == nil)
        try sink.commit()
        #expect(try folder.readBytes("out.txt") == Array("hello".utf8))
        #expect(!FileSystem.isSpecialFile(path))
    }
}
