using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RecordAccess.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddIncidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "incident_replays",
                columns: table => new
                {
                    incident_id = table.Column<string>(type: "text", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    decision_id = table.Column<string>(type: "text", nullable: false),
                    entry_id = table.Column<string>(type: "text", nullable: false),
                    audited_reason = table.Column<string>(type: "text", nullable: false),
                    replayed_reason = table.Column<string>(type: "text", nullable: false),
                    reproduced = table.Column<bool>(type: "boolean", nullable: false),
                    state_version = table.Column<long>(type: "bigint", nullable: false),
                    rule_set_version = table.Column<string>(type: "text", nullable: false),
                    flags = table.Column<string>(type: "text", nullable: true),
                    deciding_fact = table.Column<string>(type: "text", nullable: false),
                    fact_recorded_by = table.Column<string>(type: "text", nullable: true),
                    fact_recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    fact_version = table.Column<long>(type: "bigint", nullable: true),
                    today_reason = table.Column<string>(type: "text", nullable: false),
                    differs_today = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_replays", x => new { x.incident_id, x.position });
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    incident_id = table.Column<string>(type: "text", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ods = table.Column<string>(type: "text", nullable: false),
                    nhs_number = table.Column<string>(type: "text", nullable: false),
                    category = table.Column<string>(type: "text", nullable: false),
                    harm = table.Column<string>(type: "text", nullable: false),
                    outcome = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decision_ids = table.Column<string>(type: "text", nullable: false),
                    entry_ids = table.Column<string>(type: "text", nullable: false),
                    actor_kind = table.Column<string>(type: "text", nullable: false),
                    actor_id = table.Column<string>(type: "text", nullable: false),
                    actor_ods = table.Column<string>(type: "text", nullable: true),
                    actor_role = table.Column<string>(type: "text", nullable: true),
                    idempotency_key = table.Column<string>(type: "text", nullable: true),
                    fingerprint = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.sequence);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incident_replays_decision_id",
                table: "incident_replays",
                column: "decision_id");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_ods",
                table: "incidents",
                column: "ods");

            migrationBuilder.CreateIndex(
                name: "ux_incidents_idempotency_key",
                table: "incidents",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_incidents_incident_id",
                table: "incidents",
                column: "incident_id",
                unique: true);

            // Append-only (decision 0113): the database itself refuses to update or delete an incident or a replay.
            migrationBuilder.Sql("CREATE FUNCTION incidents_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END; $$;");
            foreach (var table in new[] { "incidents", "incident_replays" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION incidents_append_only();");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "incidents", "incident_replays" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_append_only ON {table};");
            }

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS incidents_append_only();");

            migrationBuilder.DropTable(
                name: "incident_replays");

            migrationBuilder.DropTable(
                name: "incidents");
        }
    }
}
