import Foundation

/// Reads what ``BinaryWriter`` wrote, from a byte array that starts at `base` in its file, so every
/// problem names the file's byte offset. Reading stops at `end`: a reader over a whole file can be limited
/// to one frame's payload without copying it.
struct BinaryReader {
    let bytes: [UInt8]
    let base: Int64
    var position: Int
    /// Where the readable bytes end (at most `bytes.count`).
    let end: Int

    init(_ bytes: [UInt8], base: Int64 = 0, position: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.base = base
        self.position = position
        self.end = min(end ?? bytes.count, bytes.count)
    }

    var isAtEnd: Bool { position >= end }

    /// The file offset of the next byte.
    var offset: Int64 { base + Int64(position) }

    func failure(_ message: String) -> FormatError { FormatError(offset: offset, message: message) }

    mutating func u8() throws(FormatError) -> UInt8 {
        guard position < end else { throw failure("unexpected end of data") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u32() throws(FormatError) -> UInt32 {
        guard position + 4 <= end else { throw failure("unexpected end of data") }
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[position + index]) << UInt32(index * 8) }
        position += 4
        return value
    }

    mutating func u64() throws(FormatError) -> UInt64 {
        guard position + 8 <= end else { throw failure("unexpected end of data") }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[position + index]) << UInt64(index * 8) }
        position += 8
        return value
    }

    mutating func varint() throws(FormatError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try u8()
            guard shift < 64 else { throw failure("varint too long") }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// A count or length, checked against what is left.
    mutating func count(_ what: String) throws(FormatError) -> Int {
        let value = try varint()
        guard value <= UInt64(max(0, end - position)) else { throw failure("\(what) \(value) exceeds the remaining data") }
        return Int(value)
    }

    mutating func signed() throws(FormatError) -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func data() throws(FormatError) -> [UInt8] {
        let length = try count("length")
        defer { position += length }
        return Array(bytes[position..<(position + length)])
    }

    mutating func string() throws(FormatError) -> String {
        let length = try count("string length")
        guard let text = String(validating: bytes[position..<(position + length)], as: UTF8.self) else {
            throw failure("invalid UTF-8 in a string")
        }
        position += length
        return text
    }
}

/// Bytes that do not decode, at a file offset.
struct FormatError: Error, Sendable {
    var offset: Int64
    var message: String
}
