/// A snapshot file's bytes, kept in memory after opening so its records and index postings are decoded when
/// first needed rather than all at once. Every frame's checksum was checked when the file was read.
final class SnapshotSource: Sendable {
    let bytes: [UInt8]
    /// The field dictionary of the file's header, which its records' tags refer to.
    let dictionary: FieldDictionary
    let path: String

    init(bytes: [UInt8], dictionary: FieldDictionary, path: String) {
        self.bytes = bytes
        self.dictionary = dictionary
        self.path = path
    }

    /// A reader of the bytes in `range`, naming file offsets in its errors.
    func reader(_ range: Range<Int>) -> BinaryReader {
        BinaryReader(bytes, position: range.lowerBound, end: range.upperBound)
    }

    /// The store error for bytes that do not decode.
    func corrupted(_ error: FormatError) -> StoreError {
        StoreError(.corrupted, "\(path) at byte \(error.offset): \(error.message)")
    }
}
