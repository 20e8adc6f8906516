using Microsoft.EntityFrameworkCore;

namespace RecordAccess.Storage.Model;

/// <summary>The model on SQLite; its migrations are in <c>Migrations/Sqlite</c>.</summary>
internal sealed class SqlitePolicyDbContext(DbContextOptions<SqlitePolicyDbContext> options) : PolicyDbContext(options);
