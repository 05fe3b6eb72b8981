import GRDB
public import SluiceCore

/// The catalog's errors: each names the object and says how to go on. All are
/// ``SluiceError``s of the `catalog` domain; codes are stable.
public enum CatalogError {
    public static func badName(_ name: String, kind: CatalogName.Kind, reason: String) -> SluiceError {
        let suggestion = CatalogName.sanitized(name)
        return SluiceError(
            domain: .catalog, code: "catalog.badName",
            message: "'\(name)' is not a valid \(kind.rawValue) name: \(reason).",
            hint: "Use letters, digits and '_'\(kind == .connection || kind == .crawler ? ", '-' and '.'" : "")"
                + (suggestion != name.lowercased() && !suggestion.isEmpty ? ", e.g. '\(suggestion)'." : "."))
    }

    public static func databaseNotFound(_ name: String, known: [String]) -> SluiceError {
        SluiceError(
            domain: .catalog, code: "catalog.databaseNotFound",
            message: "Database '\(name)' not found.\(suggestion(name, known)) Databases: \(list(known)).",
            hint: "Create it with `sluice catalog create-database \(name)`, or crawl into it with `sluice crawl PATH --database \(name)`.")
    }

    public static func tableNotFound(database: String, table: String, known: [String]) -> SluiceError {
        SluiceError(
            domain: .catalog, code: "catalog.tableNotFound",
            message: "Table '\(database).\(table)' not found.\(suggestion(table, known)) Tables in '\(database)': \(list(known)).",
            hint: "`sluice catalog tables \(database)` lists them; a crawler creates tables from lake folders.")
    }

    public static func alreadyExists(_ what: String, _ name: String) -> SluiceError {
        SluiceError(
            domain: .catalog, code: "catalog.alreadyExists",
            message: "A \(what) named '\(name)' already exists.",
            hint: "Choose another name, or delete the existing \(what) first.")
    }

    public static func notFound(_ what: String, _ name: String, known: [String], listCommand: String) -> SluiceError {
        SluiceError(
            domain: .catalog, code: "catalog.\(what)NotFound",
            message: "No \(what) named '\(name)'.\(suggestion(name, known)) Known: \(list(known)).",
            hint: "`\(listCommand)` lists them.")
    }

    public static func invalid(_ message: String, hint: String) -> SluiceError {
        SluiceError(domain: .catalog, code: "catalog.invalid", message: message, hint: hint)
    }

    /// A failure of the SQLite file itself, with the file's path and what was being done.
    /// The underlying message is SQLite's; it never holds bound values.
    public static func storage(_ error: any Error, doing what: String, path: String) -> SluiceError {
        SluiceError(
            domain: .catalog, code: "catalog.storage",
            message: "The catalog could not \(what): \(storageMessage(error)).",
            location: ErrorLocation(file: path),
            hint: "Check that the data directory is writable and has free space; another Sluice process may hold a long write.")
    }

    private static func storageMessage(_ error: any Error) -> String {
        // GRDB's description holds the SQL and its arguments; the result code and SQLite's own
        // message say what failed without any value.
        if let databaseError = error as? DatabaseError {
            return "SQLite error \(databaseError.resultCode.rawValue)" + (databaseError.message.map { ": \($0)" } ?? "")
        }
        return String(describing: error)
    }

    private static func suggestion(_ name: String, _ known: [String]) -> String {
        NameSuggestion.closest(to: name, among: known).map { " Did you mean '\($0)'?" } ?? ""
    }

    private static func list(_ names: [String]) -> String {
        guard !names.isEmpty else { return "none yet" }
        let shown = names.prefix(20).joined(separator: ", ")
        return names.count > 20 ? shown + ", … (\(names.count) in all)" : shown
    }
}
