import TestSupport
import Foundation

/// Finds the outside programs the browser test needs (children run through TestSupport's `ChildRun`).
enum Tooling {
    /// The first Chromium-like browser on PATH (or $CHROMIUM), as `Tools/render-report` looks for it.
    static var chromium: String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["CHROMIUM"], FileManager.default.isExecutableFile(atPath: explicit) { return explicit }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return folder + "/" + name
            }
        }
        return nil
    }
}
