/// A filter as JSON, so rules and saved views can be stored: `{"op": "equal", "field": "STAGE_ID", "value": ...}`,
/// `{"op": "in", "field": ..., "values": [...]}`, `{"op": "like", "field": ..., "pattern": "%acme%"}`,
/// `{"op": "and", "filters": [...]}`, `{"op": "not", "filter": {...}}`.
extension Filter: Codable {
    private enum Key: String, CodingKey { case op, field, value, values, pattern, filters, filter }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let operation = try container.decode(String.self, forKey: .op)
        func field() throws -> FieldCode { try container.decode(FieldCode.self, forKey: .field) }
        func value() throws -> FieldValue { try container.decode(FieldValue.self, forKey: .value) }
        switch operation {
        case "equal": self = .equal(try field(), try value())
        case "notEqual": self = .notEqual(try field(), try value())
        case "less": self = .less(try field(), try value())
        case "lessOrEqual": self = .lessOrEqual(try field(), try value())
        case "greater": self = .greater(try field(), try value())
        case "greaterOrEqual": self = .greaterOrEqual(try field(), try value())
        case "in": self = .in(try field(), try container.decode([FieldValue].self, forKey: .values))
        case "notIn": self = .notIn(try field(), try container.decode([FieldValue].self, forKey: .values))
        case "like": self = .like(try field(), try container.decode(String.self, forKey: .pattern))
        case "isNull": self = .isNull(try field())
        case "isNotNull": self = .isNotNull(try field())
        case "and": self = .and(try container.decode([Filter].self, forKey: .filters))
        case "or": self = .or(try container.decode([Filter].self, forKey: .filters))
        case "not": self = .not(try container.decode(Filter.self, forKey: .filter))
        default:
            throw DecodingError.dataCorruptedError(forKey: .op, in: container, debugDescription: "unknown filter operator '\(operation)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        let operation: String
        switch self {
        case .equal(let field, let value), .notEqual(let field, let value), .less(let field, let value),
            .lessOrEqual(let field, let value), .greater(let field, let value), .greaterOrEqual(let field, let value):
            operation = Self.comparisonName(self)
            try container.encode(field, forKey: .field)
            try container.encode(value, forKey: .value)
        case .in(let field, let values), .notIn(let field, let values):
            if case .in = self { operation = "in" } else { operation = "notIn" }
            try container.encode(field, forKey: .field)
            try container.encode(values, forKey: .values)
        case .like(let field, let pattern):
            operation = "like"
            try container.encode(field, forKey: .field)
            try container.encode(pattern, forKey: .pattern)
        case .isNull(let field), .isNotNull(let field):
            if case .isNull = self { operation = "isNull" } else { operation = "isNotNull" }
            try container.encode(field, forKey: .field)
        case .and(let filters), .or(let filters):
            if case .and = self { operation = "and" } else { operation = "or" }
            try container.encode(filters, forKey: .filters)
        case .not(let filter):
            operation = "not"
            try container.encode(filter, forKey: .filter)
        }
        try container.encode(operation, forKey: .op)
    }

    private static func comparisonName(_ filter: Filter) -> String {
        switch filter {
        case .notEqual: "notEqual"
        case .less: "less"
        case .lessOrEqual: "lessOrEqual"
        case .greater: "greater"
        case .greaterOrEqual: "greaterOrEqual"
        default: "equal"
        }
    }
}
