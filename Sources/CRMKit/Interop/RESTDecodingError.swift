/// A REST response (or item) that does not decode: which record, which field, what is wrong.
public struct RESTDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The record's position in a list response (from 0), nil for a single item.
    public var position: Int?
    /// The field, as the response spells it.
    public var field: String?
    /// What is wrong.
    public var message: String

    /// Makes an error.
    public init(position: Int? = nil, field: String? = nil, message: String) {
        self.position = position
        self.field = field
        self.message = message
    }

    public var description: String {
        var place: [String] = []
        if let position { place.append("record \(position)") }
        if let field { place.append("field \(field)") }
        return (place.isEmpty ? "" : place.joined(separator: ", ") + ": ") + message
    }
}
