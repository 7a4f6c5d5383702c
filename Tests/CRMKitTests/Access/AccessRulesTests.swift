import CRMKit
import Foundation
import Testing

/// One request against ``AccessFixture``'s org chart and roles, with the whole expected decision.
struct AccessRuleCase: Sendable, CustomTestStringConvertible {
    var name: String
    var request: AccessRequest
    var allowed: Bool
    var level: PermissionLevel
    var attribute: AccessAttribute
    var roles: [String]
    var words: [String]
    var forced: UserID?

    var testDescription: String { name }

    static func allow(
        _ name: String, _ user: UserID, _ operation: AccessOperation, _ subject: AccessSubject, to target: StatusID? = nil,
        level: PermissionLevel, _ attribute: AccessAttribute, roles: [String], words: [String], forced: UserID? = nil
    ) -> AccessRuleCase {
        AccessRuleCase(
            name: name, request: AccessRequest(user: user, operation: operation, subject: subject, targetStage: target), allowed: true,
            level: level, attribute: attribute, roles: roles, words: words, forced: forced)
    }

    static func deny(
        _ name: String, _ user: UserID, _ operation: AccessOperation, _ subject: AccessSubject, to target: StatusID? = nil,
        level: PermissionLevel, _ attribute: AccessAttribute = .none, roles: [String], words: [String]
    ) -> AccessRuleCase {
        AccessRuleCase(
            name: name, request: AccessRequest(user: user, operation: operation, subject: subject, targetStage: target), allowed: false,
            level: level, attribute: attribute, roles: roles, words: words, forced: nil)
    }
}

private typealias Case = AccessRuleCase

private func deal(
    _ id: Int64, of responsible: UserID?, stage: StatusID = "NEW", pipeline: CategoryID = 0, opened: Bool = false, observers: [UserID] = []
) -> AccessSubject {
    AccessFixture.deal(id, of: responsible, stage: stage, pipeline: pipeline, opened: opened, observers: observers)
}

private func c3(_ id: Int64, of responsible: UserID?, stage: StatusID, observers: [UserID] = []) -> AccessSubject {
    AccessFixture.deal(id, of: responsible, stage: stage, pipeline: 3, observers: observers)
}

private func lead(_ id: Int64, of responsible: UserID) -> AccessSubject {
    AccessSubject(entityType: .lead, item: ItemReference(.lead, id), stage: "NEW", responsible: responsible)
}

private let ownRead = ["Own", "Support desk"]
private let sales = ["Sales staff"]
private let north = ["North team"]

@Suite("Access: Bitrix24 rules")
struct AccessRulesTests {
    // MARK: Levels

