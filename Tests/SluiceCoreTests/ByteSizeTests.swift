import SluiceCore
import Testing

@Suite struct ByteSizeTests {
    @Test func parsesSIAndIECUnits() {
        #expect(ByteSize.parse("2GB") == 2_000_000_000)
        #expect(ByteSize.parse("512MB") == 512_000_000)
        #expect(ByteSize.parse("1.5GiB") == 1_610_612_736)
        #expect(ByteSize.parse("64 mib") == 67_108_864)
        #expect(ByteSize.parse("10KB") == 10_000)
        #expect(ByteSize.parse("1KiB") == 1024)
        #expect(ByteSize.parse("3tb") == 3_000_000_000_000)
        #expect(ByteSize.parse("1048576") == 1_048_576)
        #expect(ByteSize.parse(" 7 B ") == 7)
    }

    @Test func refusesWhatIsNotASize() {
        for text in ["", "GB", "2XB", "-1GB", "1.2.3MB", "lots", "1e3", "99999999999TB"] {
            #expect(ByteSize.parse(text) == nil, "\(text)")
        }
    }

    @Test func printsOneDecimalInSIUnits() {
        #expect(ByteSize.text(17) == "17 B")
        #expect(ByteSize.text(4_000) == "4.0 KB")
        #expect(ByteSize.text(1_536_000) == "1.5 MB")
        #expect(ByteSize.text(2_000_000_000) == "2.0 GB")
    }
}
