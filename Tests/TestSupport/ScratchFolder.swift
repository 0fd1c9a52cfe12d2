import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A temporary folder for one test's files, removed when the value is released.
public final class ScratchFolder: @unchecked Sendable {
    public let url: URL
    public var path: String { url.path }

    public init(_ label: String = "ledger-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        // Readable and traversable by `nobody`, for the permission tests.
        chmod(url.path, 0o755)
    }

    /// The path of `name` inside the folder.
    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` to `name` (creating its folders) and returns its path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = file(name)
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes `text` as UTF-8 to `name` and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    deinit {
        // Undo permission changes a test may have left, then remove everything.
        if let walker = FileManager.default.enumerator(atPath: url.path) {
            for case let name as String in walker { chmod(url.appendingPathComponent(name).path, 0o755) }
        }
        chmod(url.path, 0o755)
        try? FileManager.default.removeItem(at: url)
    }
}

/// Runs `body` with a fresh scratch folder, removed afterwards.
public func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let folder = try ScratchFolder("ledger-tests")
    defer { withExtendedLifetime(folder) {} }
    return try await body(folder.url)
}

/// Runs `body` with the path of a fresh ledger file, removed afterwards.
public func withTemporaryLedger<T>(_ body: (String) async throws -> T) async throws -> T {
    let folder = try ScratchFolder("ledger-tests")
    defer { withExtendedLifetime(folder) {} }
    return try await body(folder.file("ledger.sqlite"))
}
