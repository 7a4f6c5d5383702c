/// A text in English and, where known, Italian; asking for Italian falls back to English.
///
/// ```swift
/// let title = LocalizedText("Deal Stage", italian: "Fase")
/// title.text(in: .italian)  // "Fase"
/// LocalizedText("Comment").text(in: .italian)  // "Comment"
/// ```
public struct LocalizedText: Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The English text, always present.
    public var english: String
    /// The Italian text, if there is one.
    public var italian: String?

    /// Makes a text.
    public init(_ english: String, italian: String? = nil) {
        self.english = english
        self.italian = italian
    }

    /// An English-only text.
    public init(stringLiteral value: String) { self.init(value) }

    /// The text in a language, falling back to English.
    public func text(in language: Language) -> String {
        switch language {
        case .english: english
        case .italian: italian ?? english
        }
    }

    public var description: String { english }
}
