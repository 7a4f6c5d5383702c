import Foundation

/// An incremental RFC 4180 CSV reader over UTF-8 bytes: feed it a file chunk by chunk and it returns each
/// record as soon as its line ends, holding only the record being read, so memory does not grow with the file.
///
/// It reads fields separated by a comma (or the ``separator`` given), quoted fields with embedded
/// separators, line breaks and doubled quotes (`""`), CRLF, LF and lone CR line ends, and skips a leading
/// UTF-8 byte order mark and blank lines (a record with one empty field is written `""`, as ``CSVWriter``
/// does). It checks that the input is UTF-8 and limits the fields per record and the bytes per field.
///
/// ```swift
/// var reader = CSVReader(separator: .semicolon)
/// var records = try reader.feed(Array("Nome;Città\r\nRossi;\"Milano".utf8))  // [["Nome", "Città"]]
/// records += try reader.feed(Array("\"\r\n".utf8))                           // [["Rossi", "Milano"]]
/// records += try reader.finish()                                             // []
/// ```
///
/// After an error every later call throws the same error; after ``finish()`` the reader starts over.
public struct CSVReader: Sendable {
    /// The default limit of fields in one record.
    public static let defaultMaxFieldCount = 10_000
    /// The default limit of bytes in one field (10 MiB).
    public static let defaultMaxFieldBytes = 10 * 1024 * 1024
    /// The size of the chunks ``forEachRecord(inFile:separator:_:)`` reads (64 KiB).
    public static let fileChunkSize = 64 * 1024

    /// The byte between fields.
    public let separator: CSVSeparator
    /// The most fields a record may have.
    public let maxFieldCount: Int
    /// The most bytes a field may hold (after removing quotes).
    public let maxFieldBytes: Int
    /// The records returned so far.
    public private(set) var recordCount = 0
    /// The bytes consumed so far, a byte order mark included (up to two leading bytes that may begin a byte
    /// order mark are counted once the next byte shows whether they do).
    public private(set) var byteCount = 0

    private enum State: Sendable {
        /// Before the first byte of a record.
        case recordStart
        /// After a separator.
        case fieldStart
        case unquoted
        case quoted
        /// After a quote inside a quoted field: a doubled quote, or the field's end.
        case quoteInQuoted
    }

    private static let quote = UInt8(ascii: "\"")
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private var state = State.recordStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var fieldStart = 0
    private var quoteOffset = 0
    /// The first bytes, held until it is clear whether they are a byte order mark.
    private var prefix: [UInt8] = []
    private var prefixChecked = false
    /// Continuation bytes still expected by the UTF-8 sequence being read, and the range the next one must
    /// fall in (narrower after E0, ED, F0 and F4, which excludes overlong forms, surrogates and values
    /// above U+10FFFF).
    private var utf8Pending = 0
    private var utf8Low: UInt8 = 0x80
    private var utf8High: UInt8 = 0xBF
    private var utf8Lead = 0
    private var failure: CSVError?

    /// Makes a reader.
    ///
    /// - Parameters:
    ///   - separator: the byte between fields, `,` by default.
    ///   - maxFieldCount: the most fields a record may have before ``CSVError/Code/tooManyFields`` (at
    ///     least 1).
    ///   - maxFieldBytes: the most bytes a field may hold before ``CSVError/Code/fieldTooLong`` (at least 0).
    public init(
        separator: CSVSeparator = .comma, maxFieldCount: Int = CSVReader.defaultMaxFieldCount,
        maxFieldBytes: Int = CSVReader.defaultMaxFieldBytes
    ) {
        self.separator = separator
        self.maxFieldCount = max(1, maxFieldCount)
        self.maxFieldBytes = max(0, maxFieldBytes)
    }

    /// Reads the next bytes of the input and returns the records they complete, in order. A record is
    /// complete when its line end has been read; the rest waits for the next call or ``finish()``.
    ///
    /// When the bytes hold an error, the records they completed before it are not returned; use
    /// ``feed(_:into:)`` to keep them.
    ///
    /// ```swift
    /// var reader = CSVReader()
    /// try reader.feed(Array("a,b\nc,".utf8))  // [["a", "b"]]
    /// try reader.finish()                     // [["c", ""]]
    /// ```
    public mutating func feed(_ bytes: some Collection<UInt8>) throws(CSVError) -> [[String]] {
        var records: [[String]] = []
        try feed(bytes, into: &records)
        return records
    }

