extension ReferenceBook {
    /// The entries in the shape of `crm.status.list` filtered by `ENTITY_ID`: `{"result": [{"ENTITY_ID": ...,
    /// "STATUS_ID": ..., "NAME": ..., "SORT": "10", "SYSTEM": "Y", "COLOR": ..., "SEMANTICS": ..., "EXTRA": ...}]}`.
    ///
    /// ```swift
    /// print(catalogs.book("SOURCE")!.restEntries(language: .italian).serialized(pretty: true))
    /// ```
    public func restEntries(language: Language = .english, categoryID: CategoryID? = nil) -> JSONValue {
        .object([
            (
                "result",
                .array(
                    entries.map { entry in
                        var members: [(String, JSONValue)] = [
                            ("ENTITY_ID", .string(id)), ("STATUS_ID", .string(entry.id.rawValue)),
                            ("NAME", .string(entry.name.text(in: language))), ("SORT", .string(String(entry.sort))),
                            ("SYSTEM", .string(entry.isSystem ? "Y" : "N")),
                            ("CATEGORY_ID", categoryID.map { .string(String($0.rawValue)) } ?? .null),
                            ("COLOR", entry.color.map(JSONValue.string) ?? .null),
                        ]
                        if let semantics = entry.semantics {
                            members.append(("SEMANTICS", semantics == .process ? .null : .string(semantics.rawValue)))
                            members.append(
                                (
                                    "EXTRA",
                                    .object([
                                        ("SEMANTICS", .string(semantics.word)),
                                        ("COLOR", entry.color.map(JSONValue.string) ?? .null),
                                    ])
                                ))
                        }
                        return JSONValue.object(members)
                    })
            )
        ])
    }
}
