using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RecordAccess.Storage.Model;

namespace RecordAccess.Storage.Design;

/// <summary>
/// What <c>dotnet ef ... --context SqlitePolicyDbContext</c> builds: the SQLite model, whose migrations and
/// snapshot live in <c>Migrations/Sqlite</c>. Only the tools use it; the store builds its own context.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePolicyDbContext>
{
    public SqlitePolicyDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqlitePolicyDbContext>()
            .UseSqlite(DesignTimeArguments.Connection(args, "Data Source=:memory:"))
            .Options);
}
