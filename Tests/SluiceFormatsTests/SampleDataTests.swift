import Foundation
import SluiceCore
import SluiceFormats
import SluiceSampleData
import SluiceTestSupport
import Testing

/// The seed data generators: same bytes for the same seed, the documented shapes and shares.
@Suite("Sample data")
struct SampleDataTests {
    /// Small enough for debug builds: a generation takes well under a second.
    static let scale = SampleScale.custom(users: 2_000, orders: 6_000, events: 6_000)

    @Test("The same seed gives the same bytes, whatever the thread count; another seed differs")
    func determinism() throws {
        let first = try TemporaryFolder()
        let second = try TemporaryFolder()
        let third = try TemporaryFolder()
        let all = Set(SampleDataset.allCases)
        _ = try SampleDataGenerator(seed: 7, scale: Self.scale, format: .json, workerCount: 2)
            .generate(datasets: all, into: first.path)
        _ = try SampleDataGenerator(seed: 7, scale: Self.scale, format: .json, workerCount: 1)
            .generate(datasets: all, into: second.path)
        _ = try SampleDataGenerator(seed: 8, scale: Self.scale, format: .json)
            .generate(datasets: all, into: third.path)
        let files = try first.relativeFiles()
        #expect(files.count == 62)
        #expect(try second.relativeFiles() == files)
        for file in files {
            #expect(try first.bytes(file) == second.bytes(file), "\(file) differs between runs")
        }
        for file in ["users/part-0.json", "orders/dt=2026-11-01/part-0.json", "events/dt=2026-11-30/part-0.json"] {
            #expect(try first.bytes(file) != third.bytes(file), "\(file) is the same for seeds 7 and 8")
        }
    }

    @Test("Row counts, files and partition folders")
    func layout() throws {
        let folder = try TemporaryFolder()
        let summary = try SampleDataGenerator(scale: Self.scale, format: .json)
            .generate(datasets: Set(SampleDataset.allCases), into: folder.path)
        #expect(summary.tables.map(\.name) == ["users", "orders", "titles", "events"])
        #expect(summary.tables.map(\.rowCount) == [2_000, 6_000, 1_000, 6_000])
        #expect(summary.tables.map(\.files.count) == [1, 30, 1, 30])
        for table in summary.tables {
            for file in table.files {
                let text = try String(contentsOfFile: file.path, encoding: .utf8)
                #expect(text.utf8.count == file.sizeBytes)
                #expect(text.utf8.count == file.storedSizeBytes)
                #expect(text.split(separator: "\n").count == file.rowCount, "\(file.path)")
            }
        }
        let days = (1...30).map { "dt=2026-11-" + ($0 < 10 ? "0" : "") + String($0) }
        #expect(try folder.children("orders") == days)
        #expect(try folder.children("events") == days)
        #expect(try folder.children("users") == ["part-0.json"])
        #expect(try folder.children("orders/dt=2026-11-17") == ["part-0.json"])
        #expect(SampleDataGenerator.firstDate == "2026-11-01")
        #expect(SampleDataGenerator.dayCount == 30)
    }

