import GRDB
public import SluiceCore

extension CatalogTransaction {
    func partitions(tableID: Int64) throws -> [CatalogPartition] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM catalog_partition WHERE table_id = ? ORDER BY partition_values", arguments: [tableID]
        ).map { row in
            CatalogPartition(
                values: try StoredJSON.decode([String].self, from: row["partition_values"], what: "partition values"),
                location: row["location"],
                parameters: try StoredJSON.decode([String: String].self, from: row["parameters"], what: "partition parameters"),
                createdAt: row["created_at"], updatedAt: row["updated_at"])
        }
    }

    /// Adds partitions, or updates the location and parameters of those whose values exist.
    /// Returns how many were new.
    @discardableResult
    func upsertPartitions(tableID: Int64, _ partitions: [CatalogPartition]) throws -> Int {
        var added = 0
        for partition in partitions {
            let key = try StoredJSON.encode(partition.values)
            let parameters = try StoredJSON.encode(partition.parameters)
            try db.execute(
                sql: "UPDATE catalog_partition SET location = ?, parameters = ?, updated_at = ? WHERE table_id = ? AND partition_values = ?",
                arguments: [partition.location, parameters, now, tableID, key])
            if db.changesCount == 0 {
                try db.execute(
                    sql: """
                        INSERT INTO catalog_partition (table_id, partition_values, location, parameters, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [tableID, key, partition.location, parameters, now, now])
                added += 1
            }
        }
        return added
    }

    func deletePartitions(tableID: Int64, values: [[String]]) throws {
        for value in values {
            try db.execute(
                sql: "DELETE FROM catalog_partition WHERE table_id = ? AND partition_values = ?",
                arguments: [tableID, try StoredJSON.encode(value)])
        }
    }
}

extension CatalogStore {
    /// The table's partitions, ordered by their values.
    public func partitions(database: String, table: String) throws(SluiceError) -> [CatalogPartition] {
        try snapshot(database: database, name: table).partitions
    }

    /// Adds partitions to a table (updating those whose values exist); returns how many were new.
    /// Each partition needs one value per partition key.
    @discardableResult
    public func addPartitions(database: String, table: String, _ partitions: [CatalogPartition]) throws(SluiceError) -> Int {
        try write("add partitions to '\(database).\(table)'") { transaction in
            let (id, found) = try transaction.requireTable(database: database, name: table)
            let keys = found.definition.partitionKeys
            for partition in partitions where partition.values.count != keys.count {
                throw CatalogError.invalid(
                    "A partition of '\(found.qualifiedName)' has \(partition.values.count) values but the table has \(keys.count) partition keys (\(keys.map(\.name).joined(separator: ", "))).",
                    hint: "Give one value per partition key, in order.")
            }
            return try transaction.upsertPartitions(tableID: id, partitions)
        }
    }

    /// Removes the partitions with these values.
    public func deletePartitions(database: String, table: String, values: [[String]]) throws(SluiceError) {
        try write("delete partitions of '\(database).\(table)'") { transaction in
            try transaction.deletePartitions(tableID: try transaction.requireTable(database: database, name: table).id, values: values)
        }
    }
}

extension CatalogStore {
    /// Every table of a database with its partitions, read in one transaction.
    func tablesWithPartitions(in database: String) throws(SluiceError) -> [(table: CatalogTable, partitions: [CatalogPartition])] {
        try read("read the tables of '\(database)'") { transaction in
            let name = try transaction.requireDatabase(database).name
            return try transaction.tables(in: name).map { table in
                guard let found = try transaction.table(database: name, name: table.name) else { return (table, []) }
                return (table, try transaction.partitions(tableID: found.id))
            }
        }
    }
}
