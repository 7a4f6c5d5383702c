/// One question to an access policy: may this user do this to this item (and move it to that stage)?
public struct AccessRequest: Hashable, Sendable {
    /// Who asks.
    public var user: UserID
    /// What they want to do.
    public var operation: AccessOperation
    /// The item, as stored (or as it would be created).
    public var subject: AccessSubject
    /// For a stage move, the stage it would move to.
    public var targetStage: StatusID?

    /// Makes a request.
    public init(user: UserID, operation: AccessOperation, subject: AccessSubject, targetStage: StatusID? = nil) {
        self.user = user
        self.operation = operation
        self.subject = subject
        self.targetStage = targetStage
    }
}
