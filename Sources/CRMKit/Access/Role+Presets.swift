extension Role {
    /// Bitrix24's five default roles over the given permission entities (by default the leads, the general deal
    /// pipeline, contacts, companies, quotes and the default invoice pipeline), without members:
    /// Employee (read, add, edit own), Supervisor (everything), Deputy supervisor (own and department),
    /// Observer (read own), Administrator (everything and the CRM settings).
    public static func bitrix24Presets(
        entities: [PermissionEntity] = ["LEAD", "DEAL", "CONTACT", "COMPANY", "QUOTE", "SMART_INVOICE_C1"]
    ) -> [Role] {
        func rows(_ operations: [AccessOperation], _ level: PermissionLevel) -> [RolePermission] {
            entities.flatMap { entity in operations.map { RolePermission(entity: entity, operation: $0, level: level) } }
        }
        let everything: [AccessOperation] = [.read, .add, .write, .delete, .export, .import, .automation]
        return [
            Role(id: 1, name: "Employee", permissions: rows([.read, .add, .write], .own)),
            Role(id: 2, name: "Supervisor", permissions: rows(everything, .all)),
            Role(id: 3, name: "Deputy supervisor", permissions: rows([.read, .add, .write, .delete, .export], .department)),
            Role(id: 4, name: "Observer", permissions: rows([.read], .own)),
            Role(
                id: 5, name: "Administrator",
                permissions: rows(everything, .all) + [RolePermission(entity: .config, operation: .write, level: .all)]),
        ]
    }
}
