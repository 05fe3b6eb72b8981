public import SluiceCore

/// One change to a table, for writing many together (``CatalogStore/apply(_:)``).
public enum TableChange: Sendable {
    /// A new table with its first partitions.
    case create(database: String, name: String, definition: TableDefinition, partitions: [CatalogPartition])
    /// A new definition (nil: keep it), partitions added or updated, partitions removed by values.
    case update(database: String, name: String, definition: TableDefinition?, addPartitions: [CatalogPartition], removePartitions: [[String]])
    case delete(database: String, name: String)
}

extension CatalogStore {
    /// Applies the changes in one write transaction: readers see all of them or none, so a
    /// query never meets a table whose definition and partitions disagree. Returns how many
    /// partitions were new.
    @discardableResult
    public func apply(_ changes: [TableChange]) throws(SluiceError) -> Int {
        try write("write a crawler's changes") { transaction in
            var added = 0
            for change in changes {
                switch change {
                case .create(let database, let name, let definition, let partitions):
                    let databaseName = try transaction.requireDatabase(database).name
                    let tableName = try CatalogName.normalized(name, kind: .table)
                    if try transaction.table(database: databaseName, name: tableName) != nil {
                        throw CatalogError.alreadyExists("table", "\(databaseName).\(tableName)")
                    }
                    let id = try transaction.insertTable(database: databaseName, name: tableName, definition: definition)
                    added += try transaction.upsertPartitions(tableID: id, partitions)
                case .update(let database, let name, let definition, let addPartitions, let removePartitions):
                    let (id, current) = try transaction.requireTable(database: database, name: name)
                    if let definition { try transaction.updateTable(id: id, current: current, definition: definition) }
                    try transaction.deletePartitions(tableID: id, values: removePartitions)
                    added += try transaction.upsertPartitions(tableID: id, addPartitions)
                case .delete(let database, let name):
                    try transaction.deleteTable(id: try transaction.requireTable(database: database, name: name).id)
                }
            }
            return added
        }
    }
}