    /// Reads the next bytes of the input and appends the records they complete to `records`. When the bytes
    /// hold an error, the records completed before it have been appended when the error is thrown.
    ///
    /// ```swift
    /// var reader = CSVReader()
    /// var records: [[String]] = []
    /// do { try reader.feed(Array("a\nb\"c\n".utf8), into: &records) }
    /// catch { records }  // [["a"]]; the error names record 2
    /// ```
    public mutating func feed(_ bytes: some Collection<UInt8>, into records: inout [[String]]) throws(CSVError) {
        if let failure { throw failure }
        let outcome = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(CSVError) in try self.consume(buffer, into: &records) }
        }
        let result = outcome ?? Array(bytes).withUnsafeBufferPointer { buffer in
            Result { () throws(CSVError) in try self.consume(buffer, into: &records) }
        }
        if case .failure(let error) = result {
            failure = error
            throw error
        }
    }

    /// Ends the input and returns the last record if its line had no line end. Throws when the input ends
    /// inside a quoted field or a UTF-8 sequence. The reader then starts over, as if new.
    ///
    /// ```swift
    /// var reader = CSVReader()
    /// _ = try reader.feed(Array("\"open".utf8))
    /// try reader.finish()  // throws .unterminatedQuote at byte 0
    /// ```
    public mutating func finish() throws(CSVError) -> [[String]] {
        if let failure { throw failure }
        var records: [[String]] = []
        do throws(CSVError) {
            if !prefixChecked {
                prefixChecked = true
                let held = prefix
                prefix = []
                try consumeHeld(held, into: &records)
            }
            if utf8Pending > 0 { throw error(.invalidUTF8, at: utf8Lead, "the input ends inside a UTF-8 sequence") }
            switch state {
            case .recordStart:
                break
            case .fieldStart, .unquoted, .quoteInQuoted:
                endField()
                endRecord(into: &records)
            case .quoted:
                throw error(.unterminatedQuote, at: fieldStart, "the quoted field opened here has no closing quote")
            }
        } catch {
            failure = error
            throw error
        }
        self = CSVReader(separator: separator, maxFieldCount: maxFieldCount, maxFieldBytes: maxFieldBytes)
        return records
    }

    /// Reads a whole CSV document held in memory.
    ///
    /// ```swift
    /// try CSVReader.records(in: Array("TITLE;OPPORTUNITY\r\nAcme;1500,50\r\n".utf8), separator: .semicolon)
    /// // [["TITLE", "OPPORTUNITY"], ["Acme", "1500,50"]]
    /// ```
    public static func records(in bytes: some Collection<UInt8>, separator: CSVSeparator = .comma) throws(CSVError) -> [[String]] {
        var reader = CSVReader(separator: separator)
        var records = try reader.feed(bytes)
        records += try reader.finish()
        return records
    }

    /// Reads a CSV file in 64 KiB chunks and calls `body` with each record in order, the header first; only
    /// one chunk and the records it completes are in memory at a time.
    ///
    /// Throws ``CSVError`` when the file cannot be read (``CSVError/Code/readFailed``) or is malformed (the
    /// records before the error have been passed to `body`), and rethrows what `body` throws, which stops
    /// the reading.
    ///
    /// ```swift
    /// var count = 0
    /// try CSVReader.forEachRecord(inFile: "/tmp/deals.csv", separator: .semicolon) { record in
    ///     count += 1
    /// }
    /// ```
    public static func forEachRecord(
        inFile path: String, separator: CSVSeparator = .comma, _ body: ([String]) throws -> Void
    ) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVError(.readFailed, "cannot open \(path) for reading")
        }
        defer { try? handle.close() }
        var reader = CSVReader(separator: separator)
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: fileChunkSize)
            } catch {
                throw CSVError(.readFailed, byteOffset: reader.byteCount, "cannot read \(path): \(error.localizedDescription)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            var records: [[String]] = []
            var failure: CSVError?
            do { try reader.feed(chunk, into: &records) } catch { failure = error }
            for record in records { try body(record) }
            if let failure { throw failure }
        }
        for record in try reader.finish() { try body(record) }
    }
}

extension CSVReader {
    private func error(_ code: CSVError.Code, at offset: Int, _ message: String) -> CSVError {
        CSVError(code, record: recordCount + 1, column: fields.count + 1, byteOffset: offset, message)
    }

    private mutating func consumeHeld(_ held: [UInt8], into records: inout [[String]]) throws(CSVError) {
        let result = held.withUnsafeBufferPointer { buffer in
            Result { () throws(CSVError) in try self.scan(buffer, into: &records) }
        }
        try result.get()
    }

    /// Skips a leading byte order mark (which may arrive split across chunks), then scans.
    private mutating func consume(_ input: UnsafeBufferPointer<UInt8>, into records: inout [[String]]) throws(CSVError) {
        var rest = input[...]
        if !prefixChecked {
            while prefix.count < Self.byteOrderMark.count, let byte = rest.first, byte == Self.byteOrderMark[prefix.count] {
                prefix.append(byte)
                rest = rest.dropFirst()
            }
            if prefix.count == Self.byteOrderMark.count {
                prefixChecked = true
                prefix = []
                byteCount = Self.byteOrderMark.count
            } else if rest.isEmpty {
                return  // still undecided: wait for more bytes
            } else {
                prefixChecked = true
                let held = prefix
                prefix = []
                try consumeHeld(held, into: &records)
            }
        }
        try scan(UnsafeBufferPointer(rebasing: rest), into: &records)
    }