    static let levelCases: [AccessRuleCase] = [
        // A
        .allow("A reaches the user's own deal", 61, .read, deal(1, of: 61), level: .own, .responsible, roles: ownRead,
               words: ["user 61 may READ deal 1", "level A", "the user is the responsible person"]),
        .deny("A does not reach a department colleague", 61, .read, deal(2, of: 60), level: .own, roles: ownRead,
              words: ["user 61 may not READ deal 2", "level A reaches only the user's own items, not responsible 60"]),
        .deny("A is not helped by OPENED", 61, .read, deal(3, of: 60, opened: true), level: .own, roles: ownRead,
              words: ["level A reaches only the user's own items"]),
        .allow("A writes the user's own deal", 61, .write, deal(1, of: 61), level: .own, .responsible, roles: ["Own"],
               words: ["user 61 may WRITE deal 1", "level A", "DEAL WRITE A"]),
        .deny("A held by a head does not reach their subordinates", 40, .read, deal(4, of: 41), level: .own, roles: ["Manager own"],
              words: ["level A reaches only"]),
        // D
        .allow("D reaches a colleague of the same department", 21, .read, deal(5, of: 22), level: .department, .department, roles: sales,
               words: ["level D", "DEAL READ D", "responsible 22 is in one of the user's departments"]),
        .allow("D reaches the department's head, who is a member", 21, .read, deal(6, of: 20), level: .department, .department,
               roles: sales, words: ["level D"]),
        .allow("D reaches the user's own deal", 21, .read, deal(7, of: 21), level: .department, .responsible, roles: sales,
               words: ["the user is the responsible person"]),
        .deny("D does not reach a sub-department", 21, .read, deal(8, of: 31), level: .department, roles: sales,
              words: ["level D does not reach responsible 31"]),
        .deny("D is not helped by OPENED", 21, .read, deal(9, of: 31, opened: true), level: .department, roles: sales,
              words: ["level D does not reach responsible 31"]),
        .allow("D reaches a responsible person who is in several departments", 21, .read, deal(10, of: 62), level: .department,
               .department, roles: sales, words: ["responsible 62 is in one of the user's departments"]),
        .allow("D held by a user in several departments reaches each of them", 62, .read, deal(11, of: 61), level: .department,
               .department, roles: sales, words: ["level D", "responsible 61"]),
        .deny("A of a colleague does not reach the user in several departments", 61, .read, deal(12, of: 62), level: .own,
              roles: ownRead, words: ["level A reaches only"]),
        // Heads
        .allow("a head at D sees a sub-department member", 20, .read, deal(13, of: 31), level: .department, .headOf, roles: sales,
               words: ["level D", "the user heads a department responsible 31 is in"]),
        .allow("a head at D sees everyone below, four levels down", 20, .read, deal(14, of: 71), level: .department, .headOf,
               roles: sales, words: ["heads a department"]),
        .deny("a head at D does not see another branch", 20, .read, deal(15, of: 61), level: .department, roles: sales,
              words: ["level D does not reach responsible 61"]),
        // F
        .allow("F reaches a sub-department", 31, .read, deal(16, of: 51), level: .subDepartments, .subDepartment, roles: north,
               words: ["level F", "DEAL READ F", "responsible 51 is in a sub-department of the user's departments"]),
        .allow("F reaches a sub-sub-department", 31, .read, deal(17, of: 71), level: .subDepartments, .subDepartment, roles: north,
               words: ["sub-department"]),
        .allow("F reaches the user's own department", 31, .read, deal(18, of: 30), level: .subDepartments, .department, roles: north,
               words: ["one of the user's departments"]),
        .deny("F does not reach the parent department", 31, .read, deal(19, of: 21), level: .subDepartments, roles: north,
              words: ["level F does not reach responsible 21"]),
        .deny("F is not helped by OPENED", 31, .read, deal(20, of: 41, opened: true), level: .subDepartments, roles: north,
              words: ["level F does not reach responsible 41"]),
        // O
        .allow("O reaches an item available to everyone", 41, .read, deal(21, of: 61, opened: true), level: .open, .opened,
               roles: ["Open reader"], words: ["level O", "DEAL READ O", "the item is available to everyone"]),
        .deny("O does not reach a closed item outside the sub-departments", 41, .read, deal(22, of: 61), level: .open,
              roles: ["Open reader"], words: ["level O does not reach responsible 61 and the item is not available to everyone"]),
        .allow("O includes the department", 41, .read, deal(23, of: 40), level: .open, .department, roles: ["Open reader"],
               words: ["responsible 40 is in one of the user's departments"]),
        // X
        .allow("X reaches everyone", 60, .read, deal(24, of: 21), level: .all, .all, roles: ["Everything"],
               words: ["level X", "DEAL READ X", "level X reaches every item"]),
        .allow("X reaches an item without a responsible person", 60, .read, deal(25, of: nil), level: .all, .all,
               roles: ["Everything"], words: ["level X reaches every item"]),
    ]

    // MARK: Role members and combination

    static let roleCases: [AccessRuleCase] = [
        .allow("DR gives the role to a member four levels down", 71, .read, deal(30, of: 71), level: .subDepartments, .responsible,
               roles: north, words: ["role North team"]),
        .deny("F through DR looks down, not up", 71, .read, deal(31, of: 51), level: .subDepartments, roles: north,
              words: ["level F does not reach responsible 51"]),
        .deny("D gives the role only to direct members", 31, .read, lead(1, of: 21), level: .none, roles: [],
              words: ["level none on LEAD (no role)", "no role gives READ here"]),
        .allow("D gives the role to a direct member", 21, .read, lead(2, of: 31), level: .all, .all, roles: sales,
               words: ["LEAD READ X", "level X reaches every item"]),
        .allow("the highest level wins: O by U over F by DR and A by D", 32, .read, deal(32, of: 41, opened: true), level: .open,
               .opened, roles: ["Auditor"], words: ["level O", "role Auditor, DEAL READ O"]),
        .allow("the highest level keeps the lower levels' reach", 32, .read, deal(33, of: 51), level: .open, .subDepartment,
               roles: ["Auditor"], words: ["sub-department"]),
        .deny("the highest level still has its limits", 32, .read, deal(34, of: 21), level: .open, roles: ["Auditor"],
              words: ["level O does not reach responsible 21"]),
        .allow("X by U wins over A by D", 60, .read, deal(35, of: 41), level: .all, .all, roles: ["Everything"], words: ["level X"]),
    ]

    // MARK: Stage-specific values

