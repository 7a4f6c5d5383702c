import Foundation

/// A fresh directory under the system's temporary directory, removed when the test's value is dropped.
final class TemporaryDirectory: Sendable {
    let path: String

    init(_ label: String = "crmkit") {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)").path
    }

    /// A path inside the directory.
    func appending(_ component: String) -> String { path + "/" + component }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
