import SluiceCore
import SluicePostgres
import SluiceSecrets
import SluiceTestSupport

/// The test database every PostgreSQL suite reads: created once per test process in the
/// shared throwaway cluster, with a table of every mapped type, a `sales` schema of related
/// tables, a view and names that tell `_` from a wildcard.
enum PostgresFixture {
    static let database = "sluice_fixture"

    /// The cluster with the fixture database loaded.
    static func cluster() throws -> ThrowawayPostgres {
        try loaded.get()
    }

    private static let loaded: Result<ThrowawayPostgres, any Error> = Result {
        let postgres = try ThrowawayPostgres.shared()
        try postgres.createDatabase(database)
        try postgres.psql(setupSQL, database: database)
        return postgres
    }

    /// Settings for the fixture database as the test user, password inline.
    static func settings(_ change: (inout PostgresConnectionSettings) -> Void = { _ in }) throws -> PostgresConnectionSettings {
        let postgres = try cluster()
        var settings = PostgresConnectionSettings(
            host: postgres.host, port: postgres.port, database: database, user: postgres.user,
            password: .inline(SecretValue(postgres.password)), sslMode: .disable, connectTimeoutSeconds: 10)
        change(&settings)
        return settings
    }

    static func connector(_ change: (inout PostgresConnectionSettings) -> Void = { _ in }) throws -> PostgresConnector {
        PostgresConnector(settings: try settings(change), secrets: SecretResolver(environment: [:], store: nil))
    }

    /// Rows of `sales.orders`.
    static let orderCount = 10_000

    static let setupSQL = """
        SET ROLE sluice_test;
        SET TIME ZONE 'UTC';
        CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
        CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
        CREATE TABLE all_types (
            id integer PRIMARY KEY,
            small smallint, big bigint, flag boolean,
            price numeric(12,2), ratio numeric, huge numeric(50,10),
            r real, d double precision,
            name text NOT NULL, code varchar(10), fixed char(4),
            born date, seen_at timestamp, created_at timestamptz, at_time time, span interval,
            doc json, docb jsonb, uid uuid, payload bytea, feeling mood, qty positive_int, addr inet,
            tags text[], scores integer[], prices numeric(6,2)[], moods mood[], matrix integer[][]
        );
        COMMENT ON TABLE all_types IS 'one column of every mapped type';
        INSERT INTO all_types VALUES
          (1, 7, 9007199254740993, true,
           1234.56, 1.23456789012345678901, 12345678901234567890123456789.0123456789,
           1.5, 2.25,
           'héllo', 'abc', 'ab',
           '2026-11-21', '2026-11-21 10:04:05.123456', '2026-11-21 10:00:00+09', '13:45:00', '1 day 02:00:00',
           '{"a": 1}', '{"b": [1, 2]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\xdeadbeef', 'happy', 5, '10.0.0.1/32',
           ARRAY['x', NULL, 'z'], ARRAY[1, 2, 3], ARRAY[1.50, 2.25]::numeric(6,2)[], ARRAY['sad', 'ok']::mood[], ARRAY[[1, 2], [3, 4]]),
          (2, NULL, NULL, NULL,
           NULL, NULL, NULL,
           NULL, NULL,
           '', NULL, NULL,
           NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL),
          (3, -32768, -9223372036854775808, false,
           -0.01, -123456789.987654321987654321, 0,
           'Infinity', 'NaN',
           'line1
        line2', '', 'a   ',
           'infinity', '-infinity', '1970-01-01 00:00:00+00', '00:00:00', '-3 mons',
           '[]', '{}', '00000000-0000-0000-0000-000000000000', '\\x', 'sad', 1, '::1',
           ARRAY[]::text[], '{}', ARRAY[NULL]::numeric(6,2)[], '{}', '{}');

        CREATE SCHEMA sales;
        CREATE TABLE sales.orders (
            order_id bigint PRIMARY KEY, customer_id integer NOT NULL, amount numeric(10,2), ordered_on date, note text
        );
        INSERT INTO sales.orders
          SELECT i, i % 97, (i * 37 % 100000) / 100.0, DATE '2026-01-01' + (i % 365), CASE WHEN i % 10 = 0 THEN NULL ELSE 'note ' || i END
          FROM generate_series(1, 10000) AS i;
        INSERT INTO sales.orders VALUES (-5, 1, 1.00, NULL, 'negative id');
        DELETE FROM sales.orders WHERE order_id = -5;
        CREATE TABLE sales.order_items (order_id bigint, line integer, sku text, PRIMARY KEY (order_id, line));
        CREATE TABLE sales."orderXitems" (x integer);
        CREATE VIEW sales.big_orders AS SELECT order_id, amount FROM sales.orders WHERE amount > 900;
        CREATE TABLE sales.events (id integer, at timestamptz) PARTITION BY RANGE (at);
        CREATE TABLE sales.events_2026 PARTITION OF sales.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
        INSERT INTO sales.events VALUES (1, '2026-03-01 00:00:00+00'), (2, '2026-06-01 12:00:00+00');
        ANALYZE;
        """
}
