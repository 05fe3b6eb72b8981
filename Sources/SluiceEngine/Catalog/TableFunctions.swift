public import SluiceCore
import SluiceFormats

/// The table functions that read lake files: `read_json(path)`, `read_csv(path)`,
/// `read_parquet(path)`. A path is a file, a folder (read recursively; `key=value` folders
/// become partition columns), or a glob; `s3://bucket/key` resolves into the lake folder.
public enum TableFunctions {
    public static let names = ["read_json", "read_csv", "read_parquet"]

    /// The table a call reads. `arguments` are the call's constant arguments.
    public static func table(
        function name: String, arguments: [Value], options: QueryOptions
    ) throws(SluiceError) -> any TableSource {
        let lowered = name.lowercased()
        let format: FileFormat
        switch lowered {
        case "read_json", "read_ndjson": format = .json
        case "read_csv": format = .csv
        case "read_parquet": format = .parquet
        default:
            throw SluiceError(
                domain: .query, code: "query.unknownTableFunction",
                message: "Table function '\(name)' does not exist.",
                hint: "The table functions are \(names.joined(separator: ", ")), e.g. read_parquet('s3://lake/orders/').")
        }
        guard arguments.count == 1, case .string(let path) = arguments[0] else {
            throw SluiceError(
                domain: .query, code: "query.tableFunctionArguments",
                message: "\(lowered) takes one argument, the path as a string literal.",
                hint: "Write \(lowered)('data/orders/') or \(lowered)('s3://bucket/prefix/').")
        }
        let resolved = try LakePath.resolve(path, lakeRoot: options.lakeRoot)
        let dataset = try Dataset(path: resolved, options: Dataset.Options(format: format))
        return DatasetTable(dataset: dataset, displayName: "\(lowered)('\(path)')")
    }
}

/// Turns lake URIs into local paths: `s3://bucket/key` → `<lake root>/bucket/key`.
public enum LakePath {
    public static func resolve(_ path: String, lakeRoot: String?) throws(SluiceError) -> String {
        let schemes = ["s3://", "s3a://", "s3n://"]
        guard let scheme = schemes.first(where: { path.lowercased().hasPrefix($0) }) else { return path }
        guard let lakeRoot else {
            throw SluiceError(
                domain: .query, code: "query.noLake",
                message: "'\(path)' is a lake URI but no lake folder is set.",
                hint: "Pass --lake-dir (or --data-dir) so s3:// paths resolve into the lake, or give a local path.")
        }
        let key = path.dropFirst(scheme.count)
        guard !key.isEmpty, !key.split(separator: "/").contains("..") else {
            throw SluiceError(
                domain: .query, code: "query.badLakePath",
                message: "'\(path)' is not a valid lake URI.",
                hint: "Write s3://bucket/prefix/ with a bucket name and no '..' parts.")
        }
        return lakeRoot.hasSuffix("/") ? lakeRoot + key : lakeRoot + "/" + key
    }
}
