import GRDB

/// The catalog file's schema, as numbered migrations. A migration, once released, never
/// changes: a new need is a new migration at the end, so any older file opens and upgrades.
///
/// Definitions that are read and written whole (a table version, a crawler) are JSON text;
/// what is looked up or listed has columns of its own.
enum CatalogMigrations {
    static let identifiers = ["v1-databases-tables-partitions", "v2-connections", "v3-crawlers-and-runs"]

    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration(identifiers[0]) { db in
            try db.execute(sql: """
                CREATE TABLE catalog_database (
                    name TEXT PRIMARY KEY NOT NULL,
                    description TEXT NOT NULL DEFAULT '',
                    location TEXT,
                    created_at DOUBLE NOT NULL
                );
                CREATE TABLE catalog_table (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    database_name TEXT NOT NULL REFERENCES catalog_database(name) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    definition TEXT NOT NULL,
                    created_at DOUBLE NOT NULL,
                    updated_at DOUBLE NOT NULL,
                    UNIQUE (database_name, name)
                );
                CREATE TABLE table_version (
                    table_id INTEGER NOT NULL REFERENCES catalog_table(id) ON DELETE CASCADE,
                    version INTEGER NOT NULL,
                    definition TEXT NOT NULL,
                    created_at DOUBLE NOT NULL,
                    PRIMARY KEY (table_id, version)
                );
                CREATE TABLE catalog_partition (
                    table_id INTEGER NOT NULL REFERENCES catalog_table(id) ON DELETE CASCADE,
                    partition_values TEXT NOT NULL,
                    location TEXT NOT NULL,
                    parameters TEXT NOT NULL DEFAULT '{}',
                    created_at DOUBLE NOT NULL,
                    updated_at DOUBLE NOT NULL,
                    PRIMARY KEY (table_id, partition_values)
                );
                CREATE INDEX catalog_partition_location ON catalog_partition(location);
                """)
        }
        migrator.registerMigration(identifiers[1]) { db in
            try db.execute(sql: """
                CREATE TABLE catalog_connection (
                    name TEXT PRIMARY KEY NOT NULL,
                    type TEXT NOT NULL,
                    properties TEXT NOT NULL,
                    description TEXT NOT NULL DEFAULT '',
                    created_at DOUBLE NOT NULL,
                    updated_at DOUBLE NOT NULL
                );
                """)
        }
        migrator.registerMigration(identifiers[2]) { db in
            try db.execute(sql: """
                CREATE TABLE crawler (
                    name TEXT PRIMARY KEY NOT NULL,
                    definition TEXT NOT NULL,
                    created_at DOUBLE NOT NULL,
                    updated_at DOUBLE NOT NULL
                );
                CREATE TABLE crawler_run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    crawler_name TEXT NOT NULL,
                    state TEXT NOT NULL,
                    started_at DOUBLE NOT NULL,
                    ended_at DOUBLE,
                    report TEXT NOT NULL
                );
                CREATE INDEX crawler_run_by_crawler ON crawler_run(crawler_name, id);
                """)
        }
        return migrator
    }
}
