using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecordAccess.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddNearMissEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "near_miss_events",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ods = table.Column<string>(type: "TEXT", nullable: true),
                    nhs_number = table.Column<string>(type: "TEXT", nullable: true),
                    decision_id = table.Column<string>(type: "TEXT", nullable: true),
                    detail = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_near_miss_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_policy_events_recorded_at",
                table: "policy_events",
                column: "recorded_at");

            migrationBuilder.CreateIndex(
                name: "ix_near_miss_events_occurred_at",
                table: "near_miss_events",
                column: "occurred_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "near_miss_events");

            migrationBuilder.DropIndex(
                name: "ix_policy_events_recorded_at",
                table: "policy_events");
        }
    }
}