    @Test("Every NDJSON line is a JSON object with the documented keys")
    func jsonShape() throws {
        let folder = try TemporaryFolder()
        _ = try SampleDataGenerator(scale: .custom(users: 2_000, orders: 10_000, events: 10_000), format: .json)
            .generate(datasets: Set(SampleDataset.allCases), into: folder.path)
        let users = try folder.jsonRows("users")
        #expect(users.count == 2_000)
        for user in users {
            #expect(Set(user.keys) == ["user_id", "name", "gender", "age", "city", "signup_at"])
            let age = try #require(user["age"] as? Int)
            #expect((18...70).contains(age))
            let signup = try #require(user["signup_at"] as? String)
            #expect(signup >= "2026-11-01T00:00:00Z" && signup < "2026-12-01T00:00:00Z")
        }
        let cities = Set(users.compactMap { $0["city"] as? String })
        #expect(cities.count > 40 && cities.isSuperset(of: ["서울", "부산", "東京", "大阪"]))
        let orders = try folder.jsonRows("orders")
        #expect(orders.count == 10_000)
        let required: Set<String> = [
            "order_id", "user_id", "category", "price", "quantity", "status", "created_at", "device",
        ]
        var coupons = 0
        var missingVersions = 0
        for order in orders {
            let keys = Set(order.keys)
            #expect(keys == required || keys == required.union(["coupon"]))
            if keys.contains("coupon") { coupons += 1 }
            let device = try #require(order["device"] as? [String: Any])
            #expect(Set(device.keys) == ["os", "app_version"])
            if device["app_version"] is NSNull { missingVersions += 1 }
            let userID = try #require(order["user_id"] as? Int)
            #expect((1...2_000).contains(userID))
            let quantity = try #require(order["quantity"] as? Int)
            #expect((1...5).contains(quantity))
        }
        #expect((50...150).contains(coupons), "1 in 100 of 10,000 orders has a coupon; got \(coupons)")
        #expect((130...270).contains(missingVersions), "1 in 50 of 10,000 orders lacks app_version; got \(missingVersions)")
        let titles = try folder.jsonRows("titles")
        #expect(titles.count == 1_000)
        #expect(titles.allSatisfy { Set($0.keys) == ["title_id", "title"] })
        let events = try folder.jsonRows("events")
        #expect(events.allSatisfy { Set($0.keys) == ["event_id", "user_id", "title_id", "event_type", "ts"] })
        let dangling = events.filter { ($0["title_id"] as? Int ?? 0) > 1_000 }.count
        #expect((130...270).contains(dangling), "2% of 10,000 events name missing titles; got \(dangling)")
    }

    @Test("Orders in a partition fall on its day, in time order")
    func partitionTimes() throws {
        let folder = try TemporaryFolder()
        _ = try SampleDataGenerator(scale: Self.scale, format: .json)
            .generate(datasets: [.orders], into: folder.path)
        let times = try folder.jsonLines("orders/dt=2026-11-05/part-0.json").compactMap { $0["created_at"] as? String }
        #expect(times.count == 6_000 / 30)
        #expect(times.allSatisfy { $0.hasPrefix("2026-11-05T") && $0.hasSuffix("Z") })
        #expect(times == times.sorted())
    }

    @Test("Gender is 60/40 and categories follow their documented shares")
    func shares() throws {
        let folder = try TemporaryFolder()
        _ = try SampleDataGenerator(scale: .custom(users: 10_000, orders: 10_000, events: 0), format: .json)
            .generate(datasets: [.orders], into: folder.path)
        let users = try folder.jsonRows("users")
        let male = Double(users.filter { $0["gender"] as? String == "M" }.count) / Double(users.count)
        #expect(abs(male - 0.6) <= 0.02, "share of M is \(male)")
        let orders = try folder.jsonRows("orders")
        let expected: [String: Double] = [
            "electronics": 0.25, "fashion": 0.18, "home": 0.12, "beauty": 0.09, "sports": 0.08, "books": 0.07,
            "grocery": 0.06, "toys": 0.05, "automotive": 0.04, "health": 0.03, "garden": 0.02, "music": 0.01,
        ]
        var counts: [String: Int] = [:]
        for order in orders { counts[order["category"] as? String ?? "?", default: 0] += 1 }
        #expect(Set(counts.keys) == Set(expected.keys))
        for (category, share) in expected {
            let actual = Double(counts[category, default: 0]) / Double(orders.count)
            #expect(abs(actual - share) <= 0.02, "\(category): \(actual) instead of \(share)")
        }
    }

