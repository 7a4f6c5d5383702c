/// Text that is not valid JSON, with the byte offset of the first problem.
///
/// ```swift
/// do { _ = try JSONValue(parsing: Array("{\"a\": tru}".utf8)) }
/// catch let error as JSONError { print(error) }  // "malformed JSON at byte 6: invalid literal, expected 'true'"
/// ```
public struct JSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offset, from 0, of the byte where the problem was found.
    public var offset: Int
    /// What is wrong there.
    public var message: String

    /// Makes an error.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "malformed JSON at byte \(offset): \(message)" }
}

extension JSONValue {
    /// Parses UTF-8 JSON text strictly; a problem throws a ``JSONError`` naming its byte offset.
    public init(parsing bytes: [UInt8]) throws(JSONError) {
        var parser = JSONParser(bytes)
        self = try parser.parseDocument()
    }

    /// Parses JSON text strictly.
    public init(parsing text: String) throws(JSONError) {
        try self.init(parsing: Array(text.utf8))
    }
}
