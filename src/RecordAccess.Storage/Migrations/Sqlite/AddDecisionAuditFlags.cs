using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RecordAccess.Storage.Model;

namespace RecordAccess.Storage.Migrations.Sqlite;

/// <summary>
/// The rollout switches resolved for each audited request (<c>decision_audit.flags</c>), so every decision can be
/// reproduced. Nullable: records written before the switches existed have none. Written by hand, as the first migration (decision S7, superseded by 0070).
/// </summary>
[DbContext(typeof(SqlitePolicyDbContext))]
[Migration("20261201000001_AddDecisionAuditFlags")]
internal sealed class AddDecisionAuditFlags : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "flags", table: "decision_audit", type: "TEXT", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "flags", table: "decision_audit");
}