    static let stageCases: [AccessRuleCase] = [
        .allow("a stage-specific value above the entity-wide one wins", 21, .read, deal(40, of: 61, stage: "WON"), level: .all, .all,
               roles: sales, words: ["DEAL[WON] READ X", "level X reaches every item"]),
        .deny("outside that stage the entity-wide value applies", 21, .read, deal(41, of: 61, stage: "EXECUTING"), level: .department,
              roles: sales, words: ["level D does not reach responsible 61"]),
        .deny("a stage-specific value below the entity-wide one wins", 60, .read, deal(42, of: 21, stage: "LOSE"), level: .own,
              roles: ["Everything"], words: ["DEAL[LOSE] READ A", "level A reaches only the user's own items, not responsible 21"]),
        .allow("the lower stage-specific value still reaches the user's own items", 60, .read, deal(43, of: 60, stage: "LOSE"),
               level: .own, .responsible, roles: ["Everything"], words: ["DEAL[LOSE] READ A"]),
        .deny("one role's stage-specific value wins over another role's entity-wide value", 32, .read,
              deal(44, of: 61, stage: "APOLOGY", opened: true), level: .own, roles: north,
              words: ["DEAL[APOLOGY] READ A", "level A reaches only"]),
        .deny("a lower stage-specific READ blocks WRITE at X", 60, .write, deal(45, of: 21, stage: "LOSE"), level: .own,
              roles: ["Everything"], words: ["level A reaches only", "WRITE needs READ"]),
    ]

    // MARK: Pipelines

    static let pipelineCases: [AccessRuleCase] = [
        .allow("DEAL_C3 is its own permission entity", 22, .read, c3(50, of: 61, stage: "C3:NEW"), level: .all, .all,
               roles: ["Pipeline 3"], words: ["DEAL_C3 READ X"]),
        .deny("DEAL rights do not reach pipeline 3", 21, .read, c3(51, of: 22, stage: "C3:NEW"), level: .none, roles: [],
              words: ["level none on DEAL_C3 (no role)", "no role gives READ here"]),
        .deny("DEAL_C3 rights do not reach the general pipeline", 22, .read, deal(52, of: 61), level: .department, roles: sales,
              words: ["level D on DEAL", "level D does not reach responsible 61"]),
    ]

    // MARK: Observers

    static let observerCases: [AccessRuleCase] = [
        .allow("an observer with some READ level reads", 61, .read, deal(60, of: 21, observers: [61]), level: .own, .observer,
               roles: ownRead, words: ["as an observer", "READ level A on DEAL"]),
        .deny("an observer may not write", 61, .write, deal(60, of: 21, observers: [61]), level: .own, roles: ownRead,
              words: ["WRITE needs READ (observers may only read)"]),
        .deny("an observer may not delete", 61, .delete, deal(60, of: 21, observers: [61]), level: .own, roles: ownRead,
              words: ["DELETE needs READ (observers may only read)"]),
        .deny("an observer without READ on the entity may not read", 41, .read, c3(61, of: 22, stage: "C3:NEW", observers: [41]),
              level: .none, roles: [], words: ["no role gives READ here"]),
    ]

    // MARK: Write, delete and export need READ

    static let writeCases: [AccessRuleCase] = [
        .deny("WRITE at X needs READ", 50, .write, deal(70, of: 61), level: .subDepartments, roles: north,
              words: ["level F does not reach responsible 61", "WRITE needs READ"]),
        .deny("DELETE at X needs READ", 50, .delete, deal(70, of: 61), level: .subDepartments, roles: north,
              words: ["DELETE needs READ"]),
        .deny("EXPORT at X needs READ", 50, .export, deal(70, of: 61), level: .subDepartments, roles: north,
              words: ["EXPORT needs READ"]),
        .allow("WRITE at X with READ", 50, .write, deal(71, of: 71), level: .all, .all, roles: ["Blind writer"],
               words: ["user 50 may WRITE deal 71", "DEAL WRITE X"]),
        .allow("DELETE at X with READ", 50, .delete, deal(72, of: 51), level: .all, .all, roles: ["Blind writer"],
               words: ["DEAL DELETE X"]),
        .deny("READ without any WRITE row", 41, .write, deal(73, of: 41), level: .none, roles: [],
              words: ["user 41 may not WRITE deal 73", "no role gives WRITE here"]),
        .allow("DELETE at D in the department", 21, .delete, deal(74, of: 22), level: .department, .department, roles: sales,
               words: ["DEAL DELETE D"]),
        .deny("DELETE at D outside the department", 21, .delete, deal(75, of: 31), level: .department, roles: sales,
              words: ["level D does not reach responsible 31", "DELETE needs READ"]),
        .allow("EXPORT at X", 60, .export, deal(76, of: 21), level: .all, .all, roles: ["Everything"], words: ["DEAL EXPORT X"]),
        .deny("no EXPORT row", 21, .export, deal(77, of: 22), level: .none, roles: [], words: ["no role gives EXPORT here"]),
    ]

