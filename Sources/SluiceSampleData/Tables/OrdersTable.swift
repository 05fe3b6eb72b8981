/// Seed 002's `orders`, one file per day (`orders/dt=2026-11-01/part-0` …):
///
/// - `order_id` bigint, 1…n in time order across the days;
/// - `user_id` bigint, uniform over the users who signed up by the end of the order's day,
///   so early users order more, as loyal customers do;
/// - `category`, `price` (double, two decimals), `status` with the shares and ranges of
///   ``OrderVocabulary``; `quantity` int 1–5, uniform;
/// - `created_at` ISO-8601 UTC within the partition's day, non-decreasing within a file;
/// - `device` object `{os, app_version}`; `app_version` is `null` in 1 order in 50;
/// - `coupon` string, an optional field present in 1 order in 100: NDJSON leaves the key
///   out, CSV leaves the last cell empty. Readers must cope with fields that come and go.
///
/// In CSV `device` becomes the two columns `device_os` and `device_app_version`.
struct OrdersTable: SampleTable {
    let userCount: Int
    let orderCount: Int

    var name: String { "orders" }
    var streamTag: UInt64 { 2 }
    var layout: TableLayout { Self.columns }
    var files: [TableFile] { Self.dailyFiles(table: name, rowCount: orderCount) }
    var estimatedRowBytes: Int { 256 }

    static let columns = TableLayout([
        .required("order_id"), .required("user_id"), .required("category"), .required("price"),
        .required("quantity"), .required("status"), .required("created_at"),
        .object("device", ["os", "app_version"]), .optional("coupon"),
    ])
    private enum Slot {
        static let orderID = 0, userID = 1, category = 2, price = 3, quantity = 4, status = 5
        static let createdAt = 6, deviceOS = 7, deviceAppVersion = 8, deviceEnd = 9, coupon = 10
    }
    /// One order in this many has no `device.app_version`.
    static let nullAppVersionOneIn = 50
    /// One order in this many has a `coupon`.
    static let couponOneIn = 100

    func writeRows(_ chunk: RowChunk, random: inout SeededRandom, into writer: inout RecordWriter) {
        let dayIndex = chunk.file.dayIndex ?? 0
        let dayStart = SampleCalendar.startSecond(dayIndex: dayIndex)
        let activeUsers = max(1, min(userCount, userCount * (dayIndex + 1) / SampleCalendar.dayCount))
        for row in chunk.rows {
            writer.field(Slot.orderID)
            writer.integer(chunk.file.firstRowID + row)
            writer.field(Slot.userID)
            writer.integer(1 + random.below(activeUsers))
            let category = OrderVocabulary.categoryChoice.pick(&random)
            writer.field(Slot.category)
            writer.string(OrderVocabulary.categories, category)
            let range = OrderVocabulary.priceRangeCents[category]
            let span = range.high - range.low + 1
            writer.field(Slot.price)
            writer.price(cents: range.low + min(random.below(span), random.below(span)))
            writer.field(Slot.quantity)
            writer.integer(1 + random.below(5))
            writer.field(Slot.status)
            writer.string(OrderVocabulary.statuses, OrderVocabulary.statusChoice.pick(&random))
            writer.field(Slot.createdAt)
            let offset = SampleCalendar.spreadOffset(
                index: row, count: chunk.file.rowCount, spanSeconds: SampleCalendar.secondsPerDay, random: &random)
            writer.timestamp(epochSeconds: dayStart + offset)
            writer.field(Slot.deviceOS)
            writer.string(OrderVocabulary.operatingSystems, OrderVocabulary.operatingSystemChoice.pick(&random))
            writer.field(Slot.deviceAppVersion)
            if random.oneIn(Self.nullAppVersionOneIn) {
                writer.null()
            } else {
                writer.string(OrderVocabulary.appVersions, OrderVocabulary.appVersionChoice.pick(&random))
            }
            writer.field(Slot.deviceEnd)
            if random.oneIn(Self.couponOneIn) {
                writer.field(Slot.coupon)
                writer.string(OrderVocabulary.coupons, random.below(OrderVocabulary.coupons.count))
            } else {
                writer.absent(Slot.coupon)
            }
            writer.endRow()
        }
    }
}
