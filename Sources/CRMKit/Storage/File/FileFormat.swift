import Foundation

/// The file store's on-disk format: file headers and frames.
///
/// A header is `magic (8 bytes) | format version u32 | sequence u64 | field dictionary (length-prefixed) |
/// CRC32C u32` of everything before the CRC. A frame is `length u32 | CRC32C u32 | sequence u64 | payload`,
/// where the CRC covers the sequence and the payload. All integers are little-endian.
enum FileFormat {
    /// The version this library writes and the newest it reads. Version 1 stored timeline lines as JSON;
    /// version 2 stores them in binary; version 3 adds pending work (delayed rules, the effects outbox) and the
    /// automation provenance of history lines; version 4 length-prefixes snapshot records and stores each
    /// table's indexes in the snapshot. All are read; a store in an older version is rewritten in the current
    /// one when it is opened, so no file mixes versions.
    static let version: UInt32 = 4
    static let journalMagic = Array("CRMKJRNL".utf8)
    static let snapshotMagic = Array("CRMKSNAP".utf8)
    /// Length, CRC and sequence.
    static let frameHeaderSize = 16
    /// The largest frame payload accepted (a guard against reading garbage lengths).
    static let maximumPayload = 1 << 30

    struct Header {
        var version: UInt32
        var sequence: UInt64
        var dictionary: FieldDictionary
        /// Where the first frame starts.
        var size: Int
    }

    static func header(magic: [UInt8], sequence: UInt64, dictionary: FieldDictionary = .current) -> [UInt8] {
        var writer = BinaryWriter()
        writer.bytes += magic
        writer.u32(version)
        writer.u64(sequence)
        var dictionaryWriter = BinaryWriter()
        dictionary.encode(into: &dictionaryWriter)
        writer.data(dictionaryWriter.bytes)
        writer.u32(CRC32C.checksum(writer.bytes))
        return writer.bytes
    }

    /// Reads and checks a header; `corrupted` for a bad magic or checksum, `unsupportedFormat` for a newer
    /// version or fields this library does not know.
    static func readHeader(_ bytes: [UInt8], magic: [UInt8], path: String) throws(StoreError) -> Header {
        var reader = BinaryReader(bytes)
        do {
            guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
                throw StoreError(.corrupted, "\(path) at byte 0: not a CRMKit \(magic == journalMagic ? "journal" : "snapshot") file")
            }
            reader.position = magic.count
            let version = try reader.u32()
            let sequence = try reader.u64()
            let dictionaryBytes = try reader.data()
            let checksumOffset = reader.position
            let stored = try reader.u32()
            guard CRC32C.checksum(bytes[0..<checksumOffset]) == stored else {
                throw StoreError(.corrupted, "\(path) at byte \(checksumOffset): header checksum mismatch")
            }
            guard version <= FileFormat.version else {
                throw StoreError(
                    .unsupportedFormat,
                    "\(path) was written in format version \(version) by a newer CRMKit; this library reads up to version \(FileFormat.version)")
            }
            var dictionaryReader = BinaryReader(dictionaryBytes, base: Int64(checksumOffset - dictionaryBytes.count))
            let dictionary = try FieldDictionary.decode(from: &dictionaryReader)
            let unknown = dictionary.unknownCodes()
            guard unknown.isEmpty else {
                throw StoreError(
                    .unsupportedFormat,
                    "\(path) holds fields this library does not know (\(unknown.prefix(5).joined(separator: ", "))): it was written by a newer CRMKit")
            }
            return Header(version: version, sequence: sequence, dictionary: dictionary, size: reader.position)
        } catch let error as FormatError {
            throw StoreError(.corrupted, "\(path) at byte \(error.offset): header \(error.message)")
        } catch {
            throw error as? StoreError ?? StoreError(.corrupted, "\(path): \(error)")
        }
    }

    static func frame(sequence: UInt64, payload: [UInt8]) -> [UInt8] {
        var sequenceBytes = BinaryWriter(capacity: 8)
        sequenceBytes.u64(sequence)
        var crc = CRC32C.checksum(sequenceBytes.bytes)
        crc = CRC32C.checksum(payload, continuing: crc)
        var writer = BinaryWriter(capacity: payload.count + frameHeaderSize)
        writer.u32(UInt32(payload.count))
        writer.u32(crc)
        writer.bytes += sequenceBytes.bytes
        writer.bytes += payload
        return writer.bytes
    }

    /// What reading a frame at an offset found.
    enum FrameRead {
        /// A whole frame with a good checksum.
        case frame(sequence: UInt64, payload: [UInt8], next: Int)
        /// Fewer bytes than the frame needs: the end of the data.
        case incomplete
        /// A whole frame whose checksum does not match.
        case damaged
    }

    static func readFrame(_ bytes: [UInt8], at offset: Int) -> FrameRead {
        switch checkFrame(bytes, at: offset) {
        case .frame(let sequence, let payload, let next): .frame(sequence: sequence, payload: Array(bytes[payload]), next: next)
        case .incomplete: .incomplete
        case .damaged: .damaged
        }
    }

    /// What checking a frame in place found.
    enum FrameCheck {
        /// A whole frame with a good checksum, and where its payload lies in the bytes.
        case frame(sequence: UInt64, payload: Range<Int>, next: Int)
        case incomplete
        case damaged
    }

    /// ``readFrame(_:at:)`` without copying the payload.
    static func checkFrame(_ bytes: [UInt8], at offset: Int) -> FrameCheck {
        guard offset + frameHeaderSize <= bytes.count else { return .incomplete }
        var reader = BinaryReader(bytes, position: offset)
        guard let length = try? reader.u32(), let stored = try? reader.u32(), let sequence = try? reader.u64() else {
            return .incomplete
        }
        guard Int(length) <= maximumPayload else { return offset + frameHeaderSize + Int(length) > bytes.count ? .incomplete : .damaged }
        let end = offset + frameHeaderSize + Int(length)
        guard end <= bytes.count else { return .incomplete }
        let crc = CRC32C.checksum(bytes[(offset + frameHeaderSize)..<end], continuing: CRC32C.checksum(bytes[(offset + 8)..<(offset + 16)]))
        guard crc == stored else { return .damaged }
        return .frame(sequence: sequence, payload: (offset + frameHeaderSize)..<end, next: end)
    }

    /// The offset of the first whole, checksummed frame after `offset` whose sequence is in `sequences`, if any.
    static func nextValidFrame(_ bytes: [UInt8], after offset: Int, sequences: ClosedRange<UInt64>) -> Int? {
        var candidate = offset + 1
        while candidate + frameHeaderSize <= bytes.count {
            var reader = BinaryReader(bytes, position: candidate)
            if let length = try? reader.u32(), let _ = try? reader.u32(), let sequence = try? reader.u64(),
                sequences.contains(sequence), candidate + frameHeaderSize + Int(length) <= bytes.count,
                case .frame = readFrame(bytes, at: candidate)
            {
                return candidate
            }
            candidate += 1
        }
        return nil
    }
}