    // MARK: Transitions

    static let transitionCases: [AccessRuleCase] = [
        .allow("a stage-specific list allows its stages", 22, .transition, c3(80, of: 61, stage: "C3:NEW"), to: "C3:EXECUTING",
               level: .all, .all, roles: ["Pipeline 3"], words: ["user 22 may TRANSITION deal 80", "level X"]),
        .deny("a stage-specific list overrides the entity-wide one", 22, .transition, c3(80, of: 61, stage: "C3:NEW"),
              to: "C3:PREPARATION", level: .all, .all, roles: ["Pipeline 3"],
              words: ["user 22 may not move deal 80", "from C3:NEW the TRANSITION setting allows C3:EXECUTING, C3:LOSE, not C3:PREPARATION"]),
        .deny("blocked allows nothing", 22, .transition, c3(81, of: 61, stage: "C3:WON"), to: "C3:NEW", level: .all, .all,
              roles: ["Pipeline 3"], words: ["from C3:WON the TRANSITION setting allows none, not C3:NEW"]),
        .allow("inherit takes the entity-wide row (allowed)", 22, .transition, c3(82, of: 61, stage: "C3:EXECUTING"),
               to: "C3:PREPARATION", level: .all, .all, roles: ["Pipeline 3"], words: ["level X"]),
        .deny("inherit takes the entity-wide row (refused)", 22, .transition, c3(82, of: 61, stage: "C3:EXECUTING"), to: "C3:WON",
              level: .all, .all, roles: ["Pipeline 3"], words: ["from C3:EXECUTING the TRANSITION setting allows C3:PREPARATION, not C3:WON"]),
        .allow("any allows every stage", 22, .transition, c3(83, of: 61, stage: "C3:PREPARATION"), to: "C3:WON", level: .all, .all,
               roles: ["Pipeline 3"], words: ["level X"]),
        .allow("a stage without its own row uses the entity-wide row (allowed)", 22, .transition,
               c3(84, of: 61, stage: "C3:FINAL_INVOICE"), to: "C3:PREPARATION", level: .all, .all, roles: ["Pipeline 3"], words: ["level X"]),
        .deny("a stage without its own row uses the entity-wide row (refused)", 22, .transition,
              c3(84, of: 61, stage: "C3:FINAL_INVOICE"), to: "C3:WON", level: .all, .all, roles: ["Pipeline 3"],
              words: ["TRANSITION setting allows C3:PREPARATION, not C3:WON"]),
        .allow("roles combine: the second role's list", 23, .transition, c3(85, of: 61, stage: "C3:NEW"), to: "C3:WON", level: .all,
               .all, roles: ["Pipeline 3"], words: ["level X"]),
        .allow("roles combine: the first role's list", 23, .transition, c3(85, of: 61, stage: "C3:NEW"), to: "C3:EXECUTING",
               level: .all, .all, roles: ["Pipeline 3"], words: ["level X"]),
        .deny("roles combine: neither list", 23, .transition, c3(85, of: 61, stage: "C3:NEW"), to: "C3:PREPARATION", level: .all,
              .all, roles: ["Pipeline 3"], words: ["TRANSITION setting allows C3:EXECUTING, C3:LOSE, C3:WON, not C3:PREPARATION"]),
        .allow("roles combine: a list beats another role's entity-wide block", 23, .transition,
               c3(86, of: 61, stage: "C3:FINAL_INVOICE"), to: "C3:PREPARATION", level: .all, .all, roles: ["Pipeline 3"],
               words: ["level X"]),
        .deny("roles combine: blocked in both", 23, .transition, c3(87, of: 61, stage: "C3:WON"), to: "C3:NEW", level: .all, .all,
              roles: ["Pipeline 3"], words: ["allows none, not C3:NEW"]),
        .allow("no TRANSITION row: any stage with WRITE", 21, .transition, deal(88, of: 22), to: "WON", level: .department,
               .department, roles: sales, words: ["user 21 may TRANSITION deal 88"]),
        .deny("TRANSITION needs WRITE", 41, .transition, deal(89, of: 41), to: "WON", level: .none, roles: [],
              words: ["no role gives WRITE here"]),
        .deny("TRANSITION needs READ", 21, .transition, deal(90, of: 31), to: "WON", level: .department, roles: sales,
              words: ["TRANSITION needs READ"]),
        .allow("a CRM administrator moves past a block", 3, .transition, c3(91, of: 3, stage: "C3:WON"), to: "C3:NEW", level: .own,
               .responsible, roles: ["Pipeline 3 reader"], words: ["a CRM administrator may move to any stage"]),
        .deny("a CRM administrator still needs WRITE", 3, .transition, c3(92, of: 22, stage: "C3:NEW"), to: "C3:WON", level: .own,
              roles: ["Pipeline 3 reader"], words: ["DEAL_C3 WRITE A", "level A reaches only the user's own items, not responsible 22"]),
        .deny("a CRM administrator gets no item access from CONFIG", 2, .transition, deal(93, of: 21), to: "WON", level: .none,
              roles: [], words: ["TRANSITION needs READ"]),
        .deny("a CRM administrator cannot read items from CONFIG", 2, .read, deal(93, of: 21), level: .none, roles: [],
              words: ["no role gives READ here"]),
    ]

