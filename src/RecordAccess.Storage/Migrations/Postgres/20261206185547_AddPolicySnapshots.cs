using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecordAccess.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddPolicySnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "policy_snapshots",
                columns: table => new
                {
                    version = table.Column<long>(type: "bigint", nullable: false),
                    part = table.Column<int>(type: "integer", nullable: false),
                    format = table.Column<int>(type: "integer", nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_snapshots", x => new { x.version, x.part });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "policy_snapshots");
        }
    }
}
