using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecordAccess.Storage.Migrations.Sqlite
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
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    part = table.Column<int>(type: "INTEGER", nullable: false),
                    format = table.Column<int>(type: "INTEGER", nullable: false),
                    data = table.Column<byte[]>(type: "BLOB", nullable: false)
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