    // MARK: Adding

    static let addCases: [AccessRuleCase] = [
        .allow("ADD at A forces the responsible person", 61, .add, AccessFixture.newDeal(responsible: 60), level: .own, .responsible,
               roles: ["Own"], words: ["user 61 may ADD to DEAL at level A", "becomes the responsible person"], forced: 61),
        .allow("ADD at A without a responsible person", 61, .add, AccessFixture.newDeal(responsible: nil), level: .own, .responsible,
               roles: ["Own"], words: ["becomes the responsible person"], forced: 61),
        .allow("ADD at D for a colleague", 21, .add, AccessFixture.newDeal(responsible: 22), level: .department, .department,
               roles: sales, words: ["user 21 may ADD DEAL at level D"]),
        .allow("ADD at D without a responsible person", 21, .add, AccessFixture.newDeal(responsible: nil), level: .department,
               .responsible, roles: sales, words: ["level D"]),
        .deny("ADD at D refuses a responsible person outside the department", 21, .add, AccessFixture.newDeal(responsible: 31),
              level: .department, roles: sales, words: ["user 21 may not ADD a new deal", "responsible 31 is outside level D"]),
        .allow("ADD at F for a sub-department", 31, .add, AccessFixture.newDeal(responsible: 51), level: .subDepartments,
               .subDepartment, roles: north, words: ["level F"]),
        .allow("ADD at X for anyone", 60, .add, AccessFixture.newDeal(responsible: 21), level: .all, .all, roles: ["Everything"],
               words: ["level X"]),
        .deny("no ADD on the pipeline", 41, .add, AccessFixture.newDeal(responsible: 41, pipeline: 3, stage: "C3:NEW"), level: .none,
              roles: [], words: ["no role gives ADD on DEAL_C3"]),
        .allow("ADD on the pipeline", 22, .add, AccessFixture.newDeal(responsible: 61, pipeline: 3, stage: "C3:NEW"), level: .all, .all,
               roles: ["Pipeline 3"], words: ["DEAL_C3 ADD X"]),
    ]

    // MARK: Administrators, inactive and unknown users, settings

    static let userCases: [AccessRuleCase] = [
        .allow("a portal administrator reads anything", 1, .read, deal(100, of: 21), level: .all, .administrator, roles: [],
               words: ["user 1 is a portal administrator and may READ deal 100"]),
        .allow("a portal administrator deletes anything", 1, .delete, c3(101, of: 22, stage: "C3:NEW"), level: .all, .administrator,
               roles: [], words: ["portal administrator"]),
        .allow("a portal administrator moves anywhere", 1, .transition, c3(102, of: 22, stage: "C3:WON"), to: "C3:NEW", level: .all,
               .administrator, roles: [], words: ["portal administrator"]),
        .allow("a portal administrator changes the settings", 1, .configure, .settings, level: .all, .administrator, roles: [],
               words: ["portal administrator and may CONFIG the CRM settings"]),
        .deny("an inactive user may not read their own deal", 80, .read, deal(103, of: 80), level: .none, roles: [],
              words: ["user 80 is inactive"]),
        .deny("an inactive user may not add", 80, .add, AccessFixture.newDeal(responsible: 80), level: .none, roles: [],
              words: ["user 80 is inactive"]),
        .deny("an inactive user may not change settings", 80, .configure, .settings, level: .none, roles: [],
              words: ["user 80 is inactive"]),
        .deny("an unknown user may not read", 99, .read, deal(104, of: 21), level: .none, roles: [],
              words: ["user 99 is not in the org chart"]),
        .allow("CONFIG WRITE makes a CRM administrator", 2, .configure, .settings, level: .all, .crmAdministrator, roles: ["CRM admin"],
               words: ["CRM administrator (CONFIG WRITE)", "may change the CRM settings"]),
        .allow("CONFIG WRITE with item roles", 3, .configure, .settings, level: .all, .crmAdministrator, roles: ["CRM admin"],
               words: ["CRM administrator"]),
        .allow("CONFIG asked about an item means the settings", 2, .configure, deal(105, of: 21), level: .all, .crmAdministrator,
               roles: ["CRM admin"], words: ["CRM administrator"]),
        .deny("X on deals is no CONFIG right", 60, .configure, .settings, level: .none, roles: [],
              words: ["user 60 has no CONFIG WRITE right, so may not change the CRM settings"]),
        .deny("a plain user may not change settings", 21, .configure, .settings, level: .none, roles: [], words: ["no CONFIG WRITE"]),
        .allow("a CRM administrator edits automation", 2, .automation, AccessFixture.newDeal(responsible: nil), level: .all,
               .crmAdministrator, roles: ["CRM admin"], words: ["CRM administrator and may edit automation of DEAL"]),
        .deny("automation needs an AUTOMATION row", 60, .automation, AccessFixture.newDeal(responsible: nil), level: .none, roles: [],
              words: ["no role gives AUTOMATION on DEAL"]),
    ]

