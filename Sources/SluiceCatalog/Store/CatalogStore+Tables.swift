import GRDB
public import SluiceCore

extension CatalogTransaction {
    func tableNames(in database: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM catalog_table WHERE database_name = ? ORDER BY name", arguments: [database])
    }

    /// The table's row id and contents, or nil.
    func table(database: String, name: String) throws -> (id: Int64, table: CatalogTable)? {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT * FROM catalog_table WHERE database_name = ? AND name = ?", arguments: [database, name])
        else { return nil }
        return (row["id"], try Self.table(from: row))
    }

    /// The table, or an error naming the database's tables (and the database's absence first).
    func requireTable(database: String, name: String) throws -> (id: Int64, table: CatalogTable) {
        let databaseName = try requireDatabase(database).name
        let tableName = try CatalogName.normalized(name, kind: .table)
        guard let found = try table(database: databaseName, name: tableName) else {
            throw CatalogError.tableNotFound(database: databaseName, table: tableName, known: try tableNames(in: databaseName))
        }
        return found
    }

    func tables(in database: String) throws -> [CatalogTable] {
        try Row.fetchAll(db, sql: "SELECT * FROM catalog_table WHERE database_name = ? ORDER BY name", arguments: [database])
            .map { row in try Self.table(from: row) }
    }

    /// Inserts a new table at version 1 and returns its id.
    func insertTable(database: String, name: String, definition: TableDefinition) throws -> Int64 {
        let text = try StoredJSON.encode(definition)
        try db.execute(
            sql: """
                INSERT INTO catalog_table (database_name, name, version, definition, created_at, updated_at)
                VALUES (?, ?, 1, ?, ?, ?)
                """,
            arguments: [database, name, text, now, now])
        let id = db.lastInsertedRowID
        try db.execute(
            sql: "INSERT INTO table_version (table_id, version, definition, created_at) VALUES (?, 1, ?, ?)",
            arguments: [id, text, now])
        return id
    }

    /// Replaces a table's definition. A change of shape (columns, keys, location, format)
    /// becomes a new numbered version, the previous one kept; a change of parameters only
    /// updates the current version in place. Returns the table as now stored.
    @discardableResult
    func updateTable(id: Int64, current: CatalogTable, definition: TableDefinition) throws -> CatalogTable {
        let text = try StoredJSON.encode(definition)
        var updated = current
        updated.definition = definition
        updated.updatedAt = now
        if definition.differsInShape(from: current.definition) {
            updated.version += 1
            try db.execute(
                sql: "INSERT INTO table_version (table_id, version, definition, created_at) VALUES (?, ?, ?, ?)",
                arguments: [id, updated.version, text, now])
        } else {
            try db.execute(
                sql: "UPDATE table_version SET definition = ? WHERE table_id = ? AND version = ?",
                arguments: [text, id, current.version])
        }
        try db.execute(
            sql: "UPDATE catalog_table SET definition = ?, version = ?, updated_at = ? WHERE id = ?",
            arguments: [text, updated.version, now, id])
        return updated
    }

    func deleteTable(id: Int64) throws {
        try db.execute(sql: "DELETE FROM catalog_table WHERE id = ?", arguments: [id])
    }

    static func table(from row: Row) throws -> CatalogTable {
        let name: String = row["name"]
        return CatalogTable(
            databaseName: row["database_name"], name: name,
            definition: try StoredJSON.decode(TableDefinition.self, from: row["definition"], what: "definition of table '\(name)'"),
            version: row["version"], createdAt: row["created_at"], updatedAt: row["updated_at"])
    }
}

extension CatalogStore {
    /// Creates a table in an existing database.
    @discardableResult
    public func createTable(database: String, name: String, definition: TableDefinition) throws(SluiceError) -> CatalogTable {
        let tableName = try CatalogName.normalized(name, kind: .table)
        return try write("create the table '\(database).\(tableName)'") { transaction in
            let databaseName = try transaction.requireDatabase(database).name
            if try transaction.table(database: databaseName, name: tableName) != nil {
                throw CatalogError.alreadyExists("table", "\(databaseName).\(tableName)")
            }
            _ = try transaction.insertTable(database: databaseName, name: tableName, definition: definition)
            return try transaction.requireTable(database: databaseName, name: tableName).table
        }
    }

    /// Replaces a table's definition; a change of shape adds a version (see ``TableVersion``).
    @discardableResult
    public func updateTable(database: String, name: String, definition: TableDefinition) throws(SluiceError) -> CatalogTable {
        try write("update the table '\(database).\(name)'") { transaction in
            let (id, current) = try transaction.requireTable(database: database, name: name)
            return try transaction.updateTable(id: id, current: current, definition: definition)
        }
    }

    /// The table named so (any letter case), or an error that suggests a close name.
    public func table(database: String, name: String) throws(SluiceError) -> CatalogTable {
        try read("read the table '\(database).\(name)'") { transaction in
            try transaction.requireTable(database: database, name: name).table
        }
    }

    /// The tables of a database, by name.
    public func tables(in database: String) throws(SluiceError) -> [CatalogTable] {
        try read("list the tables of '\(database)'") { transaction in
            try transaction.tables(in: try transaction.requireDatabase(database).name)
        }
    }

    /// Every version of a table, oldest first; the last is the current definition.
    public func tableVersions(database: String, name: String) throws(SluiceError) -> [TableVersion] {
        try read("read the versions of '\(database).\(name)'") { transaction in
            let (id, table) = try transaction.requireTable(database: database, name: name)
            return try Row.fetchAll(
                transaction.db, sql: "SELECT * FROM table_version WHERE table_id = ? ORDER BY version", arguments: [id]
            ).map { row in
                TableVersion(
                    version: row["version"],
                    definition: try StoredJSON.decode(TableDefinition.self, from: row["definition"], what: "a version of '\(table.qualifiedName)'"),
                    createdAt: row["created_at"])
            }
        }
    }

    /// Deletes a table with its versions and partitions.
    public func deleteTable(database: String, name: String) throws(SluiceError) {
        try write("delete the table '\(database).\(name)'") { transaction in
            try transaction.deleteTable(id: try transaction.requireTable(database: database, name: name).id)
        }
    }

    /// A table and its partitions read in one transaction, so they belong together even while
    /// a crawler rewrites the table.
    public func snapshot(database: String, name: String) throws(SluiceError) -> (table: CatalogTable, partitions: [CatalogPartition]) {
        try read("read the table '\(database).\(name)'") { transaction in
            let (id, table) = try transaction.requireTable(database: database, name: name)
            return (table, try transaction.partitions(tableID: id))
        }
    }

    /// Every table name as `database.table`, and in the `default` database also bare.
    public func qualifiedTableNames() throws(SluiceError) -> [String] {
        try read("list its tables") { transaction in
            let rows = try Row.fetchAll(transaction.db, sql: "SELECT database_name, name FROM catalog_table ORDER BY database_name, name")
            return rows.flatMap { row -> [String] in
                let database: String = row["database_name"]
                let name: String = row["name"]
                return database == CatalogDatabase.defaultName ? [name, "\(database).\(name)"] : ["\(database).\(name)"]
            }
        }
    }
}
