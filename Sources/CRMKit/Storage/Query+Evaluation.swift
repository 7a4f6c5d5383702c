extension Query {
    /// The query with every field code resolved to its legacy code (`stageId` → `STAGE_ID`), after checking
    /// that each field exists, each operator fits its field's type and each value its kind. User fields
    /// (`UF_*`) are accepted with any value. Stores call this before running a query.
    public func validated() throws(QueryError) -> Query {
        if let limit, limit < 0 { throw QueryError(.invalidPaging, "limit \(limit) is negative") }
        if offset < 0 { throw QueryError(.invalidPaging, "offset \(offset) is negative") }
        var copy = self
        copy.filter = try filter.map { (filter) throws(QueryError) in try resolve(filter) }
        var order: [SortKey] = []
        for key in self.order {
            var resolved = key
            resolved.field = try descriptor(key.field)?.code ?? key.field
            order.append(resolved)
        }
        copy.order = order
        if let select {
            var fields: [FieldCode] = []
            for code in select { fields.append(try descriptor(code)?.code ?? code) }
            copy.select = fields
        }
        return copy
    }

    /// The descriptor of a code or key; nil for a user field; throws for an unknown field.
    private func descriptor(_ code: FieldCode) throws(QueryError) -> FieldDescriptor? {
        if code.rawValue.hasPrefix("UF_") { return nil }
        if let found = entityType.field(code) { return found }
        throw QueryError(.unknownField, field: code, "\(entityType) has no field \(code)")
    }

    private func resolve(_ filter: Filter) throws(QueryError) -> Filter {
        switch filter {
        case .and(let parts):
            var resolved: [Filter] = []
            for part in parts { resolved.append(try resolve(part)) }
            return .and(resolved)
        case .or(let parts):
            var resolved: [Filter] = []
            for part in parts { resolved.append(try resolve(part)) }
            return .or(resolved)
        case .not(let part):
            return .not(try resolve(part))
        case .equal(let code, let value):
            let field = try checked(code, [value], ordered: false)
            return .equal(field, value)
        case .notEqual(let code, let value):
            return .notEqual(try checked(code, [value], ordered: false), value)
        case .less(let code, let value):
            return .less(try checked(code, [value], ordered: true), value)
        case .lessOrEqual(let code, let value):
            return .lessOrEqual(try checked(code, [value], ordered: true), value)
        case .greater(let code, let value):
            return .greater(try checked(code, [value], ordered: true), value)
        case .greaterOrEqual(let code, let value):
            return .greaterOrEqual(try checked(code, [value], ordered: true), value)
        case .in(let code, let values):
            return .in(try checked(code, values, ordered: false), values)
        case .notIn(let code, let values):
            return .notIn(try checked(code, values, ordered: false), values)
        case .like(let code, let pattern):
            guard let descriptor = try descriptor(code) else { return filter }
            guard [.string, .text, .crmMultifield, .location, .crmStatus, .url, .address].contains(descriptor.type) else {
                throw QueryError(
                    .operatorMismatch, field: descriptor.code,
                    "like applies to text fields; \(descriptor.code) is \(descriptor.type)")
            }
            return .like(descriptor.code, pattern)
        case .isNull(let code):
            return .isNull(try descriptor(code)?.code ?? code)
        case .isNotNull(let code):
            return .isNotNull(try descriptor(code)?.code ?? code)
        }
    }

    private func checked(_ code: FieldCode, _ values: [FieldValue], ordered: Bool) throws(QueryError) -> FieldCode {
        guard let descriptor = try descriptor(code) else { return code }
        if ordered, !Self.orderedTypes.contains(descriptor.type) {
            throw QueryError(
                .operatorMismatch, field: descriptor.code,
                "<, <=, > and >= apply to numbers and dates; \(descriptor.code) is \(descriptor.type)")
        }
        // The type's kinds looked up once, not once per value of a long `in` list.
        let accepted = AcceptedValues(descriptor.type, allowNull: !ordered)
        for value in values where !accepted.contains(value) {
            throw QueryError(
                .valueMismatch, field: descriptor.code,
                "\(descriptor.code) is \(descriptor.type); a \(value.kindName) value cannot be compared with it")
        }
        return descriptor.code
    }

    private static let orderedTypes: Set<FieldType> = [
        .integer, .double, .date, .datetime, .user, .crmCategory, .crmLead, .crmContact, .crmCompany, .crmDeal,
        .crmQuote, .crmEntity, .money,
    ]

    /// The values a field type can be compared with.
    private struct AcceptedValues {
        /// The field types an integer value can be compared with.
        private static let integerTypes: Set<FieldType> = [
            .integer, .double, .user, .crmCategory, .crmLead, .crmContact, .crmCompany, .crmDeal, .crmQuote, .crmEntity,
            .file, .productFile, .enumeration, .employee,
        ]
        /// The field types a text value can be compared with.
        private static let textTypes: Set<FieldType> = [
            .string, .text, .crmStatus, .crmCurrency, .location, .crmMultifield, .url, .address, .crm,
        ]

        let type: FieldType
        let allowNull: Bool
        let integers: Bool
        let texts: Bool

        init(_ type: FieldType, allowNull: Bool) {
            self.type = type
            self.allowNull = allowNull
            integers = Self.integerTypes.contains(type)
            texts = Self.textTypes.contains(type)
        }

        func contains(_ value: FieldValue) -> Bool {
            switch value {
            case .null: allowNull
            case .integer: integers
            case .decimal: type == .double
            case .string: texts
            case .bool: type == .char || type == .boolean
            case .date: type == .date
            case .dateTime: type == .datetime
            case .money: type == .money
            case .multifield: type == .crmMultifield
            case .file: type == .file || type == .productFile
            case .list: false
            }
        }
    }
}

