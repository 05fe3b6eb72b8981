import SluiceCore
import Testing
@testable import SluiceFormats

@Suite("OrderedParallelMap")
struct OrderedParallelMapTests {
    /// Outputs come back in input order however long each input takes, with threads or inline.
    @Test(arguments: [0, 1, 2, 4])
    func outputsKeepInputOrder(workers: Int) throws {
        var next = 0
        let map = OrderedParallelMap<Int, Int>(
            workerCount: workers,
            produce: { () -> Int? in
                guard next < 200 else { return nil }
                defer { next += 1 }
                return next
            },
            transform: { input in
                // Uneven work so later inputs often finish first.
                var spin = 0
                for step in 0..<((200 - input) * 50) { spin &+= step }
                return .success(input * 2 + (spin == -1 ? 1 : 0))
            })
        var outputs: [Int] = []
        while let output = try map.next() { outputs.append(output) }
        #expect(outputs == (0..<200).map { $0 * 2 })
    }

    @Test func aFailedInputStopsWithItsErrorAfterTheOutputsBeforeIt() {
        var next = 0
        let map = OrderedParallelMap<Int, Int>(
            workerCount: 2,
            produce: { () -> Int? in
                guard next < 10 else { return nil }
                defer { next += 1 }
                return next
            },
            transform: { input in
                input == 5 ? .failure(SluiceError(domain: .format, code: "test", message: "bad \(input)")) : .success(input)
            })
        var outputs: [Int] = []
        do {
            while let output = try map.next() { outputs.append(output) }
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "bad 5")
        }
        #expect(outputs == [0, 1, 2, 3, 4])
    }
}