    @Test("CSV files start with a header and flatten the device object")
    func csv() throws {
        let folder = try TemporaryFolder()
        let summary = try SampleDataGenerator(scale: .custom(users: 100, orders: 300, events: 300), format: .csv)
            .generate(datasets: Set(SampleDataset.allCases), into: folder.path)
        let orders = try folder.text("orders/dt=2026-11-01/part-0.csv").split(separator: "\n")
        #expect(
            orders.first
                == "order_id,user_id,category,price,quantity,status,created_at,device_os,device_app_version,coupon")
        #expect(orders.count == 11)
        #expect(orders.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 10 })
        #expect(try folder.text("users/part-0.csv").hasPrefix("user_id,name,gender,age,city,signup_at\n"))
        #expect(try folder.text("titles/part-0.csv").hasPrefix("title_id,title\n"))
        #expect(try folder.text("events/dt=2026-11-30/part-0.csv").hasPrefix("event_id,user_id,title_id,event_type,ts\n"))
        #expect(summary.tables.map(\.rowCount) == [100, 300, 1_000, 300])
    }

    @Test("Compressed files are gzip and smaller than their text")
    func gzip() throws {
        let folder = try TemporaryFolder()
        let summary = try SampleDataGenerator(scale: .custom(users: 1_000, orders: 3_000, events: 0), format: .json, compress: true)
            .generate(datasets: [.orders], into: folder.path)
        let file = try #require(summary.tables.last?.files.first)
        #expect(file.path.hasSuffix("/orders/dt=2026-11-01/part-0.json.gz"))
        #expect(file.storedSizeBytes < file.sizeBytes / 2)
        #expect(try folder.bytes("orders/dt=2026-11-01/part-0.json.gz").prefix(2) == [0x1F, 0x8B])
    }

    @Test("Errors name the folder or the count and say what to do")
    func errors() throws {
        let folder = try TemporaryFolder()
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: folder.path + "/blocker"))
        let generator = SampleDataGenerator(scale: .custom(users: 10, orders: 10, events: 10), format: .json)
        let blocked = #expect(throws: SluiceError.self) {
            try generator.generate(datasets: [.orders], into: folder.path + "/blocker/out")
        }
        #expect(blocked?.code == "file.notAFolder")
        #expect(
            blocked?.message
                == "Cannot create the folder '\(folder.path)/blocker': a file with that name is in the way.")
        let noUsers = #expect(throws: SluiceError.self) {
            try SampleDataGenerator(scale: .custom(users: 0, orders: 5, events: 0), format: .csv)
                .generate(datasets: [.orders], into: folder.path)
        }
        #expect(noUsers?.code == "sample.invalidScale")
        #expect(noUsers?.hint == "Ask for at least one user.")
        let negative = #expect(throws: SluiceError.self) {
            try SampleDataGenerator(scale: .custom(users: 5, orders: -1, events: 0), format: .csv)
                .generate(datasets: [.orders], into: folder.path)
        }
        #expect(
            negative?.message
                == "The sample scale asks for -1 orders; the count must be between 0 and 1000000000.")
        let none = #expect(throws: SluiceError.self) {
            try generator.generate(datasets: [], into: folder.path)
        }
        #expect(none?.code == "sample.noDataset")
    }

    @Test("Scales and data sets by name")
    func scales() {
        #expect(SampleScale(name: "small") == .small)
        #expect(SampleScale(name: "LARGE") == .large)
        #expect(SampleScale(name: "huge") == nil)
        #expect(SampleDataset.named("all") == [.orders, .events])
        #expect(SampleDataset.named("Events") == [.events])
        #expect(SampleDataset.named("sales") == nil)
        #expect(SampleScale.large.orderCount == 10_000_000)
        #expect(SampleScale.small.userCount == 100_000)
        #expect(SampleScale.custom(users: 1, orders: 2, events: 3).description == "custom(users: 1, orders: 2, events: 3)")
    }
}

/// Reading back what the generator wrote.
extension TemporaryFolder {
    /// Every file under the folder, relative to it, sorted.
    func relativeFiles() throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let item = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + item, isDirectory: &isFolder), !isFolder.boolValue {
                files.append(item)
            }
        }
        return files.sorted()
    }

    func children(_ relative: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path + "/" + relative).sorted()
    }

    func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path + "/" + relative)))
    }

    func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }

    /// The parsed lines of one NDJSON file.
    func jsonLines(_ relative: String) throws -> [[String: Any]] {
        try text(relative).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
    }

    /// The parsed lines of every NDJSON file of `table`, in path order.
    func jsonRows(_ table: String) throws -> [[String: Any]] {
        try relativeFiles().filter { $0.hasPrefix(table + "/") }.flatMap { try jsonLines($0) }
    }
}
