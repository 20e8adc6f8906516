using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecordAccess.Storage.Migrations.Sqlite
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
                    incident_id = table.Column<string>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    decision_id = table.Column<string>(type: "TEXT", nullable: false),
                    entry_id = table.Column<string>(type: "TEXT", nullable: false),
                    audited_reason = table.Column<string>(type: "TEXT", nullable: false),
                    replayed_reason = table.Column<string>(type: "TEXT", nullable: false),
                    reproduced = table.Column<bool>(type: "INTEGER", nullable: false),
                    state_version = table.Column<long>(type: "INTEGER", nullable: false),
                    rule_set_version = table.Column<string>(type: "TEXT", nullable: false),
                    flags = table.Column<string>(type: "TEXT", nullable: true),
                    deciding_fact = table.Column<string>(type: "TEXT", nullable: false),
                    fact_recorded_by = table.Column<string>(type: "TEXT", nullable: true),
                    fact_recorded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    fact_version = table.Column<long>(type: "INTEGER", nullable: true),
                    today_reason = table.Column<string>(type: "TEXT", nullable: false),
                    differs_today = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_replays", x => new { x.incident_id, x.position });
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    incident_id = table.Column<string>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ods = table.Column<string>(type: "TEXT", nullable: false),
                    nhs_number = table.Column<string>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", nullable: false),
                    harm = table.Column<string>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    decision_ids = table.Column<string>(type: "TEXT", nullable: false),
                    entry_ids = table.Column<string>(type: "TEXT", nullable: false),
                    actor_kind = table.Column<string>(type: "TEXT", nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", nullable: false),
                    actor_ods = table.Column<string>(type: "TEXT", nullable: true),
                    actor_role = table.Column<string>(type: "TEXT", nullable: true),
                    idempotency_key = table.Column<string>(type: "TEXT", nullable: true),
                    fingerprint = table.Column<string>(type: "TEXT", nullable: false)
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
            foreach (var table in new[] { "incidents", "incident_replays" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "incidents", "incident_replays" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_no_update;");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_no_delete;");
            }

            migrationBuilder.DropTable(
                name: "incident_replays");

            migrationBuilder.DropTable(
                name: "incidents");
        }
    }
}
