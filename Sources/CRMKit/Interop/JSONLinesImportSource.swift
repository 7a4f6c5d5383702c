import Foundation

/// Import rows from a file: JSON Lines (one object per line, legacy codes or `crm.item` keys), or a saved
/// REST list response (`{"result": [...]}` or `{"result": {"items": [...]}}`). Both are read a chunk at a time,
/// record by record, so memory does not grow with the file (a single-item `*.get` response is read whole).
///
/// ```swift
/// let source = JSONImportSource(path: "deals.jsonl", format: .jsonLines, entityType: .deal)
/// ```
public struct JSONImportSource: ImportSource {
    /// The file formats.
    public enum Format: String, Sendable, CaseIterable {
        /// One JSON object per line.
        case jsonLines = "jsonl"
        /// A REST list (or get) response.
        case rest
    }

    /// The file.
    public let path: String
    /// Its format.
    public let format: Format
    /// The entity type the records are.
    public let entityType: EntityType
    /// User field definitions: their values are read as their types.
    public let customFields: [CustomFieldDefinition]

    /// Makes a source.
    public init(path: String, format: Format, entityType: EntityType, customFields: [CustomFieldDefinition] = []) {
        self.path = path
        self.format = format
        self.entityType = entityType
        self.customFields = customFields
    }

    public func forEachRow(_ body: (Result<ImportRow, ImportError>) async throws -> Void) async throws {
        switch format {
        case .rest:
            // List responses stream record by record; a single-item response is read whole.
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw ImportError([ImportProblem(row: 0, field: nil, message: "cannot read \(path)")])
            }
            defer { try? handle.close() }
            var streamer = RESTListStreamer()
            var number = 0
            var head: [UInt8] = []
            while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                let bytes = Array(chunk)
                if !streamer.foundList, head.count < 1 << 24 { head += bytes }
                for record in streamer.feed(bytes) {
                    number += 1
                    try await body(ImportRowReader.row(line: record, number: number, byteOffset: 0, entityType: entityType, customFields: customFields))
                }
            }
            if streamer.foundList {
                guard streamer.isComplete else {
                    throw ImportError([ImportProblem(row: number + 1, field: nil, message: "the response ends before its list does (byte \(streamer.offset)): the file is truncated or malformed")])
                }
                return
            }
            let json: JSONValue
            do { json = try JSONValue(parsing: head) } catch {
                throw ImportError([ImportProblem(row: 0, field: nil, message: "\(error)")])
            }
            guard let result = json["result"] else {
                throw ImportError([ImportProblem(row: 0, field: nil, message: "the response has no \"result\"")])
            }
            try await body(ImportRowReader.row(result["item"] ?? result, number: 1, entityType: entityType, customFields: customFields))
        case .jsonLines:
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw ImportError([ImportProblem(row: 0, field: nil, message: "cannot read \(path)")])
            }
            defer { try? handle.close() }
            var buffer: [UInt8] = []
            var start = 0
            var scanned = 0
            var number = 0
            var offset = 0
            let maximumLine = 16 << 20
            while true {
                let chunk = try handle.read(upToCount: 1 << 16) ?? Data()
                if start > 0 {
                    buffer.removeSubrange(0..<start)
                    scanned -= start
                    start = 0
                }
                buffer += chunk
                while let newline = buffer[scanned...].firstIndex(of: 10) {
                    number += 1
                    let line = Array(buffer[start..<newline])
                    start = newline + 1
                    scanned = start
                    defer { offset += line.count + 1 }
                    if line.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) { continue }
                    try await body(ImportRowReader.row(line: line, number: number, byteOffset: offset, entityType: entityType, customFields: customFields))
                }
                scanned = buffer.count
                if buffer.count - start > maximumLine {
                    throw ImportError([ImportProblem(row: number + 1, field: nil, message: "a line is longer than \(maximumLine) bytes")])
                }
                if chunk.isEmpty { break }
            }
            let rest = Array(buffer[start...])
            if !rest.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 || $0 == 10 }) {
                number += 1
                try await body(ImportRowReader.row(line: rest, number: number, byteOffset: offset, entityType: entityType, customFields: customFields))
            }
        }
    }
}

/// Turns JSON objects into import rows, reading each value as its field's type.
enum ImportRowReader {
    static func row(
        line: [UInt8], number: Int, byteOffset: Int, entityType: EntityType, customFields: [CustomFieldDefinition]
    ) -> Result<ImportRow, ImportError> {
        let json: JSONValue
        do { json = try JSONValue(parsing: line) } catch {
            return .failure(
                ImportError([ImportProblem(row: number, field: nil, message: "malformed JSON at byte \(byteOffset + error.offset) of the file: \(error.message)")]))
        }
        return row(json, number: number, entityType: entityType, customFields: customFields)
    }

    static func row(_ json: JSONValue, number: Int, entityType: EntityType, customFields: [CustomFieldDefinition] = [])
        -> Result<ImportRow, ImportError>
    {
        guard case .object(let members) = json else {
            return .failure(ImportError([ImportProblem(row: number, field: nil, message: "a record is a JSON object")]))
        }
        var values: [FieldCode: FieldValue] = [:]
        values.reserveCapacity(members.count)
        var problems: [ImportProblem] = []
        var ignored: [String] = []
        for member in members {
            if member.key == "fm" {
                do {
                    for (code, list) in try RESTValueConverter.multifields(fromFM: member.value) { values[code] = list }
                } catch {
                    problems.append(ImportProblem(row: number, field: "fm", message: error.message))
                }
                continue
            }
            if let code = RESTItemDecoder.customFieldCode(member.key) {
                if let definition = customFields.first(where: { $0.code == code && $0.entityType == entityType }) {
                    do {
                        values[code] = try RESTValueConverter.convert(member.value, for: definition, currencies: .bitrix24Defaults)
                    } catch {
                        problems.append(ImportProblem(row: number, field: code, message: error.message))
                    }
                } else {
                    do {
                        values[code] = try RESTValueConverter.untypedValue(member.value, field: code)
                    } catch {
                        problems.append(ImportProblem(row: number, field: code, message: error.message))
                    }
                }
                continue
            }
            guard let descriptor = entityType.field(FieldCode(rawValue: member.key)) else {
                ignored.append(member.key)
                continue
            }
            var value = member.value
            if case .string("") = value { value = .null }
            if RESTValueConverter.isNoLink(value, for: descriptor) { value = .null }
            do {
                values[descriptor.code] = try RESTValueConverter.convert(value, for: descriptor)
            } catch {
                problems.append(ImportProblem(row: number, field: descriptor.code, message: error.message))
            }
        }
        if !problems.isEmpty { return .failure(ImportError(problems)) }
        return .success(ImportRow(number: number, values: values, ignored: ignored))
    }
}