    static let policy: Bitrix24AccessPolicy = (try? AccessFixture.policy()) ?? Bitrix24AccessPolicy(orgChart: OrgChart(), roles: [])

    static func check(_ rule: AccessRuleCase) {
        let decision = policy.decide(rule.request)
        #expect(decision.isAllowed == rule.allowed, "\(decision.explanation)")
        #expect(decision.level == rule.level, "\(decision.explanation)")
        #expect(decision.attribute == rule.attribute, "\(decision.explanation)")
        #expect(decision.roles == rule.roles, "\(decision.explanation)")
        #expect(decision.forcedResponsible == rule.forced)
        for word in rule.words {
            #expect(decision.explanation.contains(word), "'\(word)' missing from: \(decision.explanation)")
        }
        if let row = decision.row {
            #expect(decision.explanation.contains(row.summary), "the deciding row is named: \(decision.explanation)")
        }
        #expect(!decision.reasons.isEmpty)
        #expect(policy.decide(rule.request) == decision, "decisions are pure")
    }

    @Test("levels A, D, F, O, X and heads", arguments: levelCases)
    func levels(_ rule: AccessRuleCase) { Self.check(rule) }

    @Test("U, D and DR members; the highest level wins", arguments: roleCases)
    func roleMembers(_ rule: AccessRuleCase) { Self.check(rule) }

    @Test("stage-specific values override entity-wide ones", arguments: stageCases)
    func stages(_ rule: AccessRuleCase) { Self.check(rule) }

    @Test("pipelines are separate permission entities", arguments: pipelineCases)
    func pipelines(_ rule: AccessRuleCase) { Self.check(rule) }

    @Test("observers read only, with some READ level", arguments: observerCases)
    func observers(_ rule: AccessRuleCase) { Self.check(rule) }

    @Test("write, delete and export need READ", arguments: writeCases)
    func writes(_ rule: AccessRuleCase) { Self.check(rule) }

    @Test("TRANSITION settings", arguments: transitionCases)
    func transitions(_ rule: AccessRuleCase) { Self.check(rule) }

    @Test("ADD levels and the responsible person", arguments: addCases)
    func adds(_ rule: AccessRuleCase) { Self.check(rule) }

    @Test("administrators, inactive and unknown users, CONFIG", arguments: userCases)
    func users(_ rule: AccessRuleCase) { Self.check(rule) }

    @Test("a refused TRANSITION names the TRANSITION row and role that refused it")
    func transitionRefusalNamesItsRow() {
        let request = AccessRequest(user: 22, operation: .transition, subject: c3(80, of: 61, stage: "C3:NEW"), targetStage: "C3:PREPARATION")
        let decision = Self.policy.decide(request)
        #expect(!decision.isAllowed)
        #expect(decision.row?.operation == .transition)
        #expect(decision.row?.stage == "C3:NEW")
        #expect(decision.explanation.contains("role Pipeline 3"))
        #expect(decision.explanation.contains("DEAL_C3[C3:NEW] TRANSITION C3:EXECUTING,C3:LOSE"))
    }

    @Test("inherit without a stage or entity-wide setting means any stage")
    func inheritMeansAny() throws {
        let rows: [RolePermission] = [
            RolePermission(entity: "DEAL", operation: .read, level: .all),
            RolePermission(entity: "DEAL", operation: .write, level: .all),
            RolePermission(entity: "DEAL", operation: .transition, transition: .inherit),
            RolePermission(entity: "LEAD", operation: .read, level: .all),
            RolePermission(entity: "LEAD", operation: .write, level: .all),
            RolePermission(entity: "LEAD", operation: .transition, stage: "NEW", transition: .inherit),
        ]
        let policy = Bitrix24AccessPolicy(
            orgChart: try AccessFixture.orgChart(), roles: [Role(id: 1, name: "Inherit", permissions: rows, members: [.user(21)])])
        let entityWide = policy.decide(AccessRequest(user: 21, operation: .transition, subject: deal(1, of: 61), targetStage: "WON"))
        #expect(entityWide.isAllowed, "\(entityWide.explanation)")
        let stageOnly = policy.decide(
            AccessRequest(user: 21, operation: .transition, subject: lead(1, of: 61), targetStage: "IN_PROCESS"))
        #expect(stageOnly.isAllowed, "\(stageOnly.explanation)")
    }

