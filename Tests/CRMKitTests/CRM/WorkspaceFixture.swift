import CRMKit
import Foundation

/// A workspace on an in-memory store with a manual clock at 2026-03-02 09:30 in Rome.
struct WorkspaceFixture {
    static let start = Timestamp(iso8601: "2026-03-02T09:30:00+01:00") ?? Timestamp(millisecondsSince1970: 0)
    static let day: Int64 = 86_400_000

    let store = InMemoryStore()
    let clock = ManualClock(WorkspaceFixture.start)
    let workspace: Workspace
    let session: Session

    init(policy: any AccessPolicy = .unrestricted, hooks: [any SaveHook] = [], automation: AutomationExtensions = AutomationExtensions())
        async throws
    {
        workspace = try await Workspace.open(store: store, accessPolicy: policy, clock: clock, hooks: hooks, automation: automation)
        session = workspace.session(for: 7)
        try await session.editSettings { $0.timeZoneIdentifier = "Europe/Rome" }
    }

    static func date(_ text: String) -> CalendarDate { CalendarDate(iso8601: text) ?? CalendarDate(daysSince1970: 0) }
}
