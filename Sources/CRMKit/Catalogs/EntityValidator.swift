import Foundation

/// Checks an item against its schema, the catalogs and the user-field definitions, and returns every
/// problem at once, each naming its field.
///
/// Pass the previous value for an update: read-only fields may then keep their stored values, and
/// immutable fields must not change.
///
/// ```swift
/// let validator = EntityValidator(catalogs: .bitrix24Defaults())
/// var deal = Deal()
/// deal.stageID = "C7:WON"
/// deal.probability = 140
/// validator.problems(in: deal).map(\.field)   // ["STAGE_ID", "PROBABILITY"]
/// try validator.validate(deal)                 // throws ValidationError with both issues
/// ```
public struct EntityValidator: Sendable {
    /// The reference books, pipelines and currencies values must belong to.
    public var catalogs: Catalogs
    /// The user fields that exist.
    public var customFields: [CustomFieldDefinition]

    /// Makes a validator.
    public init(catalogs: Catalogs, customFields: [CustomFieldDefinition] = []) {
        self.catalogs = catalogs
        self.customFields = customFields
    }

    /// Throws a ``ValidationError`` with every problem when there is any.
    public func validate<Entity: CRMEntity>(_ entity: Entity, previous: Entity? = nil) throws(ValidationError) {
        let issues = problems(in: entity, previous: previous)
        if !issues.isEmpty { throw ValidationError(issues) }
    }

    /// Every problem: writes to protected fields, then the values.
    public func problems<Entity: CRMEntity>(in entity: Entity, previous: Entity? = nil) -> [ValidationIssue] {
        protectedFieldWrites(in: entity, previous: previous) + valueProblems(in: entity)
    }

    /// Read-only fields given a value (on create: differing from an empty item; on update: differing from
    /// `previous`), and immutable fields changed by an update.
    public func protectedFieldWrites<Entity: CRMEntity>(in entity: Entity, previous: Entity?) -> [ValidationIssue] {
        let schema = Entity.schema
        let checked: FieldRole = previous == nil ? .readOnly : [.readOnly, .immutable]
        let indexes = schema.roles.indices.filter { !schema.roles[$0].isDisjoint(with: checked) }
        guard !indexes.isEmpty else { return [] }
        let values = schema.values(of: entity, at: indexes)
        // A new item is compared with an empty one.
        let blank = BlankFieldValues.values(for: Entity.self)
        let before = previous.map { schema.values(of: $0, at: indexes) } ?? indexes.map { blank[$0] }
        var issues: [ValidationIssue] = []
        for (position, index) in indexes.enumerated() {
            guard values[position] != before[position] else { continue }
            let code = schema.fields[index].code
            issues.append(
                schema.roles[index].contains(.readOnly)
                    ? ValidationIssue(.readOnly, field: code, "\(code) is read-only")
                    : ValidationIssue(.immutable, field: code, "\(code) cannot change after creation"))
        }
        return issues
    }

    /// Amounts must stay below 10^30.
    static let amountLimit = Decimal(sign: .plus, exponent: 30, significand: 1)

    /// Required values, catalog membership (a stage of the item's own pipeline), known currency, ranges,
    /// multifield formats, product rows, and user-field values.
    public func valueProblems<Entity: CRMEntity>(in entity: Entity) -> [ValidationIssue] {
        let schema = Entity.schema
        var issues: [ValidationIssue] = []
        for (index, value) in schema.values(of: entity).enumerated() {
            let roles = schema.roles[index]
            if roles.contains(.required), value.isEmpty {
                let code = schema.fields[index].code
                issues.append(ValidationIssue(.required, field: code, "\(code) is required"))
                continue
            }
            switch value {
            case .string(let text) where !roles.isDisjoint(with: [.status, .stage, .currency]):
                if let issue = catalogProblem(text, roles: roles, index: index, in: entity) { issues.append(issue) }
            case .integer(let id) where roles.contains(.category):
                if catalogs.pipeline(CategoryID(id), for: Entity.entityType) == nil {
                    issues.append(
                        ValidationIssue(.unknownPipeline, field: schema.fields[index].code, "\(Entity.entityType) pipeline \(id) does not exist"))
                }
            case .integer(let probability) where roles.contains(.probability) && !(0...100).contains(probability):
                issues.append(ValidationIssue(.outOfRange, field: "PROBABILITY", "probability \(probability) is outside 0–100"))
            case .decimal(let number) where number.isNaN || abs(number) >= Self.amountLimit:
                let code = schema.fields[index].code
                issues.append(ValidationIssue(.outOfRange, field: code, "\(code) is not a finite amount below 10^30"))
            case .list(let entries) where roles.contains(.multifield):
                for case .multifield(let entry) in entries {
                    if let issue = MultifieldRules.problem(with: entry, in: schema.fields[index].code) { issues.append(issue) }
                }
            default:
                break
            }
        }
        for group in schema.requiredGroups where group.anyOf.allSatisfy({ schema.value(of: $0, in: entity)?.isEmpty ?? true }) {
            let names = group.anyOf.map(\.rawValue).joined(separator: " or ")
            issues.append(ValidationIssue(.required, field: group.anyOf[0], "\(names) is required"))
        }
        issues += productRowProblems(in: entity)
        issues += customFieldProblems(in: entity)
        return issues
    }

