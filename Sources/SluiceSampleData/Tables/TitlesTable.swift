/// Seed 003's `titles` reference table: `title_id` int (1…n) and `title`, two words in
/// English, Korean or Japanese (see ``EventVocabulary``), one in ten with a sequel number.
/// Titles may repeat, as remakes do; ids never do. One file, `titles/part-0`.
struct TitlesTable: SampleTable {
    let titleCount: Int

    var name: String { "titles" }
    var streamTag: UInt64 { 3 }
    var layout: TableLayout { Self.columns }
    var files: [TableFile] { Self.singleFile(table: name, rowCount: titleCount) }
    var estimatedRowBytes: Int { 64 }

    static let columns = TableLayout([.required("title_id"), .required("title")])
    private enum Slot {
        static let titleID = 0, title = 1
    }

    func writeRows(_ chunk: RowChunk, random: inout SeededRandom, into writer: inout RecordWriter) {
        for row in chunk.rows {
            writer.field(Slot.titleID)
            writer.integer(chunk.file.firstRowID + row)
            writer.field(Slot.title)
            writer.beginString()
            let words: (first: ByteStrings, second: ByteStrings, spaced: Bool) =
                switch EventVocabulary.languageChoice.pick(&random) {
                case 0: (EventVocabulary.englishFirst, EventVocabulary.englishSecond, true)
                case 1: (EventVocabulary.koreanFirst, EventVocabulary.koreanSecond, true)
                default: (EventVocabulary.japaneseFirst, EventVocabulary.japaneseSecond, false)
                }
            writer.text(words.first, random.below(words.first.count))
            if words.spaced { writer.character(UInt8(ascii: " ")) }
            writer.text(words.second, random.below(words.second.count))
            if random.oneIn(10) {
                writer.character(UInt8(ascii: " "))
                writer.character(UInt8(ascii: "2") + UInt8(random.below(3)))
            }
            writer.endString()
            writer.endRow()
        }
    }
}
