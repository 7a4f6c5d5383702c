#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file opened with POSIX calls: every read, write and sync is explicit, and every failure is a
/// ``StoreError`` naming the file and the operating system's error.
///
/// Internal and `@unchecked Sendable`: the file store only touches it while holding its own lock, and the
/// positioned reads and writes it uses are safe from any thread.
final class POSIXFile: @unchecked Sendable {
    let path: String
    private(set) var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { if descriptor >= 0 { _ = close(descriptor) } }

    /// Opens (and with `create`, creates with mode 0600) a file for reading and writing.
    static func openFile(_ path: String, create: Bool) throws(StoreError) -> POSIXFile {
        let flags = O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0)
        let descriptor = open(path, flags, 0o600)
        guard descriptor >= 0 else { throw error("open", path) }
        if create { _ = fchmod(descriptor, 0o600) }
        return POSIXFile(path: path, descriptor: descriptor)
    }

    /// Whether a file exists at the path.
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The operating system's error for an operation, as a store error.
    static func error(_ operation: String, _ path: String, code: Int32 = errno) -> StoreError {
        let reason = String(cString: strerror(code))
        if code == EWOULDBLOCK { return StoreError(.locked, "\(path) is in use by another opener") }
        return StoreError(.io, "\(operation) \(path): \(reason) (errno \(code))")
    }

    /// The file's size in bytes.
    func size() throws(StoreError) -> Int64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Self.error("stat", path) }
        return Int64(info.st_size)
    }

    /// The file's permission bits.
    func mode() throws(StoreError) -> UInt32 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Self.error("stat", path) }
        return UInt32(info.st_mode) & 0o777
    }

    /// Reads `count` bytes at `offset` (fewer at the end of the file).
    func read(at offset: Int64, count: Int) throws(StoreError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let result = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress.map { $0 + done }, count - done, off_t(offset) + off_t(done))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw Self.error("read", path)
            }
            if result == 0 { break }
            done += result
        }
        return done == count ? buffer : Array(buffer[0..<done])
    }

    /// Reads the whole file.
    func readAll() throws(StoreError) -> [UInt8] { try read(at: 0, count: Int(try size())) }

    /// Writes all of `bytes` at `offset`; on failure the file may hold part of them.
    func write(_ bytes: [UInt8], at offset: Int64) throws(StoreError) {
        var done = 0
        while done < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                pwrite(descriptor, raw.baseAddress.map { $0 + done }, bytes.count - done, off_t(offset) + off_t(done))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw Self.error("write", path)
            }
            done += result
        }
    }

    /// Makes the file `length` bytes long.
    func truncate(to length: Int64) throws(StoreError) {
        guard ftruncate(descriptor, off_t(length)) == 0 else { throw Self.error("truncate", path) }
    }

    /// Flushes the file's data (and the metadata needed to read it) to stable storage.
    func syncData() throws(StoreError) {
        guard fdatasync(descriptor) == 0 else { throw Self.error("fdatasync", path) }
    }

    /// Flushes the file's data and metadata to stable storage.
    func sync() throws(StoreError) {
        guard fsync(descriptor) == 0 else { throw Self.error("fsync", path) }
    }

    /// Takes the exclusive lock without waiting; `locked` when someone holds it.
    func lockExclusively() throws(StoreError) {
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { throw Self.error("lock", path) }
    }

    /// Closes the file now.
    func closeDescriptor() {
        if descriptor >= 0 { _ = close(descriptor) }
        descriptor = -1
    }

    /// Syncs a directory, so renames and creations in it are durable.
    static func syncDirectory(_ path: String) throws(StoreError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw error("open directory", path) }
        defer { _ = close(descriptor) }
        guard fsync(descriptor) == 0 else { throw error("fsync directory", path) }
    }

    /// Renames a file over another, atomically.
    static func renameFile(_ from: String, to destination: String) throws(StoreError) {
        guard rename(from, destination) == 0 else { throw error("rename to \(destination)", from) }
    }

    /// Removes a file if it exists.
    static func removeFile(_ path: String) throws(StoreError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw error("remove", path) }
    }

    /// Creates a directory (mode 0700) and its parents if they do not exist.
    static func makeDirectory(_ path: String) throws(StoreError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0 && errno != EEXIST { throw error("create directory", current) }
        }
    }
}