    /// A writable status, stage or currency value that is not in its catalog (an empty text is checked only
    /// for statuses and stages).
    private func catalogProblem<Entity: CRMEntity>(
        _ text: String, roles: FieldRole, index: Int, in entity: Entity
    ) -> ValidationIssue? {
        let descriptor = Entity.schema.fields[index]
        let code = descriptor.code
        if roles.contains(.currency) {
            guard !text.isEmpty, catalogs.currencies[CurrencyCode(text)] == nil else { return nil }
            return ValidationIssue(.unknownCurrency, field: code, "\(text) is not a known currency")
        }
        if roles.contains(.stage) { return stageProblem(StatusID(text), in: entity, field: code) }
        guard let bookID = descriptor.statusType, let book = catalogs.book(bookID), !book.contains(StatusID(text)) else {
            return nil
        }
        return ValidationIssue(.notInCatalog, field: code, "\(text) is not in \(bookID)")
    }

    private func stageProblem<Entity: CRMEntity>(_ stage: StatusID, in entity: Entity, field: FieldCode) -> ValidationIssue? {
        let type = Entity.entityType
        var pipelineID: CategoryID?
        if type.hasPipelines, case .integer(let id)? = Entity.schema.value(of: "CATEGORY_ID", in: entity) {
            pipelineID = CategoryID(id)
            if catalogs.pipeline(CategoryID(id), for: type) == nil { return nil }  // reported on CATEGORY_ID
        }
        guard let bookID = catalogs.stageBookID(for: type, pipeline: pipelineID), let book = catalogs.book(bookID) else {
            return nil
        }
        if book.contains(stage) { return nil }
        if let other = catalogs.pipeline(ofStage: stage, for: type) {
            return ValidationIssue(
                .wrongPipeline, field: field,
                "\(stage) belongs to pipeline \(other.id), not to pipeline \(pipelineID ?? 0)")
        }
        return ValidationIssue(.notInCatalog, field: field, "\(stage) is not a stage in \(bookID)")
    }

    private func productRowProblems<Entity: CRMEntity>(in entity: Entity) -> [ValidationIssue] {
        guard let rows = (entity as? any ProductRowsHolding)?.productRows else { return [] }
        var issues: [ValidationIssue] = []
        for (index, row) in rows.enumerated() {
            let position = "product row \(index + 1)"
            if row.name.trimmingWhitespace.isEmpty {
                issues.append(ValidationIssue(.required, field: "PRODUCT_ROWS", "\(position) needs a name"))
            }
            if row.quantity <= 0 {
                issues.append(ValidationIssue(.outOfRange, field: "PRODUCT_ROWS", "\(position): quantity must be positive"))
            }
            if row.total.isNaN || row.taxAmount.isNaN || abs(row.total) >= Self.amountLimit {
                issues.append(ValidationIssue(.outOfRange, field: "PRODUCT_ROWS", "\(position): the total is too large"))
            }
            if row.price < 0 {
                issues.append(ValidationIssue(.outOfRange, field: "PRODUCT_ROWS", "\(position): price cannot be negative"))
            }
            if let rate = row.taxRate, rate < 0 || rate > 100 {
                issues.append(ValidationIssue(.outOfRange, field: "PRODUCT_ROWS", "\(position): tax rate must be 0–100"))
            }
            switch row.discount {
            case .rate(let rate) where rate < 0 || rate > 100:
                issues.append(ValidationIssue(.outOfRange, field: "PRODUCT_ROWS", "\(position): discount rate must be 0–100"))
            case .amount(let amount) where amount < 0 || amount > row.unitPriceNet:
                issues.append(
                    ValidationIssue(.outOfRange, field: "PRODUCT_ROWS", "\(position): discount must be between 0 and the price"))
            default: break
            }
        }
        return issues
    }

    private func customFieldProblems<Entity: CRMEntity>(in entity: Entity) -> [ValidationIssue] {
        let definitions = customFields.filter { $0.entityType == Entity.entityType }
        var issues: [ValidationIssue] = []
        for definition in definitions {
            let value = entity.customFields[definition.code] ?? .null
            if definition.isRequired, value.isEmpty {
                issues.append(ValidationIssue(.required, field: definition.code, "\(definition.code) is required"))
            } else if let issue = definition.problem(with: value) {
                issues.append(issue)
            }
        }
        let known = Set(definitions.map(\.code))
        for code in entity.customFields.keys.sorted() where !known.contains(code) {
            issues.append(ValidationIssue(.unknownField, field: code, "\(Entity.entityType) has no user field \(code)"))
        }
        return issues
    }
}
