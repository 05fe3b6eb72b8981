/// The words the parser treats specially. Reserved ones (Trino's list) cannot be used as
/// names unless double-quoted; the others are keywords only where the grammar expects them.
enum Keyword: String, CaseIterable, Sendable {
    // Reserved in Trino.
    case alter = "ALTER", and = "AND", `as` = "AS", between = "BETWEEN", by = "BY", `case` = "CASE"
    case cast = "CAST", constraint = "CONSTRAINT", create = "CREATE", cross = "CROSS", cube = "CUBE"
    case currentCatalog = "CURRENT_CATALOG", currentDate = "CURRENT_DATE", currentPath = "CURRENT_PATH"
    case currentRole = "CURRENT_ROLE", currentSchema = "CURRENT_SCHEMA", currentTime = "CURRENT_TIME"
    case currentTimestamp = "CURRENT_TIMESTAMP", currentUser = "CURRENT_USER", deallocate = "DEALLOCATE"
    case delete = "DELETE", describe = "DESCRIBE", distinct = "DISTINCT", drop = "DROP", `else` = "ELSE"
    case end = "END", escape = "ESCAPE", except = "EXCEPT", execute = "EXECUTE", exists = "EXISTS"
    case extract = "EXTRACT", `false` = "FALSE", `for` = "FOR", from = "FROM", full = "FULL", group = "GROUP"
    case grouping = "GROUPING", having = "HAVING", `in` = "IN", inner = "INNER", insert = "INSERT"
    case intersect = "INTERSECT", into = "INTO", `is` = "IS", join = "JOIN", left = "LEFT", like = "LIKE"
    case listagg = "LISTAGG", localTime = "LOCALTIME", localTimestamp = "LOCALTIMESTAMP", natural = "NATURAL"
    case normalize = "NORMALIZE", not = "NOT", null = "NULL", on = "ON", or = "OR", order = "ORDER"
    case outer = "OUTER", prepare = "PREPARE", recursive = "RECURSIVE", right = "RIGHT", rollup = "ROLLUP"
    case select = "SELECT", skip = "SKIP", table = "TABLE", then = "THEN", trim = "TRIM", `true` = "TRUE"
    case uescape = "UESCAPE", union = "UNION", unnest = "UNNEST", using = "USING", values = "VALUES"
    case when = "WHEN", `where` = "WHERE", with = "WITH"

    // Not reserved: keywords only in their place.
    case all = "ALL", analyze = "ANALYZE", any = "ANY", array = "ARRAY", asc = "ASC", at = "AT"
    case both = "BOTH", current = "CURRENT", desc = "DESC", double = "DOUBLE", explain = "EXPLAIN"
    case fetch = "FETCH", filter = "FILTER", first = "FIRST", following = "FOLLOWING", groups = "GROUPS"
    case ignore = "IGNORE", interval = "INTERVAL", last = "LAST", lateral = "LATERAL", leading = "LEADING"
    case limit = "LIMIT", matchRecognize = "MATCH_RECOGNIZE", next = "NEXT", nulls = "NULLS"
    case offset = "OFFSET", only = "ONLY", ordinality = "ORDINALITY", over = "OVER", partition = "PARTITION"
    case position = "POSITION", preceding = "PRECEDING", precision = "PRECISION", range = "RANGE"
    case respect = "RESPECT", row = "ROW", rows = "ROWS", sets = "SETS", some = "SOME", substring = "SUBSTRING"
    case tablesample = "TABLESAMPLE", ties = "TIES", time = "TIME", timestamp = "TIMESTAMP", to = "TO"
    case trailing = "TRAILING", tryCast = "TRY_CAST", unbounded = "UNBOUNDED", verbose = "VERBOSE"
    case window = "WINDOW", without = "WITHOUT", zone = "ZONE"

    /// True for words that can only be names when double-quoted.
    var isReserved: Bool { Keyword.reservedWords.contains(self) }

    private static let reservedWords: Set<Keyword> = [
        .alter, .and, .as, .between, .by, .case, .cast, .constraint, .create, .cross, .cube, .currentCatalog,
        .currentDate, .currentPath, .currentRole, .currentSchema, .currentTime, .currentTimestamp, .currentUser,
        .deallocate, .delete, .describe, .distinct, .drop, .else, .end, .escape, .except, .execute, .exists,
        .extract, .false, .for, .from, .full, .group, .grouping, .having, .in, .inner, .insert, .intersect, .into,
        .is, .join, .left, .like, .listagg, .localTime, .localTimestamp, .natural, .normalize, .not, .null, .on,
        .or, .order, .outer, .prepare, .recursive, .right, .rollup, .select, .skip, .table, .then, .trim, .true,
        .uescape, .union, .unnest, .using, .values, .when, .where, .with,
    ]

    /// Upper-case spelling → keyword, so the lexer looks each word up once.
    static let byUpperCaseText: [String: Keyword] = Dictionary(
        uniqueKeysWithValues: Keyword.allCases.map { ($0.rawValue, $0) })

    /// Words that end a select item or a relation, so they never become an alias without AS
    /// even though Trino does not reserve them (`FROM t LIMIT 5` is not a table aliased `limit`).
    var endsImplicitAlias: Bool {
        isReserved || self == .limit || self == .offset || self == .fetch || self == .window
            || self == .tablesample || self == .matchRecognize
    }

    /// Clause keywords a misspelled word is compared against for "Did you mean …?".
    static let suggestible: [Keyword] = [
        .select, .from, .where, .group, .by, .having, .order, .limit, .offset, .join, .inner, .left, .right,
        .full, .outer, .cross, .natural, .on, .using, .union, .intersect, .except, .with, .values, .distinct,
        .between, .like, .case, .when, .then, .else, .end, .cast, .exists, .partition, .over, .explain,
        .unnest, .ordinality, .preceding, .following, .unbounded, .nulls, .first, .last, .fetch, .interval,
    ]
}
