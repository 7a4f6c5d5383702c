import Foundation

extension Session {
    /// Imports rows into items of a type: each row updates the item its match key finds or creates a new one,
    /// through the save pipeline (access IMPORT, then ADD or WRITE; system fields; validation). Read-only
    /// fields in a row are ignored, except the match key. Without `skipInvalid` every row is checked first and
    /// one bad row writes nothing; then new items are committed 1,000 to a transaction (hooks see each item
    /// after its batch commits). Up to 200,000 rows are kept as checked for the write, which
    /// then neither reads the source nor checks them again; a longer source is read a second time.
    /// `dryRun` only checks.
    ///
    /// ```swift
    /// let report = try await session.importItems(.deal, from: JSONImportSource(path: "deals.jsonl", format: .jsonLines, entityType: .deal),
    ///                                            options: ImportOptions(match: .originID))
    /// report.created.count
    /// ```
    public func importItems(_ type: EntityType, from source: any ImportSource, options: ImportOptions = ImportOptions())
        async throws -> ImportReport
    {
        switch type {
        case .lead: try await importItems(Lead.self, from: source, options: options)
        case .deal: try await importItems(Deal.self, from: source, options: options)
        case .contact: try await importItems(Contact.self, from: source, options: options)
        case .company: try await importItems(Company.self, from: source, options: options)
        case .quote: try await importItems(Quote.self, from: source, options: options)
        case .invoice: try await importItems(Invoice.self, from: source, options: options)
        case .product: try await importItems(Product.self, from: source, options: options)
        }
    }

    private func importItems<Entity: CRMEntity>(_ type: Entity.Type, from source: any ImportSource, options: ImportOptions)
        async throws -> ImportReport
    {
        let importer = workspace.session(for: user, source: .import)
        _ = try SavePipeline(workspace: workspace, user: user, source: .import).authorize(.import, AccessSubject(entityType: Entity.entityType))
        let checkOnly = options.dryRun || !options.skipInvalid
        var report = ImportReport()
        var ignored: [String] = []
        var seenKeys: [FieldValue: Int] = [:]
        // Rows as checked, in order, for the write pass: a new item with its access decision, or an update.
        var retained: [(item: Entity, decision: AccessDecision?, existing: Versioned<Entity>?)]? = options.dryRun ? nil : []
        // The check pass reads the configuration and the clock once, not per row.
        let checkPipeline = importer.pipeline()
        try await source.forEachRow { record in
            report.rows += 1
            let row: ImportRow
            switch record {
            case .success(let read): row = read
            case .failure(let error):
                report.refused += error.problems
                return
            }
            for column in row.ignored where !ignored.contains(column) { ignored.append(column) }
            do {
                if let match = options.match, let key = row.values[Entity.schema[match.code]?.code ?? match.code], !key.isEmpty {
                    let normalized = Self.normalizedKey(key)
                    if let earlier = seenKeys[normalized] {
                        throw ValidationError(.malformed, field: match.code, "row \(earlier) has the same \(match.code)")
                    }
                    seenKeys[normalized] = row.number
                }
                let (item, existing) = try await importer.prepare(Entity.self, row, options: options, ignored: &ignored)
                if checkOnly {
                    let checked = try await importer.check(item, existing: existing, pipeline: checkPipeline)
                    if let existing { report.updated.append(existing.item.id.rawValue) } else { report.created.append(Int64(row.number)) }
                    if retained != nil, retained?.count ?? 0 < options.retainedRowLimit {
                        retained?.append((checked.item, checked.decision, existing))
                    } else {
                        retained = nil
                    }
                } else if let existing {
                    var changed = existing
                    changed.item = item
                    report.updated.append(try await importer.update(changed).item.id.rawValue)
                } else {
                    report.created.append(try await importer.create(item).item.id.rawValue)
                }
            } catch {
                report.refused += Self.problems(error, row: row.number)
            }
        }
        report.ignoredColumns = ignored
        if options.dryRun { return report }
        if checkOnly, !report.refused.isEmpty {
            // One bad row: nothing is written.
            report.created = []
            report.updated = []
            return report
        }
        if checkOnly {
            // Every row passed the checks: now write them.
            var written = ImportReport()
            written.rows = report.rows
            written.ignoredColumns = ignored
            var unused: [String] = []
            // New items commit in batches: one transaction (and one sync) per batch instead of per row.
            var batch: [(changes: ChangeSet, item: AnyItem, previous: AnyItem?)] = []
            // One pipeline (configuration, clock reading) per batch: its items share their creation time.
            var batchPipeline = importer.pipeline()
            func flush() async throws {
                guard !batch.isEmpty else { return }
                _ = try await batchPipeline.commit(batch, operation: .create)
                written.created += batch.map(\.item.id)
                batch = []
                batchPipeline = importer.pipeline()
            }
            if let retained {
                for row in retained {
                    if let existing = row.existing {
                        try await flush()
                        var changed = existing
                        changed.item = row.item
                        written.updated.append(try await importer.update(changed).item.id.rawValue)
                    } else if let decision = row.decision {
                        let prepared = try await importer.finishCreate(row.item, decision: decision, pipeline: batchPipeline)
                        batch.append((prepared.changes, prepared.stored, nil))
                        if batch.count >= Self.importBatchSize { try await flush() }
                    }
                }
                try await flush()
                return written
            }
            try await source.forEachRow { record in
                let row = try record.get()
                let (item, existing) = try await importer.prepare(Entity.self, row, options: options, ignored: &unused)
                if let existing {
                    try await flush()
                    var changed = existing
                    changed.item = item
                    written.updated.append(try await importer.update(changed).item.id.rawValue)
                } else {
                    let prepared = try await importer.prepareCreate(item, allowing: [], pipeline: batchPipeline)
                    batch.append((prepared.changes, prepared.stored, nil))
                    if batch.count >= Self.importBatchSize { try await flush() }
                }
            }
            try await flush()
            return written
        }
        return report
    }

