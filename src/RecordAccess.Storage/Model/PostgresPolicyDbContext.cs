using Microsoft.EntityFrameworkCore;

namespace RecordAccess.Storage.Model;

/// <summary>The model on PostgreSQL; its migrations are in <c>Migrations/Postgres</c>.</summary>
internal sealed class PostgresPolicyDbContext(DbContextOptions<PostgresPolicyDbContext> options) : PolicyDbContext(options);
