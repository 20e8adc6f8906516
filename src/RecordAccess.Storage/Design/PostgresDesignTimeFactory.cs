using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RecordAccess.Storage.Model;

namespace RecordAccess.Storage.Design;

/// <summary>
/// What <c>dotnet ef ... --context PostgresPolicyDbContext</c> builds: the PostgreSQL model, whose migrations
/// and snapshot live in <c>Migrations/Postgres</c>. The default connection string is never opened by
/// <c>migrations add</c> or <c>has-pending-model-changes</c>, so no server is needed for them.
/// </summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPolicyDbContext>
{
    public PostgresPolicyDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgresPolicyDbContext>()
            .UseNpgsql(DesignTimeArguments.Connection(args, "Host=localhost;Database=recordaccess_design"))
            .Options);
}