    @Test("an inactive portal administrator is denied")
    func inactiveAdministrator() throws {
        var chart = try AccessFixture.orgChart()
        try chart.updateUser(OrgUser(id: 1, departments: [1], isActive: false, isPortalAdministrator: true))
        let policy = Bitrix24AccessPolicy(orgChart: chart, roles: AccessFixture.roles)
        let decision = policy.decide(AccessRequest(user: 1, operation: .read, subject: deal(1, of: 21)))
        #expect(!decision.isAllowed)
        #expect(decision.explanation == "user 1 is inactive")
        #expect(!policy.decide(AccessRequest(user: 1, operation: .configure, subject: .settings)).isAllowed)
        #expect(policy.readFilter(for: 1, entityType: .deal) == .or([]))
    }

    // MARK: Building blocks

    @Test("roles reach users through U, D and DR")
    func rolesOfUsers() {
        let policy = Self.policy
        #expect(policy.roles(of: 32).map(\.name) == ["North team", "Auditor", "Support desk"])
        #expect(policy.roles(of: 71).map(\.name) == ["North team"])
        #expect(policy.roles(of: 31).map(\.name) == ["North team"])
        #expect(policy.roles(of: 20).map(\.name) == ["Sales staff"])
        #expect(policy.roles(of: 62).map(\.name) == ["Sales staff", "Support desk"])
        #expect(policy.roles(of: 23).map(\.name) == ["Sales staff", "Pipeline 3", "Pipeline 3 closer"])
        #expect(policy.roles(of: 99).isEmpty)
        #expect(policy.isCRMAdministrator(2))
        #expect(policy.isCRMAdministrator(3))
        #expect(!policy.isCRMAdministrator(60))
        #expect(!policy.isCRMAdministrator(1), "a portal administrator is not a CRM administrator through a role")
    }

    @Test("a CONFIG row at level none makes no CRM administrator")
    func configNone() throws {
        let role = Role(id: 1, name: "Nothing", permissions: [RolePermission(entity: .config, operation: .write)], members: [.user(21)])
        let policy = Bitrix24AccessPolicy(orgChart: try AccessFixture.orgChart(), roles: [role])
        #expect(!policy.isCRMAdministrator(21))
        #expect(!policy.decide(AccessRequest(user: 21, operation: .configure, subject: .settings)).isAllowed)
    }

    @Test("levels have Bitrix24's letters and order")
    func levelLetters() {
        #expect(PermissionLevel.allCases.map(\.letter) == ["", "A", "D", "F", "O", "X"])
        #expect(PermissionLevel.allCases == PermissionLevel.allCases.sorted())
        #expect(PermissionLevel(letter: "F") == .subDepartments)
        #expect(PermissionLevel(letter: "Z") == nil)
        #expect(PermissionLevel(letter: "a") == nil)
        #expect(PermissionLevel.none.description == "none")
        #expect(PermissionLevel.open.description == "O")
    }

    @Test("permission entities name the pipeline")
    func entities() {
        #expect(PermissionEntity(.deal).rawValue == "DEAL")
        #expect(PermissionEntity(.deal, pipeline: 0).rawValue == "DEAL")
        #expect(PermissionEntity(.deal, pipeline: 3).rawValue == "DEAL_C3")
        #expect(PermissionEntity(.lead).rawValue == "LEAD")
        #expect(PermissionEntity(.invoice, pipeline: 1).rawValue == "SMART_INVOICE_C1")
        #expect(PermissionEntity("DEAL_C3").subject?.entityType == .deal)
        #expect(PermissionEntity("DEAL_C3").subject?.pipeline == 3)
        #expect(PermissionEntity("DEAL").subject?.pipeline == 0)
        #expect(PermissionEntity("SMART_INVOICE_C1").subject?.entityType == .invoice)
        #expect(PermissionEntity.config.subject == nil)
        #expect(PermissionEntity("DEAL_CX").subject == nil)
    }

