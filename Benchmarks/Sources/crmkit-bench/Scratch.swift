import Foundation

/// A scratch directory for the stores and databases of one harness run, removed at the end.
struct Scratch {
    let root: String
    private var counter = 0

    init() throws {
        root = NSTemporaryDirectory() + "crmkit-bench-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    /// A fresh path that does not exist yet.
    mutating func path(_ name: String) -> String {
        counter += 1
        return root + "/\(counter)-\(name)"
    }

    func remove(_ path: String) {
        let manager = FileManager.default
        for suffix in ["", "-wal", "-shm"] { try? manager.removeItem(atPath: path + suffix) }
    }

    func removeAll() { try? FileManager.default.removeItem(atPath: root) }

    /// The bytes of a file or of every file under a directory.
    static func size(of path: String) -> Int64 {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return 0 }
        if !isDirectory.boolValue {
            return (try? manager.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
        }
        var total: Int64 = 0
        for name in (try? manager.subpathsOfDirectory(atPath: path)) ?? [] {
            total += (try? manager.attributesOfItem(atPath: path + "/" + name)[.size] as? Int64) ?? 0
        }
        return total
    }
}
