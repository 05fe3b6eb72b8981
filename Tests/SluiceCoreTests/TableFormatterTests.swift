import SluiceCore
import Testing

@Suite struct TableFormatterTests {
    private func batch(_ schema: Schema, _ rows: [[Value]]) throws -> RecordBatch {
        let builder = RecordBatchBuilder(schema: schema)
        for row in rows { try builder.append(row: row) }
        return builder.finish()
    }

    @Test func alignsNumbersRightAndTextLeft() throws {
        let schema = Schema([
            Field("id", .int64), Field("name", .string), Field("price", .decimal(precision: 6, scale: 2)),
            Field("tags", .list(.string)),
        ])
        let rows: [[Value]] = [
            [.int(1), .string("Ana"), .decimal(999, scale: 2), .list([.string("a"), .string("b")])],
            [.null, .string("서울"), .decimal(-5, scale: 2), .null],
            [.int(12345), .null, .decimal(10000, scale: 2), .list([])],
        ]
        #expect(TableFormatter().render(try batch(schema, rows)) == """
            ┌────────┬────────┬──────────────┬───────────────┐
            │ id     │ name   │ price        │ tags          │
            │ bigint │ string │ decimal(6,2) │ array<string> │
            ├────────┼────────┼──────────────┼───────────────┤
            │      1 │ Ana    │         9.99 │ ["a", "b"]    │
            │   NULL │ 서울   │        -0.05 │ NULL          │
            │  12345 │ NULL   │       100.00 │ []            │
            └────────┴────────┴──────────────┴───────────────┘
            3 rows
            """)
    }

    @Test func clipsWideCellsCountingDoubleWidthCharacters() throws {
        let schema = Schema([Field("description", .string), Field("n", .float64)])
        let rows: [[Value]] = [
            [.string("abcdefgh"), .double(1.5)],
            [.string("日本語テキスト"), .double(-0.25)],
            [.string("line\nbreak\tand tab"), .double(123_456.5)],
        ]
        let formatter = TableFormatter(maximumCellWidth: 5, showsTypes: true, asciiOnly: false)
        #expect(formatter.render(try batch(schema, rows), footer: false) == """
            ┌───────┬───────┐
            │ desc… │ n     │
            │ stri… │ doub… │
            ├───────┼───────┤
            │ abcd… │   1.5 │
            │ 日本… │ -0.25 │
            │ line… │ 1234… │
            └───────┴───────┘
            """)
        let wide = TableFormatter(maximumCellWidth: 40)
        #expect(wide.render(try batch(Schema([Field("t", .string)]), [[.string("a\r\nb\tc")]]), footer: false) == """
            ┌────────┐
            │ t      │
            │ string │
            ├────────┤
            │ a↵b c  │
            └────────┘
            """)
    }

    @Test func asciiBordersWithoutTypes() throws {
        let schema = Schema([Field("ok", .boolean), Field("when", .timestamp), Field("device", .struct([Field("os", .string)]))])
        let rows: [[Value]] = [[.boolean(true), .timestamp(1_500_000), .structure([NamedValue("os", .string("ios"))])]]
        let formatter = TableFormatter(showsTypes: false, asciiOnly: true)
        #expect(formatter.render(try batch(schema, rows)) == """
            +------+-----------------------+-------------+
            | ok   | when                  | device      |
            +------+-----------------------+-------------+
            | true | 1970-01-01 00:00:01.5 | {os: "ios"} |
            +------+-----------------------+-------------+
            1 row
            """)
    }

    @Test func rendersManyBatchesAndNone() throws {
        let schema = Schema([Field("x", .int32)])
        let one = try batch(schema, [[.int(1)]])
        let two = try batch(schema, [[.int(22)], [.int(-3)]])
        #expect(TableFormatter(showsTypes: false).render(schema: schema, batches: [one, two]) == """
            ┌────┐
            │ x  │
            ├────┤
            │  1 │
            │ 22 │
            │ -3 │
            └────┘
            3 rows
            """)
        #expect(TableFormatter(showsTypes: false).render(schema: schema, batches: []) == """
            ┌───┐
            │ x │
            ├───┤
            └───┘
            0 rows
            """)
    }

    @Test(arguments: [
        ("abc", 3), ("", 0), ("日本", 4), ("한국어", 6), ("ｶﾅ", 2), ("ＡＢ", 4), ("🎉", 2), ("e\u{301}", 1), ("\u{301}", 0),
        ("\u{200B}", 0), ("naïve", 5), ("…", 1),
    ])
    func measuresDisplayWidth(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }
}
