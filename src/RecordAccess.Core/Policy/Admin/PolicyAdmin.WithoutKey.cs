namespace RecordAccess.Core.Policy.Admin;

/// <summary>
/// Each write without an idempotency key, for callers that do not retry (the CLI, demo data) and for source
/// compatibility; each is the keyed overload with a null key.
/// </summary>
public sealed partial class PolicyAdmin
{
    /// <summary>As <see cref="SetPracticeSettingsAsync(ChangeContext, string?, string?, bool, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="ods">See the keyed overload.</param>
    /// <param name="switchOnDate">See the keyed overload.</param>
    /// <param name="optedOut">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> SetPracticeSettingsAsync(ChangeContext context, string? ods, string? switchOnDate, bool optedOut, CancellationToken cancellationToken = default) =>
        SetPracticeSettingsAsync(context, ods, switchOnDate, optedOut, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="RegisterPatientAsync(ChangeContext, string?, string?, string?, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="ods">See the keyed overload.</param>
    /// <param name="dateOfBirth">See the keyed overload.</param>
    /// <param name="registrationDate">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RegisterPatientAsync(ChangeContext context, string? nhsNumber, string? ods, string? dateOfBirth, string? registrationDate, CancellationToken cancellationToken = default) =>
        RegisterPatientAsync(context, nhsNumber, ods, dateOfBirth, registrationDate, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="RecordPatientCodeAsync(ChangeContext, string?, string?, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="code">See the keyed overload.</param>
    /// <param name="effectiveDate">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RecordPatientCodeAsync(ChangeContext context, string? nhsNumber, string? code, string? effectiveDate, CancellationToken cancellationToken = default) =>
        RecordPatientCodeAsync(context, nhsNumber, code, effectiveDate, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="RestrictPatientAsync(ChangeContext, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RestrictPatientAsync(ChangeContext context, string? nhsNumber, CancellationToken cancellationToken = default) =>
        RestrictPatientAsync(context, nhsNumber, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="LiftRestrictionAsync(ChangeContext, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> LiftRestrictionAsync(ChangeContext context, string? nhsNumber, CancellationToken cancellationToken = default) =>
        LiftRestrictionAsync(context, nhsNumber, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="RaiseSafeguardingFlagAsync(ChangeContext, string?, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="flagId">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RaiseSafeguardingFlagAsync(ChangeContext context, string? nhsNumber, string? flagId, CancellationToken cancellationToken = default) =>
        RaiseSafeguardingFlagAsync(context, nhsNumber, flagId, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="ResolveSafeguardingFlagAsync(ChangeContext, string?, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="flagId">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> ResolveSafeguardingFlagAsync(ChangeContext context, string? nhsNumber, string? flagId, CancellationToken cancellationToken = default) =>
        ResolveSafeguardingFlagAsync(context, nhsNumber, flagId, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="GrantIndividualAccessAsync(ChangeContext, string?, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="grantDate">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> GrantIndividualAccessAsync(ChangeContext context, string? nhsNumber, string? grantDate, CancellationToken cancellationToken = default) =>
        GrantIndividualAccessAsync(context, nhsNumber, grantDate, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="RevokeIndividualAccessAsync(ChangeContext, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RevokeIndividualAccessAsync(ChangeContext context, string? nhsNumber, CancellationToken cancellationToken = default) =>
        RevokeIndividualAccessAsync(context, nhsNumber, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="SetIndividualStartDateAsync(ChangeContext, string?, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="startDate">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> SetIndividualStartDateAsync(ChangeContext context, string? nhsNumber, string? startDate, CancellationToken cancellationToken = default) =>
        SetIndividualStartDateAsync(context, nhsNumber, startDate, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="RemoveIndividualStartDateAsync(ChangeContext, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RemoveIndividualStartDateAsync(ChangeContext context, string? nhsNumber, CancellationToken cancellationToken = default) =>
        RemoveIndividualStartDateAsync(context, nhsNumber, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="GrantHistoricAccessAsync(ChangeContext, string?, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="fromDate">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> GrantHistoricAccessAsync(ChangeContext context, string? nhsNumber, string? fromDate, CancellationToken cancellationToken = default) =>
        GrantHistoricAccessAsync(context, nhsNumber, fromDate, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="RevokeHistoricAccessAsync(ChangeContext, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RevokeHistoricAccessAsync(ChangeContext context, string? nhsNumber, CancellationToken cancellationToken = default) =>
        RevokeHistoricAccessAsync(context, nhsNumber, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="RedactEntryAsync(ChangeContext, string?, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="entryId">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> RedactEntryAsync(ChangeContext context, string? nhsNumber, string? entryId, CancellationToken cancellationToken = default) =>
        RedactEntryAsync(context, nhsNumber, entryId, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="UnredactEntryAsync(ChangeContext, string?, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="entryId">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> UnredactEntryAsync(ChangeContext context, string? nhsNumber, string? entryId, CancellationToken cancellationToken = default) =>
        UnredactEntryAsync(context, nhsNumber, entryId, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="ReleaseEntryAsync(ChangeContext, string?, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="entryId">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> ReleaseEntryAsync(ChangeContext context, string? nhsNumber, string? entryId, CancellationToken cancellationToken = default) =>
        ReleaseEntryAsync(context, nhsNumber, entryId, idempotencyKey: null, cancellationToken);

    /// <summary>As <see cref="WithdrawReleaseAsync(ChangeContext, string?, string?, string?, CancellationToken)"/> without an idempotency key.</summary>
    /// <param name="context">Who and why.</param>
    /// <param name="nhsNumber">See the keyed overload.</param>
    /// <param name="entryId">See the keyed overload.</param>
    /// <param name="cancellationToken">Cancels the change before it commits.</param>
    public Task<AdminResult> WithdrawReleaseAsync(ChangeContext context, string? nhsNumber, string? entryId, CancellationToken cancellationToken = default) =>
        WithdrawReleaseAsync(context, nhsNumber, entryId, idempotencyKey: null, cancellationToken);
}
