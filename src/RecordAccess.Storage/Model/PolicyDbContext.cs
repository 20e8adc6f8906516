using Microsoft.EntityFrameworkCore;

namespace RecordAccess.Storage.Model;

/// <summary>
/// The one EF Core model of the store. Each provider has a subclass only so that its hand-written
/// migrations (<c>Migrations/Sqlite</c>, <c>Migrations/Postgres</c>) attach to it.
/// </summary>
internal abstract class PolicyDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<EventRow> Events => Set<EventRow>();

    public DbSet<IdempotencyRow> IdempotencyKeys => Set<IdempotencyRow>();

    public DbSet<AuditRow> Audit => Set<AuditRow>();

    public DbSet<SnapshotPartRow> SnapshotParts => Set<SnapshotPartRow>();

    public DbSet<IncidentRow> Incidents => Set<IncidentRow>();

    public DbSet<IncidentReplayRow> IncidentReplays => Set<IncidentReplayRow>();

    public DbSet<NearMissEventRow> NearMissEvents => Set<NearMissEventRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EventRow>(e =>
        {
            e.ToTable("policy_events");
            e.HasKey(x => x.Version).HasName("pk_policy_events");
            e.Property(x => x.Version).HasColumnName("version").ValueGeneratedNever();
            e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.ActorKind).HasColumnName("actor_kind");
            e.Property(x => x.ActorId).HasColumnName("actor_id");
            e.Property(x => x.ActorOds).HasColumnName("actor_ods");
            e.Property(x => x.ActorRole).HasColumnName("actor_role");
            e.Property(x => x.Reason).HasColumnName("reason");
            e.Property(x => x.NhsNumber).HasColumnName("nhs_number");
            e.Property(x => x.Ods).HasColumnName("ods");
            e.Property(x => x.ItemId).HasColumnName("item_id");
            e.Property(x => x.Code).HasColumnName("code");
            e.Property(x => x.FirstDate).HasColumnName("first_date");
            e.Property(x => x.SecondDate).HasColumnName("second_date");
            e.Property(x => x.Flag).HasColumnName("flag");
            e.HasIndex(x => x.NhsNumber).HasDatabaseName("ix_policy_events_nhs_number");
            e.HasIndex(x => new { x.Ods, x.Kind }).HasDatabaseName("ix_policy_events_ods_kind");
        });

        modelBuilder.Entity<IdempotencyRow>(e =>
        {
            e.ToTable("policy_idempotency");
            e.HasKey(x => x.Key).HasName("pk_policy_idempotency");
            e.Property(x => x.Key).HasColumnName("idempotency_key");
            e.Property(x => x.Fingerprint).HasColumnName("fingerprint");
            e.Property(x => x.FirstVersion).HasColumnName("first_version");
            e.Property(x => x.LastVersion).HasColumnName("last_version");
            e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
        });

        modelBuilder.Entity<AuditRow>(e =>
        {
            e.ToTable("decision_audit");
            e.HasKey(x => x.DecisionId).HasName("pk_decision_audit");
            e.Property(x => x.DecisionId).HasColumnName("decision_id");
            e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
            e.Property(x => x.Caller).HasColumnName("caller");
            e.Property(x => x.NhsNumber).HasColumnName("nhs_number");
            e.Property(x => x.StateVersion).HasColumnName("state_version");
            e.Property(x => x.RuleSetVersion).HasColumnName("rule_set_version");
            e.Property(x => x.Decisions).HasColumnName("decisions");
            e.Property(x => x.Flags).HasColumnName("flags");
            e.HasIndex(x => x.NhsNumber).HasDatabaseName("ix_decision_audit_nhs_number");
        });

        // AddCompactAudit (decision 0108): the compact payload, the practice and the attention marker, with partial
        // indexes over the few rows needing attention (by time nationally, by practice and time per practice).
        modelBuilder.Entity<AuditRow>(e =>
        {
            e.Property(x => x.Payload).HasColumnName("payload");
            e.Property(x => x.PracticeOds).HasColumnName("practice_ods");
            e.Property(x => x.Attention).HasColumnName("attention");
            e.HasIndex(x => x.RecordedAt).HasDatabaseName("ix_decision_audit_attention_recorded_at").HasFilter("attention IS NOT NULL");
            e.HasIndex(x => new { x.PracticeOds, x.RecordedAt }).HasDatabaseName("ix_decision_audit_attention_ods").HasFilter("attention IS NOT NULL");
        });

        modelBuilder.Entity<SnapshotPartRow>(e =>
        {
            e.ToTable("policy_snapshots");
            e.HasKey(x => new { x.Version, x.Part }).HasName("pk_policy_snapshots");
            e.Property(x => x.Version).HasColumnName("version").ValueGeneratedNever();
            e.Property(x => x.Part).HasColumnName("part").ValueGeneratedNever();
            e.Property(x => x.Format).HasColumnName("format");
            e.Property(x => x.Data).HasColumnName("data");
        });

        OnIncidentModelCreating(modelBuilder);
        OnNearMissModelCreating(modelBuilder);
    }

    /// <summary>Migration <c>AddNearMissEvents</c> (decision 0119): the runtime near misses, and the policy log by time for the near-miss finder.</summary>
    private static void OnNearMissModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<NearMissEventRow>(e =>
        {
            e.ToTable("near_miss_events");
            e.HasKey(x => x.Id).HasName("pk_near_miss_events");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
            e.Property(x => x.Ods).HasColumnName("ods");
            e.Property(x => x.NhsNumber).HasColumnName("nhs_number");
            e.Property(x => x.DecisionId).HasColumnName("decision_id");
            e.Property(x => x.Detail).HasColumnName("detail");
            e.HasIndex(x => x.OccurredAt).HasDatabaseName("ix_near_miss_events_occurred_at");
        });

        modelBuilder.Entity<EventRow>().HasIndex(x => x.RecordedAt).HasDatabaseName("ix_policy_events_recorded_at");
    }

    /// <summary>Migration <c>AddIncidents</c> (issue 15, decision 0113): incidents and their replays, append-only, never updated or deleted.</summary>
    private static void OnIncidentModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IncidentRow>(e =>
        {
            e.ToTable("incidents");
            e.HasKey(x => x.Sequence).HasName("pk_incidents");
            e.Property(x => x.Sequence).HasColumnName("sequence").ValueGeneratedOnAdd();
            e.Property(x => x.IncidentId).HasColumnName("incident_id");
            e.Property(x => x.RecordedAt).HasColumnName("recorded_at");
            e.Property(x => x.Ods).HasColumnName("ods");
            e.Property(x => x.NhsNumber).HasColumnName("nhs_number");
            e.Property(x => x.Category).HasColumnName("category");
            e.Property(x => x.Harm).HasColumnName("harm");
            e.Property(x => x.Outcome).HasColumnName("outcome");
            e.Property(x => x.Description).HasColumnName("description");
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
            e.Property(x => x.DecisionIds).HasColumnName("decision_ids");
            e.Property(x => x.EntryIds).HasColumnName("entry_ids");
            e.Property(x => x.ActorKind).HasColumnName("actor_kind");
            e.Property(x => x.ActorId).HasColumnName("actor_id");
            e.Property(x => x.ActorOds).HasColumnName("actor_ods");
            e.Property(x => x.ActorRole).HasColumnName("actor_role");
            e.Property(x => x.IdempotencyKey).HasColumnName("idempotency_key");
            e.Property(x => x.Fingerprint).HasColumnName("fingerprint");
            e.HasIndex(x => x.IncidentId).IsUnique().HasDatabaseName("ux_incidents_incident_id");
            e.HasIndex(x => x.IdempotencyKey).IsUnique().HasDatabaseName("ux_incidents_idempotency_key");
            e.HasIndex(x => x.Ods).HasDatabaseName("ix_incidents_ods");
        });

        modelBuilder.Entity<IncidentReplayRow>(e =>
        {
            e.ToTable("incident_replays");
            e.HasKey(x => new { x.IncidentId, x.Position }).HasName("pk_incident_replays");
            e.Property(x => x.IncidentId).HasColumnName("incident_id");
            e.Property(x => x.Position).HasColumnName("position").ValueGeneratedNever();
            e.Property(x => x.DecisionId).HasColumnName("decision_id");
            e.Property(x => x.EntryId).HasColumnName("entry_id");
            e.Property(x => x.AuditedReason).HasColumnName("audited_reason");
            e.Property(x => x.ReplayedReason).HasColumnName("replayed_reason");
            e.Property(x => x.Reproduced).HasColumnName("reproduced");
            e.Property(x => x.StateVersion).HasColumnName("state_version");
            e.Property(x => x.RuleSetVersion).HasColumnName("rule_set_version");
            e.Property(x => x.Flags).HasColumnName("flags");
            e.Property(x => x.DecidingFact).HasColumnName("deciding_fact");
            e.Property(x => x.FactRecordedBy).HasColumnName("fact_recorded_by");
            e.Property(x => x.FactRecordedAt).HasColumnName("fact_recorded_at");
            e.Property(x => x.FactVersion).HasColumnName("fact_version");
            e.Property(x => x.TodayReason).HasColumnName("today_reason");
            e.Property(x => x.DiffersToday).HasColumnName("differs_today");
            e.HasIndex(x => x.DecisionId).HasDatabaseName("ix_incident_replays_decision_id");
        });
    }
}