extension Filter {
    /// Whether a stored item satisfies the condition, with the semantics documented on ``Filter``.
    public func matches(_ item: AnyItem) -> Bool {
        // One copy of the entity out of the enum for the whole condition, not one per field read.
        switch item {
        case .lead(let entity): matches { entity[field: $0] }
        case .deal(let entity): matches { entity[field: $0] }
        case .contact(let entity): matches { entity[field: $0] }
        case .company(let entity): matches { entity[field: $0] }
        case .quote(let entity): matches { entity[field: $0] }
        case .invoice(let entity): matches { entity[field: $0] }
        case .product(let entity): matches { entity[field: $0] }
        }
    }
}

extension Query {
    /// Orders matching items by ``order`` (then ascending ID), applies offset and limit and the field
    /// selection, and counts the total: the part of running a query every store shares once it has the
    /// matching items.
    public func page(of matches: [Versioned<AnyItem>]) -> QueryResult {
        let wanted = limit.map { limit in
            let (sum, overflow) = offset.addingReportingOverflow(limit)
            return overflow ? Int.max : sum
        } ?? matches.count
        guard wanted > 0, offset < matches.count else { return QueryResult(items: [], total: matches.count) }
        // Sort positions by keys read once per item, not the items themselves.
        let entries = SortedRun(unsorted: matches.lazy.map(\.item), order: order)
        func precedes(_ left: Int, _ right: Int) -> Bool { entries.precedes(left, entries, right) }
        var positions: [Int]
        if wanted < matches.count / 8 {
            // Keep only the best `wanted` positions, in order.
            positions = []
            positions.reserveCapacity(wanted + 1)
            for candidate in matches.indices {
                if positions.count == wanted, let last = positions.last, !precedes(candidate, last) { continue }
                var low = 0
                var high = positions.count
                while low < high {
                    let middle = (low + high) / 2
                    if precedes(positions[middle], candidate) { low = middle + 1 } else { high = middle }
                }
                positions.insert(candidate, at: low)
                if positions.count > wanted { positions.removeLast() }
            }
        } else {
            positions = matches.indices.sorted(by: precedes)
        }
        let end = min(positions.count, wanted)
        var items = positions[min(offset, end)..<end].map { matches[$0] }
        if let select {
            items = items.map { Versioned(item: $0.item.selecting(select), revision: $0.revision) }
        }
        return QueryResult(items: items, total: matches.count)
    }
}
