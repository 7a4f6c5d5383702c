import Foundation

/// A field value encodes as an object with one member naming its kind: `{"string": "WON"}`,
/// `{"integer": 5}`, `{"null": true}`, `{"list": [...]}`.
extension FieldValue: Codable {
    private enum Kind: String, CodingKey, CaseIterable {
        case null, string, integer, decimal, bool, date, dateTime, money, multifield, file, list
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Kind.self)
        guard let kind = container.allKeys.first, container.allKeys.count == 1 else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "a field value has exactly one kind member"))
        }
        switch kind {
        case .null: self = .null
        case .string: self = .string(try container.decode(String.self, forKey: kind))
        case .integer: self = .integer(try container.decode(Int64.self, forKey: kind))
        case .decimal:
            let text = try container.decode(String.self, forKey: kind)
            guard let number = Money.parseDecimal(text) else {
                throw DecodingError.dataCorruptedError(forKey: kind, in: container, debugDescription: "'\(text)' is not a decimal")
            }
            self = .decimal(number)
        case .bool: self = .bool(try container.decode(Bool.self, forKey: kind))
        case .date: self = .date(try container.decode(CalendarDate.self, forKey: kind))
        case .dateTime: self = .dateTime(try container.decode(Timestamp.self, forKey: kind))
        case .money: self = .money(try container.decode(Money.self, forKey: kind))
        case .multifield: self = .multifield(try container.decode(Multifield.self, forKey: kind))
        case .file: self = .file(try container.decode(FileReference.self, forKey: kind))
        case .list: self = .list(try container.decode([FieldValue].self, forKey: kind))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Kind.self)
        switch self {
        case .null: try container.encode(true, forKey: .null)
        case .string(let text): try container.encode(text, forKey: .string)
        case .integer(let number): try container.encode(number, forKey: .integer)
        case .decimal(let number): try container.encode(number.description, forKey: .decimal)
        case .bool(let flag): try container.encode(flag, forKey: .bool)
        case .date(let date): try container.encode(date, forKey: .date)
        case .dateTime(let instant): try container.encode(instant, forKey: .dateTime)
        case .money(let amount): try container.encode(amount, forKey: .money)
        case .multifield(let entry): try container.encode(entry, forKey: .multifield)
        case .file(let file): try container.encode(file, forKey: .file)
        case .list(let values): try container.encode(values, forKey: .list)
        }
    }
}
