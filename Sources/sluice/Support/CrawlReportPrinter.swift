import SluiceCatalog
import SluiceCore

/// A crawl's report as people read it: what changed, then why (every grouping decision),
/// then what went wrong with single files.
enum CrawlReportPrinter {
    static func text(_ report: CrawlReport, database: String, seconds: Double? = nil) -> String {
        var lines: [String] = []
        var summary = "Crawled \(Terminal.count(report.filesListed)) file\(report.filesListed == 1 ? "" : "s")"
        summary += " (opened \(Terminal.count(report.filesOpened)), \(Terminal.bytes(report.bytesScanned)))"
        if let seconds { summary += " in \(String(format2: seconds)) s" }
        lines.append(summary + " into database '\(database)'.")
        func names(_ title: String, _ tables: [String]) {
            if !tables.isEmpty { lines.append("  \(title): \(tables.joined(separator: ", "))") }
        }
        names("tables created", report.tablesCreated)
        names("tables updated", report.tablesUpdated)
        names("tables left as they were (update behaviour LOG)", report.tablesUnchangedByPolicy)
        names("tables deprecated", report.tablesDeprecated)
        names("tables deleted", report.tablesDeleted)
        lines.append("  partitions added: \(report.partitionsAdded)" + (report.partitionsRemoved > 0 ? ", removed: \(report.partitionsRemoved)" : ""))
        if !report.decisions.isEmpty {
            lines.append("Decisions:")
            lines += report.decisions.map { "  - " + $0 }
        }
        if !report.logs.isEmpty {
            lines.append("Log:")
            lines += report.logs.map { "  - " + $0 }
        }
        if !report.warnings.isEmpty {
            lines.append("Warnings:")
            lines += report.warnings.map { "  - " + $0 }
        }
        if let error = report.errorMessage { lines.append("Error: " + error) }
        return lines.joined(separator: "\n")
    }
}
