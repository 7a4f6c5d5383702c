import CRMKit
import Foundation

/// `crm access check --scenario FILE` and `crm access list --scenario FILE --user U --entity deal`.
struct AccessCommands {
    let scenario: AccessScenario

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("cannot read the scenario file \(path)")
        }
        scenario = try AccessScenario(json: String(decoding: data, as: UTF8.self))
    }

    /// One JSON line per check.
    func check() -> Int32 {
        for (index, decision) in scenario.run().enumerated() {
            var members: [(String, JSONValue)] = [
                ("check", .integer(Int64(index))), ("allowed", .bool(decision.isAllowed)), ("level", .string(decision.level.letter)),
                ("attribute", .string(decision.attribute.rawValue)), ("roles", .array(decision.roles.map(JSONValue.string))),
                ("reason", .string(decision.explanation)),
            ]
            if let forced = decision.forcedResponsible { members.append(("forcedResponsible", .integer(forced.rawValue))) }
            print(JSONValue.object(members).serialized())
        }
        return 0
    }

    /// The IDs of the items of a type the user may read, through the list filter.
    func list(user: UserID, entityType: EntityType) async throws -> Int32 {
        let store = InMemoryStore()
        for item in scenario.items {
            while try await store.allocateID(for: item.entityType) < item.id {}
            _ = try await store.commit(ChangeSet(writes: [.create(item)]))
        }
        let filter = scenario.policy.readFilter(for: user, entityType: entityType)
        for stored in try await store.query(Query(entityType, filter: filter, order: [.ascending("ID")])).items {
            print(stored.item.id)
        }
        return 0
    }
}
