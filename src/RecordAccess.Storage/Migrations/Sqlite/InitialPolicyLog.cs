using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RecordAccess.Storage.Model;

namespace RecordAccess.Storage.Migrations.Sqlite;

/// <summary>
/// The policy log, idempotency keys and decision audit on SQLite. Written by hand before the EF Core design-time
/// package could be had here (decision S7, superseded by 0070; later migrations are scaffolded with dotnet-ef, see
/// the Storage README); the contract suite checks that the EF model reads and writes every table this creates.
/// </summary>
[DbContext(typeof(SqlitePolicyDbContext))]
[Migration("20261121000001_InitialPolicyLog")]
internal sealed class InitialPolicyLog : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "policy_events",
            columns: t => new
            {
                version = t.Column<long>(type: "INTEGER", nullable: false),
                recorded_at = t.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                kind = t.Column<string>(type: "TEXT", nullable: false),
                actor_kind = t.Column<string>(type: "TEXT", nullable: false),
                actor_id = t.Column<string>(type: "TEXT", nullable: false),
                actor_ods = t.Column<string>(type: "TEXT", nullable: true),
                actor_role = t.Column<string>(type: "TEXT", nullable: true),
                reason = t.Column<string>(type: "TEXT", nullable: true),
                nhs_number = t.Column<string>(type: "TEXT", nullable: true),
                ods = t.Column<string>(type: "TEXT", nullable: true),
                item_id = t.Column<string>(type: "TEXT", nullable: true),
                code = t.Column<string>(type: "TEXT", nullable: true),
                first_date = t.Column<DateOnly>(type: "TEXT", nullable: true),
                second_date = t.Column<DateOnly>(type: "TEXT", nullable: true),
                flag = t.Column<bool>(type: "INTEGER", nullable: true),
            },
            constraints: t => t.PrimaryKey("pk_policy_events", x => x.version));
        migrationBuilder.CreateIndex("ix_policy_events_nhs_number", "policy_events", "nhs_number");
        migrationBuilder.CreateIndex("ix_policy_events_ods_kind", "policy_events", ["ods", "kind"]);

        migrationBuilder.CreateTable(
            name: "policy_idempotency",
            columns: t => new
            {
                idempotency_key = t.Column<string>(type: "TEXT", nullable: false),
                fingerprint = t.Column<string>(type: "TEXT", nullable: false),
                first_version = t.Column<long>(type: "INTEGER", nullable: false),
                last_version = t.Column<long>(type: "INTEGER", nullable: false),
                recorded_at = t.Column<DateTimeOffset>(type: "TEXT", nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_policy_idempotency", x => x.idempotency_key));

        migrationBuilder.CreateTable(
            name: "decision_audit",
            columns: t => new
            {
                decision_id = t.Column<string>(type: "TEXT", nullable: false),
                recorded_at = t.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                caller = t.Column<string>(type: "TEXT", nullable: false),
                nhs_number = t.Column<string>(type: "TEXT", nullable: false),
                state_version = t.Column<long>(type: "INTEGER", nullable: false),
                rule_set_version = t.Column<string>(type: "TEXT", nullable: false),
                decisions = t.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: t => t.PrimaryKey("pk_decision_audit", x => x.decision_id));
        migrationBuilder.CreateIndex("ix_decision_audit_nhs_number", "decision_audit", "nhs_number");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("decision_audit");
        migrationBuilder.DropTable("policy_idempotency");
        migrationBuilder.DropTable("policy_events");
    }
}
