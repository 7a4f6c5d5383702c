/// A file attached to an item (a company logo, a contact photo, a quote's documents): its ID in the
/// portal's storage and, where known, its name and download address.
///
/// ```swift
/// let logo = FileReference(id: 512, name: "logo.png")
/// ```
public struct FileReference: Hashable, Sendable, Codable {
    /// The file's ID in the portal's storage.
    public var id: Int64
    /// The file name, if known.
    public var name: String?
    /// Where to download it, if known.
    public var url: String?

    /// Makes a reference.
    public init(id: Int64, name: String? = nil, url: String? = nil) {
        self.id = id
        self.name = name
        self.url = url
    }
}
