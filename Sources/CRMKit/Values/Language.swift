/// A language CRMKit has texts in: titles of fields, names of catalog entries.
///
/// ```swift
/// Deal.schema["STAGE_ID"]?.title.text(in: .italian)  // "Fase"
/// ```
public enum Language: String, Hashable, Sendable, Codable, CaseIterable {
    /// English, the fallback for every text.
    case english = "en"
    /// Italian, the language of the source help article.
    case italian = "it"
}
