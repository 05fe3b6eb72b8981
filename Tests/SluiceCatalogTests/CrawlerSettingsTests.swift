import SluiceCatalog
import SluiceCore
import Testing

@Suite("Crawler settings: exclusions, schedules, connections")
struct CrawlerSettingsTests {
    @Test func exclusionGlobsFollowGluesSyntax() throws {
        let topLevelLogs = try ExclusionPattern("*.log")
        #expect(topLevelLogs.matches("a.log"))
        #expect(!topLevelLogs.matches("dt=1/a.log"))
        let anyLogs = try ExclusionPattern("**/*.log")
        #expect(anyLogs.matches("a.log"))
        #expect(anyLogs.matches("dt=1/x/a.log"))
        let archive = try ExclusionPattern("archive/**")
        #expect(archive.excludesFolder("archive"))
        #expect(archive.matches("archive/2020/a.json"))
        #expect(!archive.excludesFolder("archived"))
        let alternatives = try ExclusionPattern("dt=2026-11-0[1-3]/*.{csv,tsv}")
        #expect(alternatives.matches("dt=2026-11-02/a.tsv"))
        #expect(!alternatives.matches("dt=2026-11-04/a.tsv"))
        #expect(!alternatives.matches("dt=2026-11-02/a.json"))
        let error = caughtError { () throws(SluiceError) in _ = try ExclusionPattern("dt={1,2") }
        #expect(error?.message == "The exclusion pattern 'dt={1,2' cannot be read: '{' has no closing '}'.")
    }

    @Test func schedulesAreCheckedFieldByField() throws {
        #expect(try CronSchedule("cron(0 3 * * ? *)").isAWSForm)
        #expect(try !CronSchedule("15 */2 * * MON-FRI").isAWSForm)
        _ = try CronSchedule("cron(0/15 12-14 ? JAN,MAR MON#1 2026)")
        _ = try CronSchedule("cron(0 18 L * ? *)")
        let both = caughtError { () throws(SluiceError) in _ = try CronSchedule("cron(0 3 * * * *)") }
        #expect(both?.message == "The schedule 'cron(0 3 * * * *)' is not valid: exactly one of day-of-month ('*') and day-of-week ('*') must be '?'.")
        let hour = caughtError { () throws(SluiceError) in _ = try CronSchedule("0 24 * * *") }
        #expect(hour?.message == "The schedule '0 24 * * *' is not valid: '24' is not a valid hour (0–23).")
        let count = caughtError { () throws(SluiceError) in _ = try CronSchedule("cron(0 3 * *)") }
        #expect(count?.message.contains("it has 4 fields but cron(…) needs 6") == true)
    }

    @Test func connectionSecretsAreMaskedAndNeverInErrors() throws {
        let catalog = try TestCatalog()
        let created = try catalog.store.createConnection(CatalogConnection(
            name: "AppDB", type: .postgresql,
            properties: [
                "JDBC_CONNECTION_URL": "jdbc:postgresql://db.internal:5432/app?sslmode=require&password=hunter2",
                "USERNAME": "app", "PASSWORD": "hunter2", "JDBC_ENFORCE_SSL": "true",
            ],
            description: "the application's database"))
        #expect(created.name == "appdb")
        #expect(created.createdAt == 1_800_000_000)
        let masked = created.masked.properties
        #expect(masked["PASSWORD"] == "****")
        #expect(masked["JDBC_CONNECTION_URL"] == "jdbc:postgresql://db.internal:5432/app?sslmode=require&password=****")
        #expect(!masked.values.contains { $0.contains("hunter2") })
        // Stored as given, for the connector to use.
        #expect(try catalog.store.connection(named: "appdb").properties["PASSWORD"] == "hunter2")

        let twoPasswords = caughtError { () throws(SluiceError) in
            _ = try catalog.store.createConnection(CatalogConnection(
                name: "x", type: .postgresql,
                properties: ["HOST": "h", "DATABASE": "d", "PASSWORD": "secret-value", "PASSWORD_ENV": "PGPASSWORD"]))
        }
        #expect(twoPasswords?.message == "Connection 'x' names its password in 2 ways (PASSWORD, PASSWORD_ENV).")
        #expect(twoPasswords?.description.contains("secret-value") == false)
        let typo = caughtError { () throws(SluiceError) in
            _ = try catalog.store.createConnection(CatalogConnection(name: "y", type: .opensearch, properties: ["ENDPIONT": "https://s:9200"]))
        }
        #expect(typo?.message == "Connection 'y' has the unknown property 'ENDPIONT'. Did you mean 'ENDPOINT'?")
        let missing = caughtError { () throws(SluiceError) in _ = try catalog.store.connection(named: "appbd") }
        #expect(missing?.message == "No connection named 'appbd'. Did you mean 'appdb'? Known: appdb.")
    }
}
