import GRDB
public import SluiceCore

extension CatalogTransaction {
    func connectionNames() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM catalog_connection ORDER BY name")
    }

    func connection(named name: String) throws -> CatalogConnection? {
        try Row.fetchOne(db, sql: "SELECT * FROM catalog_connection WHERE name = ?", arguments: [name]).map { row in
            try Self.connection(from: row)
        }
    }

    static func connection(from row: Row) throws -> CatalogConnection {
        let name: String = row["name"]
        let typeText: String = row["type"]
        guard let type = ConnectionType(rawValue: typeText) else {
            throw SluiceError(
                domain: .catalog, code: "catalog.corrupt",
                message: "Connection '\(name)' has the unknown type '\(typeText)'.",
                hint: "A newer Sluice may have written it; use that version, or delete and recreate the connection.")
        }
        return CatalogConnection(
            name: name, type: type,
            properties: try StoredJSON.decode([String: String].self, from: row["properties"], what: "properties of connection '\(name)'"),
            description: row["description"], createdAt: row["created_at"], updatedAt: row["updated_at"])
    }
}

extension CatalogStore {
    /// Stores a new connection after checking its properties (``CatalogConnection/validate()``).
    @discardableResult
    public func createConnection(_ connection: CatalogConnection) throws(SluiceError) -> CatalogConnection {
        var connection = connection
        connection.name = try CatalogName.normalized(connection.name, kind: .connection)
        try connection.validate()
        let stored = connection
        return try write("create the connection '\(stored.name)'") { transaction in
            if try transaction.connection(named: stored.name) != nil { throw CatalogError.alreadyExists("connection", stored.name) }
            try transaction.db.execute(
                sql: """
                    INSERT INTO catalog_connection (name, type, properties, description, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [stored.name, stored.type.rawValue, try StoredJSON.encode(stored.properties), stored.description,
                            transaction.now, transaction.now])
            return try transaction.connection(named: stored.name) ?? stored
        }
    }

    /// Every connection, by name, with secrets as stored (callers that show them use ``CatalogConnection/masked``).
    public func connections() throws(SluiceError) -> [CatalogConnection] {
        try read("list its connections") { transaction in
            try Row.fetchAll(transaction.db, sql: "SELECT * FROM catalog_connection ORDER BY name").map { row in
                try CatalogTransaction.connection(from: row)
            }
        }
    }

    /// The connection named so, or an error that suggests a close name.
    public func connection(named name: String) throws(SluiceError) -> CatalogConnection {
        let normalized = try CatalogName.normalized(name, kind: .connection)
        return try read("read the connection '\(normalized)'") { transaction in
            guard let connection = try transaction.connection(named: normalized) else {
                throw CatalogError.notFound("connection", normalized, known: try transaction.connectionNames(), listCommand: "sluice connection list")
            }
            return connection
        }
    }

    public func deleteConnection(_ name: String) throws(SluiceError) {
        let normalized = try CatalogName.normalized(name, kind: .connection)
        try write("delete the connection '\(normalized)'") { transaction in
            guard try transaction.connection(named: normalized) != nil else {
                throw CatalogError.notFound("connection", normalized, known: try transaction.connectionNames(), listCommand: "sluice connection list")
            }
            try transaction.db.execute(sql: "DELETE FROM catalog_connection WHERE name = ?", arguments: [normalized])
        }
    }
}