    /// How many new items an import's write pass commits in one transaction.
    static let importBatchSize = 1_000

    /// The item a row becomes: the matched item with the row's values, or a new one.
    private func prepare<Entity: CRMEntity>(
        _ type: Entity.Type, _ row: ImportRow, options: ImportOptions, ignored: inout [String]
    ) async throws -> (Entity, Versioned<Entity>?) {
        var existing: Versioned<Entity>?
        if let match = options.match {
            let code = Entity.schema[match.code]?.code ?? match.code
            if let rawKey = row.values[code], !rawKey.isEmpty {
                let key = Self.normalizedKey(rawKey)
                // Only items the user may read are matched, so an import reveals nothing about the others.
                var filter = Filter.equal(code, key)
                if let readable = workspace.accessPolicy.readFilter(for: user, entityType: Entity.entityType) {
                    filter = .and([readable, filter])
                }
                let found = try await workspace.store.query(Query(Entity.entityType, filter: filter, limit: 2))
                if found.total > 1 {
                    throw ValidationError(.malformed, field: code, "more than one item matches \(code)")
                }
                if let stored = found.items.first, let item = stored.item.entity(as: Entity.self) {
                    existing = Versioned(item: item, revision: stored.revision)
                }
            }
        }
        var item = existing?.item ?? Entity()
        var problems: [ValidationIssue] = []
        let schema = Entity.schema
        for (code, value) in row.values.sorted(by: { $0.key < $1.key }) {
            do {
                guard let index = schema.index(of: code) else {
                    try item.setValue(value, forField: code)
                    continue
                }
                let roles = schema.roles[index]
                if roles.contains(.readOnly) {
                    if schema.fields[index].code != options.match?.code, !ignored.contains(code.rawValue) { ignored.append(code.rawValue) }
                    continue
                }
                if existing != nil, roles.contains(.immutable), schema.value(at: index, in: &item) == value { continue }
                try schema.setValue(value, at: index, in: &item)
            } catch {
                problems += error.issues
            }
        }
        if !problems.isEmpty { throw ValidationError(problems) }
        return (item, existing)
    }

    /// Runs the save pipeline's checks for an import row without writing: the same steps 1 to 5 a write runs
    /// (IMPORT and ADD or WRITE and TRANSITION rights, protected fields, normalization, system fields,
    /// validation); only the hooks are left for the write.
    /// Returns the row as the write takes it: for a new item, normalized with its access decision; for an
    /// update, as read (the update runs the whole pipeline again on the item's current revision).
    private func check<Entity: CRMEntity>(_ item: Entity, existing: Versioned<Entity>?, pipeline: SavePipeline) async throws
        -> (item: Entity, decision: AccessDecision?)
    {
        if let existing {
            var changed = existing
            changed.item = item
            _ = try await checkUpdate(changed, allowing: [], pipeline: pipeline)
            return (item, nil)
        }
        let checked = try await checkCreate(item, allowing: [], pipeline: pipeline)
        return (checked.item, checked.decision)
    }

    /// A match key as the pipeline stores values: text trimmed.
    static func normalizedKey(_ key: FieldValue) -> FieldValue {
        if case .string(let text) = key { return .string(text.trimmingWhitespace) }
        return key
    }

    private static func problems(_ error: any Error, row: Int) -> [ImportProblem] {
        switch error {
        case let error as ValidationError: error.issues.map { ImportProblem(row: row, field: $0.field, message: $0.message) }
        case let error as AccessDeniedError: [ImportProblem(row: row, field: nil, message: error.decision.explanation)]
        case let error as ImportError: error.problems
        default: [ImportProblem(row: row, field: nil, message: "\(error)")]
        }
    }
}
