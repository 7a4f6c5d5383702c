import Foundation

/// Import rows from a CSV file whose header holds field codes, `crm.item` keys, or English or Italian field
/// titles. The file is read a chunk at a time. Cells are read as their field's type (`"1250.50"`, `"Y"`,
/// `"2026-03-02"`, ISO 8601 date-times); a multiple field's values are separated by `", "`; an empty cell is no
/// value; the apostrophe an export put before a formula-like cell (`'+39 06 ...`) is removed.
///
/// ```swift
/// let source = CSVImportSource(path: "deals.csv", entityType: .deal, separator: .semicolon)
/// ```
public struct CSVImportSource: ImportSource {
    /// The file.
    public let path: String
    /// The entity type the rows are.
    public let entityType: EntityType
    /// The separator.
    public let separator: CSVSeparator
    /// User fields, so their labels are understood as headers too.
    public let customFields: [CustomFieldDefinition]

    /// Makes a source.
    public init(path: String, entityType: EntityType, separator: CSVSeparator = .comma, customFields: [CustomFieldDefinition] = []) {
        self.path = path
        self.entityType = entityType
        self.separator = separator
        self.customFields = customFields
    }

    public func forEachRow(_ body: (Result<ImportRow, ImportError>) async throws -> Void) async throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError([ImportProblem(row: 0, field: nil, message: "cannot read \(path)")])
        }
        defer { try? handle.close() }
        var reader = CSVReader(separator: separator)
        var header: CSVHeader?
        var number = 0
        let fields = entityType.fields
        var finished = false
        while !finished {
            let chunk = try handle.read(upToCount: CSVReader.fileChunkSize) ?? Data()
            var records: [[String]] = []
            do {
                if chunk.isEmpty {
                    records = try reader.finish()
                    finished = true
                } else {
                    try reader.feed(chunk, into: &records)
                }
            } catch {
                throw ImportError([ImportProblem(row: max(0, (error.record ?? 1) - 1), field: nil, message: error.description)])
            }
            for record in records {
                guard let known = header else {
                    do {
                        header = try CSVHeader(record, entityType: entityType, customFields: customFields)
                    } catch {
                        throw ImportError([ImportProblem(row: 0, field: nil, message: "header: \(error)")])
                    }
                    continue
                }
                number += 1
                try await body(
                    Self.row(record, header: known, number: number, fields: fields, customFields: customFields.filter { $0.entityType == entityType }))
            }
        }
    }

    static func row(
        _ cells: [String], header: CSVHeader, number: Int, fields: [FieldDescriptor], customFields: [CustomFieldDefinition] = []
    ) -> Result<ImportRow, ImportError> {
        guard cells.count <= header.codes.count else {
            return .failure(
                ImportError([ImportProblem(row: number, field: nil, message: "\(cells.count) cells for \(header.codes.count) columns")]))
        }
        var values: [FieldCode: FieldValue] = [:]
        var problems: [ImportProblem] = []
        for (index, rawCell) in cells.enumerated() {
            let code = header.codes[index]
            // Undo the export's guard against formulas: "'+39 06 ..." was written for "+39 06 ...".
            var cell = rawCell
            if cell.hasPrefix("'"), let next = cell.dropFirst().first, "=+-@\t\r".contains(next) { cell.removeFirst() }
            guard let descriptor = fields.first(where: { $0.code == code }) else {
                if let definition = customFields.first(where: { $0.code == code }) {
                    do {
                        values[code] = try RESTValueConverter.convert(.string(cell), for: definition, currencies: .bitrix24Defaults)
                    } catch {
                        problems.append(ImportProblem(row: number, field: code, message: error.message))
                    }
                } else if !cell.isEmpty {
                    values[code] = .string(cell)
                }
                continue
            }
            if cell.isEmpty {
                values[code] = descriptor.isMultiple ? .list([]) : .null
                continue
            }
            do {
                if descriptor.isMultiple {
                    var list: [FieldValue] = []
                    for part in cell.split(separator: ",").map({ $0.trimmingWhitespace }) where !part.isEmpty {
                        list.append(try cellValue(String(part), descriptor: descriptor))
                    }
                    values[code] = .list(list)
                } else {
                    values[code] = try cellValue(cell, descriptor: descriptor)
                }
            } catch {
                problems.append(ImportProblem(row: number, field: code, message: error.message))
            }
        }
        return problems.isEmpty ? .success(ImportRow(number: number, values: values)) : .failure(ImportError(problems))
    }

    private static func cellValue(_ cell: String, descriptor: FieldDescriptor) throws(QueryError) -> FieldValue {
        var single = descriptor
        single.flags.remove(.multiple)
        if descriptor.type == .crmMultifield {
            return .multifield(Multifield(value: cell, valueType: "WORK"))
        }
        return try RESTValueConverter.convert(.string(cell), for: single)
    }
}

extension Substring {
    var trimmingWhitespace: String { String(self).trimmingWhitespace }
}
