using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecordAccess.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddCompactAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "attention",
                table: "decision_audit",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "payload",
                table: "decision_audit",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "practice_ods",
                table: "decision_audit",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_decision_audit_attention_ods",
                table: "decision_audit",
                columns: new[] { "practice_ods", "recorded_at" },
                filter: "attention IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_decision_audit_attention_recorded_at",
                table: "decision_audit",
                column: "recorded_at",
                filter: "attention IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_decision_audit_attention_ods",
                table: "decision_audit");

            migrationBuilder.DropIndex(
                name: "ix_decision_audit_attention_recorded_at",
                table: "decision_audit");

            migrationBuilder.DropColumn(
                name: "attention",
                table: "decision_audit");

            migrationBuilder.DropColumn(
                name: "payload",
                table: "decision_audit");

            migrationBuilder.DropColumn(
                name: "practice_ods",
                table: "decision_audit");
        }
    }
}
