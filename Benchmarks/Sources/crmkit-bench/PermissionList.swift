/// W4: the W3 page through a session for a department-level (D) and a sub-department (F) user.
struct PermissionList {
    let harness: Harness
    let stores: LoadedStores
    func run() async throws {}
}