    /// Checks one byte of a UTF-8 sequence: a lead byte (≥ 0x80) or a continuation byte the sequence expects.
    private mutating func checkUTF8(_ byte: UInt8, at offset: Int) throws(CSVError) {
        if utf8Pending > 0 {
            guard byte >= utf8Low, byte <= utf8High else {
                throw error(.invalidUTF8, at: utf8Lead, "an incomplete or ill-formed UTF-8 sequence starts here")
            }
            utf8Pending -= 1
            utf8Low = 0x80
            utf8High = 0xBF
            return
        }
        utf8Lead = offset
        switch byte {
        case 0xC2...0xDF: utf8Pending = 1
        case 0xE0: utf8Pending = 2; utf8Low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: utf8Pending = 2
        case 0xED: utf8Pending = 2; utf8High = 0x9F
        case 0xF0: utf8Pending = 3; utf8Low = 0x90
        case 0xF1...0xF3: utf8Pending = 3
        case 0xF4: utf8Pending = 3; utf8High = 0x8F
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            throw error(.invalidUTF8, at: offset, "byte 0x\(hex) cannot start a UTF-8 sequence")
        }
    }

    private mutating func appendToField(_ bytes: UnsafeBufferPointer<UInt8>) throws(CSVError) {
        guard !bytes.isEmpty else { return }
        guard field.count + bytes.count <= maxFieldBytes else {
            throw error(.fieldTooLong, at: fieldStart, "the field is longer than \(maxFieldBytes) bytes")
        }
        field.append(contentsOf: bytes)
    }

    private mutating func endField() {
        fields.append(String(decoding: field, as: UTF8.self))
        if field.capacity > 64 * 1024 { field = [] } else { field.removeAll(keepingCapacity: true) }
    }

    /// Ends a field at a separator and starts the next at `offset`.
    private mutating func nextField(at offset: Int) throws(CSVError) {
        endField()
        guard fields.count < maxFieldCount else {
            throw error(.tooManyFields, at: offset, "the record has more than \(maxFieldCount) fields")
        }
        state = .fieldStart
    }

    private mutating func endRecord(into records: inout [[String]]) {
        records.append(fields)
        fields = []
        recordCount += 1
        state = .recordStart
    }

    /// The state machine. Bytes of ordinary content are copied in runs; separators, quotes and line ends
    /// are ASCII, so they can never be part of a multi-byte UTF-8 sequence.
    private mutating func scan(_ input: UnsafeBufferPointer<UInt8>, into records: inout [[String]]) throws(CSVError) {
        let separator = separator.byte
        let base = byteCount
        let count = input.count
        var index = 0
        defer { byteCount = base + index }
        while index < count {
            switch state {
            case .recordStart, .fieldStart:
                let byte = input[index]
                if byte == Self.quote {
                    state = .quoted
                    fieldStart = base + index
                    index += 1
                } else if byte == separator {
                    index += 1
                    try nextField(at: base + index)
                } else if byte == Self.cr || byte == Self.lf {
                    // A line end after a separator ends the record's last (empty) field; at the start of a
                    // record it is a blank line, which is skipped.
                    if state == .fieldStart {
                        endField()
                        endRecord(into: &records)
                    }
                    index += 1
                } else {
                    state = .unquoted
                    fieldStart = base + index
                }
            case .unquoted:
                let start = index
                while index < count {
                    let byte = input[index]
                    if byte == separator || byte == Self.quote || byte == Self.cr || byte == Self.lf { break }
                    if byte >= 0x80 || utf8Pending > 0 { try checkUTF8(byte, at: base + index) }
                    index += 1
                }
                try appendToField(UnsafeBufferPointer(rebasing: input[start..<index]))
                guard index < count else { break }
                if utf8Pending > 0 { throw error(.invalidUTF8, at: utf8Lead, "an incomplete UTF-8 sequence starts here") }
                let byte = input[index]
                if byte == Self.quote {
                    throw error(.unexpectedQuote, at: base + index, "a quote inside an unquoted field (quote the field and double the quote)")
                }
                index += 1
                if byte == separator {
                    try nextField(at: base + index)
                } else {
                    endField()
                    endRecord(into: &records)
                }
            case .quoted:
                let start = index
                while index < count {
                    let byte = input[index]
                    if byte == Self.quote { break }
                    if byte >= 0x80 || utf8Pending > 0 { try checkUTF8(byte, at: base + index) }
                    index += 1
                }
                try appendToField(UnsafeBufferPointer(rebasing: input[start..<index]))
                guard index < count else { break }
                if utf8Pending > 0 { throw error(.invalidUTF8, at: utf8Lead, "an incomplete UTF-8 sequence starts here") }
                quoteOffset = base + index
                state = .quoteInQuoted
                index += 1
            case .quoteInQuoted:
                let byte = input[index]
                if byte == Self.quote {
                    guard field.count < maxFieldBytes else {
                        throw error(.fieldTooLong, at: fieldStart, "the field is longer than \(maxFieldBytes) bytes")
                    }
                    field.append(Self.quote)
                    state = .quoted
                    index += 1
                } else if byte == separator {
                    index += 1
                    try nextField(at: base + index)
                } else if byte == Self.cr || byte == Self.lf {
                    index += 1
                    endField()
                    endRecord(into: &records)
                } else {
                    throw error(.unexpectedQuote, at: quoteOffset, "a quote inside a quoted field must be doubled")
                }
            }
        }
    }
}
