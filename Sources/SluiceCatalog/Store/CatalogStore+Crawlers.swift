import GRDB
public import SluiceCore

extension CatalogTransaction {
    func crawlerNames() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM crawler ORDER BY name")
    }

    func crawler(named name: String) throws -> CrawlerDefinition? {
        try Row.fetchOne(db, sql: "SELECT * FROM crawler WHERE name = ?", arguments: [name]).map { row in
            try Self.crawler(from: row)
        }
    }

    static func crawler(from row: Row) throws -> CrawlerDefinition {
        var crawler = try StoredJSON.decode(CrawlerDefinition.self, from: row["definition"], what: "crawler definition")
        crawler.createdAt = row["created_at"]
        crawler.updatedAt = row["updated_at"]
        return crawler
    }

    static func run(from row: Row) throws -> CrawlerRun {
        let stateText: String = row["state"]
        return CrawlerRun(
            id: row["id"], crawlerName: row["crawler_name"], state: CrawlerRun.State(rawValue: stateText) ?? .failed,
            startedAt: row["started_at"], endedAt: row["ended_at"],
            report: try StoredJSON.decode(CrawlReport.self, from: row["report"], what: "crawler run report"))
    }
}

extension CatalogStore {
    /// Stores a new crawler after checking it (``CrawlerDefinition/validate()``).
    @discardableResult
    public func createCrawler(_ crawler: CrawlerDefinition) throws(SluiceError) -> CrawlerDefinition {
        let crawler = try crawler.validated()
        return try write("create the crawler '\(crawler.name)'") { transaction in
            if try transaction.crawler(named: crawler.name) != nil { throw CatalogError.alreadyExists("crawler", crawler.name) }
            try transaction.db.execute(
                sql: "INSERT INTO crawler (name, definition, created_at, updated_at) VALUES (?, ?, ?, ?)",
                arguments: [crawler.name, try StoredJSON.encode(crawler), transaction.now, transaction.now])
            return try transaction.crawler(named: crawler.name) ?? crawler
        }
    }

    /// Replaces a crawler's settings (its runs stay).
    @discardableResult
    public func updateCrawler(_ crawler: CrawlerDefinition) throws(SluiceError) -> CrawlerDefinition {
        let crawler = try crawler.validated()
        return try write("update the crawler '\(crawler.name)'") { transaction in
            guard try transaction.crawler(named: crawler.name) != nil else {
                throw CatalogError.notFound("crawler", crawler.name, known: try transaction.crawlerNames(), listCommand: "sluice crawler list")
            }
            try transaction.db.execute(
                sql: "UPDATE crawler SET definition = ?, updated_at = ? WHERE name = ?",
                arguments: [try StoredJSON.encode(crawler), transaction.now, crawler.name])
            return try transaction.crawler(named: crawler.name) ?? crawler
        }
    }

    public func crawler(named name: String) throws(SluiceError) -> CrawlerDefinition {
        let normalized = try CatalogName.normalized(name, kind: .crawler)
        return try read("read the crawler '\(normalized)'") { transaction in
            guard let crawler = try transaction.crawler(named: normalized) else {
                throw CatalogError.notFound("crawler", normalized, known: try transaction.crawlerNames(), listCommand: "sluice crawler list")
            }
            return crawler
        }
    }

    public func crawlers() throws(SluiceError) -> [CrawlerDefinition] {
        try read("list its crawlers") { transaction in
            try Row.fetchAll(transaction.db, sql: "SELECT * FROM crawler ORDER BY name").map { row in try CatalogTransaction.crawler(from: row) }
        }
    }

    /// Records the start of a run and returns it.
    public func startRun(crawler name: String) throws(SluiceError) -> CrawlerRun {
        try write("record a run of '\(name)'") { transaction in
            let report = try StoredJSON.encode(CrawlReport())
            try transaction.db.execute(
                sql: "INSERT INTO crawler_run (crawler_name, state, started_at, report) VALUES (?, ?, ?, ?)",
                arguments: [name, CrawlerRun.State.running.rawValue, transaction.now, report])
            return CrawlerRun(
                id: transaction.db.lastInsertedRowID, crawlerName: name, state: .running, startedAt: transaction.now,
                endedAt: nil, report: CrawlReport())
        }
    }

    /// Records how a run ended.
    public func finishRun(_ id: Int64, state: CrawlerRun.State, report: CrawlReport) throws(SluiceError) {
        try write("record the end of run \(id)") { transaction in
            try transaction.db.execute(
                sql: "UPDATE crawler_run SET state = ?, ended_at = ?, report = ? WHERE id = ?",
                arguments: [state.rawValue, transaction.now, try StoredJSON.encode(report), id])
        }
    }

    /// A crawler's runs, newest first (at most `limit`).
    public func runs(crawler name: String, limit: Int = 20) throws(SluiceError) -> [CrawlerRun] {
        let normalized = try CatalogName.normalized(name, kind: .crawler)
        return try read("read the runs of '\(normalized)'") { transaction in
            try Row.fetchAll(
                transaction.db, sql: "SELECT * FROM crawler_run WHERE crawler_name = ? ORDER BY id DESC LIMIT ?",
                arguments: [normalized, limit]
            ).map { row in try CatalogTransaction.run(from: row) }
        }
    }
}