    @Test("role members have Bitrix24's access codes")
    func memberCodes() {
        #expect(RoleMember(code: "U10") == .user(10))
        #expect(RoleMember(code: "D1") == .department(1))
        #expect(RoleMember(code: "DR1") == .departmentWithSubdepartments(1))
        for bad in ["X1", "U", "D", "DR", "DRx", "", "u10"] { #expect(RoleMember(code: bad) == nil, "\(bad)") }
        for member: RoleMember in [.user(10), .department(2), .departmentWithSubdepartments(3)] {
            #expect(RoleMember(code: member.code) == member)
        }
    }

    @Test("rows summarise themselves")
    func rowSummaries() {
        #expect(RolePermission(entity: "DEAL", operation: .read, level: .department).summary == "DEAL READ D")
        #expect(RolePermission(entity: "DEAL", operation: .write, level: .own, stage: "WON").summary == "DEAL[WON] WRITE A")
        #expect(
            RolePermission(entity: "DEAL", operation: .transition, stage: "NEW", transition: .stages(["PREPARATION", "LOSE"])).summary
                == "DEAL[NEW] TRANSITION PREPARATION,LOSE")
        #expect(RolePermission(entity: "DEAL", operation: .transition, transition: .blocked).summary == "DEAL TRANSITION blocked")
        #expect(RolePermission(entity: "DEAL", operation: .transition).summary == "DEAL TRANSITION inherit")
    }

    @Test("an item's subject is read from its fields")
    func subjectOfItem() {
        var deal = Deal()
        deal.id = 7
        deal.categoryID = 3
        deal.stageID = "C3:NEW"
        deal.assignedByID = 21
        deal.isOpened = true
        deal.observerIDs = [61, 62]
        let subject = AccessSubject(deal)
        #expect(subject.entityType == .deal)
        #expect(subject.item == ItemReference(.deal, 7))
        #expect(subject.pipeline == 3)
        #expect(subject.stage == "C3:NEW")
        #expect(subject.responsible == 21)
        #expect(subject.isOpened)
        #expect(subject.observers == [61, 62])
        var lead = Lead()
        lead.stageID = "IN_PROCESS"
        let leadSubject = AccessSubject(lead)
        #expect(leadSubject.item == nil, "an item not created yet has no reference")
        #expect(leadSubject.stage == "IN_PROCESS")
        #expect(leadSubject.pipeline == nil)
        #expect(!leadSubject.isOpened)
    }
}

@Suite("Access: TRANSITION across roles")
struct TransitionCombinationTests {
    @Test("a role whose WRITE reaches the item without TRANSITION rows allows any stage beside entity-wide limits; stage rows win")
    func writeWithoutTransitionRows() throws {
        let chart = try OrgChart(departments: [Department(id: 1, name: "Sales")], users: [OrgUser(id: 5, departments: [1]), OrgUser(id: 6, departments: [1])])
        let free = Role(id: 1, name: "Free", permissions: [
            RolePermission(entity: "DEAL", operation: .read, level: .all), RolePermission(entity: "DEAL", operation: .write, level: .own),
        ], members: [.user(5)])
        let limited = Role(id: 2, name: "Limited", permissions: [
            RolePermission(entity: "DEAL", operation: .read, level: .all), RolePermission(entity: "DEAL", operation: .write, level: .all),
            RolePermission(entity: "DEAL", operation: .transition, transition: .stages(["PREPARATION"])),
        ], members: [.user(5)])
        let stageBlock = Role(id: 3, name: "Stage block", permissions: [
            RolePermission(entity: "DEAL", operation: .transition, stage: "NEW", transition: .blocked),
        ], members: [.user(5)])
        func request(owner: UserID) -> AccessRequest {
            var deal = Deal()
            deal.id = 1
            deal.stageID = "NEW"
            deal.assignedByID = owner
            return AccessRequest(user: 5, operation: .transition, subject: AccessSubject(deal), targetStage: "WON")
        }
        // Own deal: Free's WRITE reaches it and it has no TRANSITION rows, so any stage.
        #expect(Bitrix24AccessPolicy(orgChart: chart, roles: [free, limited]).decide(request(owner: 5)).isAllowed)
        // A colleague's deal: Free's WRITE does not reach it, so only Limited's list applies.
        let colleague = Bitrix24AccessPolicy(orgChart: chart, roles: [free, limited]).decide(request(owner: 6))
        #expect(!colleague.isAllowed)
        #expect(colleague.explanation.contains("allows PREPARATION, not WON"))
        // A stage-specific row in any role wins over entity-wide values and role defaults.
        let blocked = Bitrix24AccessPolicy(orgChart: chart, roles: [free, limited, stageBlock]).decide(request(owner: 5))
        #expect(!blocked.isAllowed)
        #expect(blocked.explanation.contains("the TRANSITION setting allows none, not WON"))
    }
}
