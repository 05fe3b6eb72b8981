/// Seed 002's `users`: `user_id` (bigint, 1…n), `name`, `gender` (`M` 60%, `F` 40%), `age`
/// (18–70, uniform), `city` (one of ``Cities``, Zipf-skewed), `signup_at` (ISO-8601 UTC,
/// spread over the 30 days in `user_id` order). One file, `users/part-0`.
struct UsersTable: SampleTable {
    let userCount: Int

    var name: String { "users" }
    var streamTag: UInt64 { 1 }
    var layout: TableLayout { Self.columns }
    var files: [TableFile] { Self.singleFile(table: name, rowCount: userCount) }
    var estimatedRowBytes: Int { 128 }

    static let columns = TableLayout([
        .required("user_id"), .required("name"), .required("gender"), .required("age"),
        .required("city"), .required("signup_at"),
    ])
    private enum Slot {
        static let userID = 0, name = 1, gender = 2, age = 3, city = 4, signupAt = 5
    }
    static let genders = ByteStrings(["M", "F"])

    func writeRows(_ chunk: RowChunk, random: inout SeededRandom, into writer: inout RecordWriter) {
        let spanSeconds = SampleCalendar.dayCount * SampleCalendar.secondsPerDay
        let start = SampleCalendar.startSecond(dayIndex: 0)
        for row in chunk.rows {
            let city = Cities.choice.pick(&random)
            writer.field(Slot.userID)
            writer.integer(chunk.file.firstRowID + row)
            writer.field(Slot.name)
            writeName(culture: Cities.cultures[city], random: &random, into: &writer)
            writer.field(Slot.gender)
            writer.string(Self.genders, random.below(10) < 6 ? 0 : 1)
            writer.field(Slot.age)
            writer.integer(18 + random.below(53))
            writer.field(Slot.city)
            writer.string(Cities.names, city)
            writer.field(Slot.signupAt)
            let offset = SampleCalendar.spreadOffset(
                index: row, count: userCount, spanSeconds: spanSeconds, random: &random)
            writer.timestamp(epochSeconds: start + offset)
            writer.endRow()
        }
    }

    private func writeName(culture: Cities.Culture, random: inout SeededRandom, into writer: inout RecordWriter) {
        writer.beginString()
        switch culture {
        case .western:
            writer.text(PersonNames.westernGiven, random.below(PersonNames.westernGiven.count))
            writer.character(UInt8(ascii: " "))
            writer.text(PersonNames.westernFamily, random.below(PersonNames.westernFamily.count))
        case .korean:
            writer.text(PersonNames.koreanFamily, random.below(PersonNames.koreanFamily.count))
            writer.text(PersonNames.koreanGiven, random.below(PersonNames.koreanGiven.count))
        case .japanese:
            writer.text(PersonNames.japaneseFamily, random.below(PersonNames.japaneseFamily.count))
            writer.character(UInt8(ascii: " "))
            writer.text(PersonNames.japaneseGiven, random.below(PersonNames.japaneseGiven.count))
        }
        writer.endString()
    }
}
