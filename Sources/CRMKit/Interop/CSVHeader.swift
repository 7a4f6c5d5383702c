import Foundation

/// The field each column of a CSV file holds, read from the file's header record.
///
/// A header cell may name a field by its legacy code (`TITLE`), its `crm.item` key (`title`), or its title in
/// English (`Title`) or Italian (`Nome dell'elemento`), ignoring case and surrounding spaces. Codes and keys
/// are tried first, titles second, so a title never hides a code. A user field is named by its `UF_CRM_*`
/// code (accepted whatever the field list holds, and upper-cased) or, when its definition is given, by its
/// label.
///
/// ```swift
/// let header = try CSVHeader(["Nome dell'elemento", "Fase", "Persona responsabile", "UF_CRM_REGION"],
///                            entityType: .deal)
/// header.codes  // ["TITLE", "STAGE_ID", "ASSIGNED_BY_ID", "UF_CRM_REGION"]
/// ```
///
/// A cell that names nothing is ``CSVError/Code/unknownColumn``; one whose title belongs to several fields
/// (a company's `Legal Address` is both `ADDRESS_LEGAL` and `REG_ADDRESS`) is
/// ``CSVError/Code/ambiguousColumn`` (use the code instead); two cells naming the same field are
/// ``CSVError/Code/duplicateColumn``. Each error names the column (from 1) and its text.
public struct CSVHeader: Hashable, Sendable {
    /// The field code of each column, in column order.
    public var codes: [FieldCode]

    /// A header with the given columns.
    public init(codes: [FieldCode]) {
        self.codes = codes
    }

    /// Maps header cells to the fields of a list, such as `EntityType.deal.fields`.
    ///
    /// ```swift
    /// try CSVHeader(["title", "  OPPORTUNITY "], fields: EntityType.deal.fields).codes  // ["TITLE", "OPPORTUNITY"]
    /// ```
    public init(_ cells: [String], fields: [FieldDescriptor]) throws(CSVError) {
        var identifiers: [String: [FieldCode]] = [:]
        var titles: [String: [FieldCode]] = [:]
        func add(_ name: String?, _ code: FieldCode, to table: inout [String: [FieldCode]]) {
            guard let name else { return }
            let key = Self.normalized(name)
            guard !key.isEmpty else { return }
            if !table[key, default: []].contains(code) { table[key, default: []].append(code) }
        }
        for field in fields {
            add(field.code.rawValue, field.code, to: &identifiers)
            add(field.itemKey, field.code, to: &identifiers)
            add(field.title.english, field.code, to: &titles)
            add(field.title.italian, field.code, to: &titles)
        }
        var columnOf: [FieldCode: Int] = [:]
        var codes: [FieldCode] = []
        for (index, cell) in cells.enumerated() {
            let column = index + 1
            let key = Self.normalized(cell)
            let candidates = identifiers[key] ?? titles[key] ?? Self.userFieldCode(cell).map { [$0] } ?? []
            guard let code = candidates.first else {
                throw CSVError(.unknownColumn, record: 1, column: column, text: cell, "column \(column) \"\(cell)\" names no field")
            }
            guard candidates.count == 1 else {
                let names = candidates.map(\.rawValue).joined(separator: ", ")
                throw CSVError(
                    .ambiguousColumn, record: 1, column: column, text: cell, fields: candidates,
                    "column \(column) \"\(cell)\" could be any of \(names); name it by its code")
            }
            if let earlier = columnOf[code] {
                throw CSVError(
                    .duplicateColumn, record: 1, column: column, text: cell, fields: [code],
                    "column \(column) \"\(cell)\" names \(code), as column \(earlier) does")
            }
            columnOf[code] = column
            codes.append(code)
        }
        self.codes = codes
    }

    /// Maps header cells to the system fields of an entity type and the user fields defined for it (their
    /// labels serve as titles; definitions for other entity types are ignored).
    ///
    /// ```swift
    /// let region = try CustomFieldDefinition(code: "UF_CRM_REGION", entityType: .deal, type: .string,
    ///                                        label: LocalizedText("Region", italian: "Regione"))
    /// try CSVHeader(["Fase", "Regione"], entityType: .deal, customFields: [region]).codes
    /// // ["STAGE_ID", "UF_CRM_REGION"]
    /// ```
    public init(_ cells: [String], entityType: EntityType, customFields: [CustomFieldDefinition] = []) throws(CSVError) {
        var fields = entityType.fields
        for definition in customFields where definition.entityType == entityType {
            var descriptor = definition.descriptor
            descriptor.title = definition.label
            fields.append(descriptor)
        }
        try self.init(cells, fields: fields)
    }

    /// The position (from 0) of the column holding a field, or nil.
    ///
    /// ```swift
    /// let stage = header.index(of: "STAGE_ID").map { record[$0] }
    /// ```
    public func index(of code: FieldCode) -> Int? {
        codes.firstIndex(of: code)
    }

    /// The header cells for a list of fields: their codes (`language` nil), or their titles in a language
    /// (Italian falls back to English where a field has no Italian title).
    ///
    /// Titles are for people; two fields may share one (a company's `Legal Address`), and such a header does
    /// not read back. Write codes for files meant to be imported again.
    ///
    /// ```swift
    /// let fields = [Deal.schema["TITLE"]!, Deal.schema["STAGE_ID"]!]
    /// CSVHeader.cells(for: fields, language: nil)       // ["TITLE", "STAGE_ID"]
    /// CSVHeader.cells(for: fields, language: .italian)  // ["Nome dell'elemento", "Fase"]
    /// ```
    public static func cells(for fields: [FieldDescriptor], language: Language?) -> [String] {
        fields.map { field in language.map { field.title.text(in: $0) } ?? field.code.rawValue }
    }

    private static func normalized(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// `UF_CRM_` followed by letters, digits or underscores, in any case, as an upper-case code.
    private static func userFieldCode(_ cell: String) -> FieldCode? {
        let trimmed = cell.trimmingCharacters(in: .whitespacesAndNewlines)
        let valid = trimmed.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
        let code = trimmed.uppercased()
        let prefix = "UF_CRM_"
        guard valid, code.hasPrefix(prefix), code.utf8.count > prefix.utf8.count else { return nil }
        return FieldCode(rawValue: code)
    }
}
