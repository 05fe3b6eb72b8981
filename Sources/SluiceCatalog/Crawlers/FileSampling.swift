import SluiceCore
import SluiceFormats

/// A data file with what classification found. Files a crawler's sample size left unopened
/// carry the classification of an opened file of the same folder.
struct CrawledFile: Sendable {
    var file: LakeListing.File
    var classification: FileClassification
    /// False for a file the sample size left unopened.
    var wasOpened: Bool

    /// Estimated records: exact when known, else size over the sample's average record size.
    var recordCount: Int {
        if wasOpened, let exact = classification.exactRecordCount { return exact }
        let schema = classification.schema
        guard schema.recordsSampled > 0, schema.bytesSampled > 0 else { return classification.exactRecordCount ?? 0 }
        return Int((Double(file.sizeBytes) * Double(schema.recordsSampled) / Double(schema.bytesSampled)).rounded())
    }
}

/// Step 3 of a crawl: opens the files to classify and infer (all of them, or the first
/// `sampleFiles` of each folder, Glue's sample size) on all cores, and turns what could not
/// be classified into warnings.
enum FileSampling {
    struct Result {
        var files: [CrawledFile] = []
        var opened = 0
        var bytesOpened = 0
        /// `path: reason` of every file no classifier recognised.
        var unknown: [(path: String, reason: String)] = []
        var notes: [String] = []
    }

    static func classify(_ listed: [LakeListing.File], sampleFiles: Int?, threads: Int) throws(SluiceError) -> Result {
        var toOpen: [Int] = []
        var perFolder: [[String]: Int] = [:]
        for (index, file) in listed.enumerated() {
            let count = perFolder[file.folders, default: 0]
            if let sampleFiles, count >= sampleFiles { continue }
            perFolder[file.folders] = count + 1
            toOpen.append(index)
        }
        var next = 0
        let paths = toOpen.map { listed[$0].path }
        let pipeline = OrderedParallelMap<String, FileClassifier.Outcome>(
            workerCount: max(1, threads),
            produce: { () -> String? in
                guard next < paths.count else { return nil }
                defer { next += 1 }
                return paths[next]
            },
            transform: { path in .success(FileClassifier.classify(path: path)) })
        var outcomes: [Int: FileClassifier.Outcome] = [:]
        var position = 0
        while let outcome = try pipeline.next() {
            outcomes[toOpen[position]] = outcome
            position += 1
        }

        var result = Result()
        result.opened = toOpen.count
        result.bytesOpened = toOpen.reduce(0) { $0 + listed[$1].sizeBytes }
        var folderClassification: [[String]: FileClassification] = [:]
        for (index, file) in listed.enumerated() {
            switch outcomes[index] {
            case .classified(let classification):
                folderClassification[file.folders] = folderClassification[file.folders] ?? classification
                result.files.append(CrawledFile(file: file, classification: classification, wasOpened: true))
                if let note = classification.note { result.notes.append("\(file.path): \(note)") }
            case .unknown(let reason):
                result.unknown.append((file.path, reason))
            case nil:
                // Left out of the sample: like the folder's first classified file.
                if let classification = folderClassification[file.folders] {
                    result.files.append(CrawledFile(file: file, classification: classification, wasOpened: false))
                } else {
                    result.unknown.append((file.path, "not opened (sample size), and no sampled file of its folder could be classified"))
                }
            }
        }
        return result
    }
}
