import SluiceCore
import SluiceFormats

/// Step 2 of a crawl: what each file is. The built-in classifiers run in Glue's order —
/// Parquet, JSON, CSV — each answering with a certainty; the first certain answer (1.0)
/// wins, otherwise the most certain one above zero, and with none the file is `UNKNOWN` and
/// the crawl warns with every classifier's reason. Compression is recognised by magic bytes:
/// gzip is read through; bzip2, Zstandard, xz, LZ4, ZIP and framed Snappy are reported.
enum FileClassifier {
    enum Outcome: Sendable {
        case classified(FileClassification)
        case unknown(reason: String)
    }

    static func classify(path: String) -> Outcome {
        let prefix: FilePrefix
        do throws(SluiceError) {
            prefix = try FilePrefix.read(path: path)
        } catch {
            return .unknown(reason: error.summary)
        }
        if let compression = prefix.unsupportedCompression {
            return .unknown(reason: "it is \(compression)-compressed, which Sluice does not read; recompress it with gzip or store it uncompressed")
        }
        var best: (FileClassification, Double)?
        var reasons: [String] = []
        let classifiers: [(name: String, classify: (String, FilePrefix) -> ClassifierVerdict)] = [
            ("Parquet", ParquetClassifier.classify), ("JSON", JSONClassifier.classify), ("CSV", CSVClassifier.classify),
        ]
        for classifier in classifiers {
            switch classifier.classify(path, prefix) {
            case .match(let classification, let certainty):
                if certainty >= 1 { return .classified(classification) }
                if certainty > (best?.1 ?? 0) { best = (classification, certainty) }
                reasons.append("\(classifier.name) with certainty \(certainty)")
            case .noMatch(let reason):
                reasons.append("not \(classifier.name): \(reason)")
            }
        }
        if let best { return .classified(best.0) }
        return .unknown(reason: reasons.joined(separator: "; "))
    }
}
