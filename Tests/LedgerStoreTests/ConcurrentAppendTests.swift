import Foundation
import GRDB
import TestSupport
import Testing
@testable import LedgerCore
@testable import LedgerStore

@Suite struct ConcurrentAppendTests {
    static let perWriter = 100

    @Test func twoConnectionsAppendingAtOnceKeepTheChainWhole() async throws {
        try await withTemporaryLedger { path in
            let setup = try EventStore.open(path: path)
            _ = try setup.append(batch(registrations))
            let stores = [try EventStore.open(path: path), try EventStore.open(path: path)]

            try await withThrowingTaskGroup(of: Void.self) { group in
                for (writer, store) in zip(["a", "b"], stores) {
                    group.addTask {
                        for index in 1...Self.perWriter {
                            let event = valuation("\(writer)-\(index)", company: "acme", date: "2020-01-01", usd("\(index)"))
                            let result = try store.append(batch(event))
                            #expect(result.appended.count == 1)
                            // A short pause lets the other writer in; without it SQLite's busy
                            // handler backs off so long that one writer usually finishes first.
                            try await Task.sleep(for: .microseconds(300))
                        }
                    }
                }
                try await group.waitForAll()
            }

            let reader = try EventStore.open(path: path)
            let expected = registrations.count + 2 * Self.perWriter
            #expect(try reader.count() == expected)
            var seqs: [Int64] = []
            var ids: [String] = []
            var recorded: [String] = []
            try reader.forEachEvent { seqs.append($0.seq); ids.append($0.id); recorded.append($0.recordedAt) }
            #expect(seqs == Array(1...Int64(expected)))
            #expect(Set(ids).count == expected)
            #expect(recorded == recorded.sorted())
            for writer in ["a", "b"] {
                let mine = ids.filter { $0.hasPrefix("\(writer)-") }
                #expect(mine == (1...Self.perWriter).map { "\(writer)-\($0)" }, "each writer's events keep its own order")
            }
            let report = try reader.verify(deep: true)
            #expect(report.isIntact)
            #expect(report.count == Int64(expected))
        }
    }

    @Test func concurrentBatchesLandWholeAndUninterleaved() async throws {
        try await withTemporaryLedger { path in
            _ = try EventStore.open(path: path).append(batch(registrations))
            let stores = [try EventStore.open(path: path), try EventStore.open(path: path)]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (writer, store) in zip(["a", "b"], stores) {
                    group.addTask {
                        for round in 1...10 {
                            let events = (1...5).map { valuation("\(writer)-\(round)-\($0)", company: "acme", date: "2020-01-01", usd("1")) }
                            _ = try store.append(batch(events))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let ids = try storedIDs(try EventStore.open(path: path)).dropFirst(registrations.count)
            #expect(ids.count == 100)
            // Every batch of five is contiguous in the log.
            for chunk in stride(from: ids.startIndex, to: ids.endIndex, by: 5) {
                let prefixes = Set(ids[chunk..<(chunk + 5)].map { $0.split(separator: "-").prefix(2).joined(separator: "-") })
                #expect(prefixes.count == 1)
            }
            #expect(try EventStore.open(path: path).verify().isIntact)
        }
    }
}
