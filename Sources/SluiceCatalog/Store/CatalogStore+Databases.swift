import GRDB
public import SluiceCore

extension CatalogTransaction {
    func databaseNames() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM catalog_database ORDER BY name")
    }

    func database(named name: String) throws -> CatalogDatabase? {
        try Row.fetchOne(db, sql: "SELECT * FROM catalog_database WHERE name = ?", arguments: [name]).map(Self.database(from:))
    }

    /// The database, or an error with "did you mean" and the known names.
    func requireDatabase(_ name: String) throws -> CatalogDatabase {
        let normalized = try CatalogName.normalized(name, kind: .database)
        guard let database = try database(named: normalized) else {
            throw CatalogError.databaseNotFound(normalized, known: try databaseNames())
        }
        return database
    }

    func insertDatabase(_ database: CatalogDatabase) throws {
        try db.execute(
            sql: "INSERT INTO catalog_database (name, description, location, created_at) VALUES (?, ?, ?, ?)",
            arguments: [database.name, database.description, database.location, now])
    }

    /// Creates the database when it does not exist yet (crawlers writing into `default`).
    func ensureDatabase(_ name: String) throws -> Bool {
        let normalized = try CatalogName.normalized(name, kind: .database)
        guard try database(named: normalized) == nil else { return false }
        try insertDatabase(CatalogDatabase(name: normalized))
        return true
    }

    static func database(from row: Row) -> CatalogDatabase {
        CatalogDatabase(name: row["name"], description: row["description"], location: row["location"], createdAt: row["created_at"])
    }
}

extension CatalogStore {
    /// Creates a database; its name is stored lower-case.
    @discardableResult
    public func createDatabase(
        _ name: String, description: String = "", location: String? = nil, ifNotExists: Bool = false
    ) throws(SluiceError) -> CatalogDatabase {
        let normalized = try CatalogName.normalized(name, kind: .database)
        return try write("create the database '\(normalized)'") { transaction in
            if let existing = try transaction.database(named: normalized) {
                if ifNotExists { return existing }
                throw CatalogError.alreadyExists("database", normalized)
            }
            try transaction.insertDatabase(CatalogDatabase(name: normalized, description: description, location: location))
            return try transaction.requireDatabase(normalized)
        }
    }

    /// Creates the database unless it exists; true when it was created.
    func ensureDatabase(_ name: String) throws(SluiceError) -> Bool {
        try write("create the database '\(name)'") { transaction in try transaction.ensureDatabase(name) }
    }

    public func databases() throws(SluiceError) -> [CatalogDatabase] {
        try read("list its databases") { transaction in
            try Row.fetchAll(transaction.db, sql: "SELECT * FROM catalog_database ORDER BY name").map(CatalogTransaction.database(from:))
        }
    }

    /// The database named so (any letter case), or a `catalog.databaseNotFound` error.
    public func database(named name: String) throws(SluiceError) -> CatalogDatabase {
        try read("read the database '\(name)'") { transaction in try transaction.requireDatabase(name) }
    }

    /// Deletes a database with all its tables and partitions.
    public func deleteDatabase(_ name: String) throws(SluiceError) {
        try write("delete the database '\(name)'") { transaction in
            let database = try transaction.requireDatabase(name)
            try transaction.db.execute(sql: "DELETE FROM catalog_database WHERE name = ?", arguments: [database.name])
        }
    }
}
