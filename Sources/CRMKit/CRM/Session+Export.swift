import Foundation

extension Session {
    /// Exports the items of a type the user may read and export, in pages, handing the bytes to `write` as they
    /// are produced (so memory does not grow with the number of items). Contacts are exported only when
    /// "included in export" is set, as Bitrix24 does. Returns how many items were written.
    ///
    /// ```swift
    /// let handle = FileHandle(forWritingAtPath: "deals.csv")!
    /// let count = try await session.export(.deal, options: ExportOptions(format: .csv, language: .italian)) { bytes in
    ///     try handle.write(contentsOf: bytes)
    /// }
    /// ```
    @discardableResult
    public func export(_ type: EntityType, options: ExportOptions = ExportOptions(), to write: ([UInt8]) throws -> Void)
        async throws -> Int
    {
        switch type {
        case .lead: try await export(Lead.self, options: options, to: write)
        case .deal: try await export(Deal.self, options: options, to: write)
        case .contact: try await export(Contact.self, options: options, to: write)
        case .company: try await export(Company.self, options: options, to: write)
        case .quote: try await export(Quote.self, options: options, to: write)
        case .invoice: try await export(Invoice.self, options: options, to: write)
        case .product: try await export(Product.self, options: options, to: write)
        }
    }

    private func export<Entity: CRMEntity>(_ type: Entity.Type, options: ExportOptions, to write: ([UInt8]) throws -> Void)
        async throws -> Int
    {
        let pipeline = SavePipeline(workspace: workspace, user: user, source: source)
        _ = try pipeline.authorize(.export, AccessSubject(entityType: Entity.entityType))
        let definitions = workspace.configuration.customFields.filter { $0.entityType == Entity.entityType }
        let defaultFields = Entity.schema.fields.filter(\.isLegacy).map(\.code) + definitions.map(\.code)
        let fields = try (options.fields ?? defaultFields).map { code throws -> FieldDescriptor in
            if let definition = definitions.first(where: { $0.code == code }) { return definition.descriptor }
            guard let descriptor = Entity.schema[code], descriptor.isLegacy else {
                throw ValidationError(.unknownField, field: code, "\(Entity.entityType) has no exportable field \(code)")
            }
            return descriptor
        }
        let timeZone = options.timeZoneIdentifier.flatMap(TimeZone.init(identifier:)) ?? workspace.settings.timeZone
        let encoder = RESTItemEncoder(timeZone: timeZone)
        var csv = CSVWriter(byteOrderMark: options.byteOrderMark)
        switch options.format {
        case .csv: try write(csv.write(CSVHeader.cells(for: fields, language: options.language)))
        case .rest: try write(Array(#"{"result":["#.utf8))
        case .jsonLines: break
        }
        var filter = options.filter
        if Entity.entityType == .contact {
            let exportable = Filter.equal("EXPORT", .bool(true))
            filter = filter.map { .and([$0, exportable]) } ?? exportable
        }
        let policy = workspace.accessPolicy
        var written = 0
        var offset = 0
        let pageSize = 500
        while true {
            let page = try await list(Entity.self, filter: filter, order: [.ascending("ID")], limit: pageSize, offset: offset)
            for stored in page.items {
                guard policy.decide(AccessRequest(user: user, operation: .export, subject: AccessSubject(stored.item))).isAllowed,
                    let item = AnyItem(stored.item)
                else { continue }
                let json = encoder.encode(item)
                switch options.format {
                case .csv:
                    try write(csv.write(fields.map { Self.cell(json[$0.code.rawValue] ?? .null) }))
                case .jsonLines:
                    try write(Array((Self.select(json, fields).serialized() + "\n").utf8))
                case .rest:
                    try write(Array(((written == 0 ? "" : ",") + Self.select(json, fields).serialized()).utf8))
                }
                written += 1
            }
            offset += page.items.count
            if page.items.count < pageSize { break }
        }
        if options.format == .rest { try write(Array(#"],"total":\#(written)}"#.utf8)) }
        return written
    }

    private static func select(_ json: JSONValue, _ fields: [FieldDescriptor]) -> JSONValue {
        .object(fields.map { ($0.code.rawValue, json[$0.code.rawValue] ?? .null) })
    }

    /// A REST value as CSV cell text: strings as they are, multiple values joined with ", ".
    static func cell(_ value: JSONValue) -> String {
        switch value {
        case .null: ""
        case .string(let text): text
        case .bool(let flag): flag ? "Y" : "N"
        case .integer(let number): String(number)
        case .double(let number): String(number)
        case .array(let elements): elements.map(cell).filter { !$0.isEmpty }.joined(separator: ", ")
        case .object: value["VALUE"]?.stringValue ?? value.serialized()
        }
    }
}
