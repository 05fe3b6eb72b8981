/// Seed 003's `events`, one file per day (`events/dt=2026-11-01/part-0` …): `event_id`
/// bigint (1…n in time order), `user_id` bigint (uniform over the users), `title_id` int,
/// `event_type` (shares in ``EventVocabulary``), `ts` ISO-8601 UTC within the day.
///
/// `title_id` follows a Zipf curve over the titles, except that 1 event in 50 names an id
/// just past the last title (n+1…n+100) that `titles` does not hold, so outer joins show
/// nulls and inner joins drop rows.
struct EventsTable: SampleTable {
    let userCount: Int
    let titleCount: Int
    let eventCount: Int
    private let titleChoice: WeightedChoice

    init(userCount: Int, titleCount: Int, eventCount: Int) {
        self.userCount = userCount
        self.titleCount = titleCount
        self.eventCount = eventCount
        titleChoice = WeightedChoice.zipf(count: max(1, titleCount))
    }

    var name: String { "events" }
    var streamTag: UInt64 { 4 }
    var layout: TableLayout { Self.columns }
    var files: [TableFile] { Self.dailyFiles(table: name, rowCount: eventCount) }
    var estimatedRowBytes: Int { 128 }

    static let columns = TableLayout([
        .required("event_id"), .required("user_id"), .required("title_id"), .required("event_type"),
        .required("ts"),
    ])
    private enum Slot {
        static let eventID = 0, userID = 1, titleID = 2, eventType = 3, timestamp = 4
    }
    /// One event in this many names a title that does not exist.
    static let missingTitleOneIn = 50
    /// How many ids past the last title the dangling references spread over.
    static let missingTitleRange = 100

    func writeRows(_ chunk: RowChunk, random: inout SeededRandom, into writer: inout RecordWriter) {
        let dayStart = SampleCalendar.startSecond(dayIndex: chunk.file.dayIndex ?? 0)
        for row in chunk.rows {
            writer.field(Slot.eventID)
            writer.integer(chunk.file.firstRowID + row)
            writer.field(Slot.userID)
            writer.integer(1 + random.below(max(1, userCount)))
            writer.field(Slot.titleID)
            if random.oneIn(Self.missingTitleOneIn) {
                writer.integer(titleCount + 1 + random.below(Self.missingTitleRange))
            } else {
                writer.integer(1 + titleChoice.pick(&random))
            }
            writer.field(Slot.eventType)
            writer.string(EventVocabulary.eventTypes, EventVocabulary.eventTypeChoice.pick(&random))
            writer.field(Slot.timestamp)
            let offset = SampleCalendar.spreadOffset(
                index: row, count: chunk.file.rowCount, spanSeconds: SampleCalendar.secondsPerDay, random: &random)
            writer.timestamp(epochSeconds: dayStart + offset)
            writer.endRow()
        }
    }
}
