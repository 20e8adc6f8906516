using System.CommandLine;
using RecordAccess.Storage;

namespace RecordAccess.Cli.Store;

/// <summary>The <c>--store</c> and <c>--provider</c> options shared by the commands that read or write the policy store.</summary>
internal sealed class StoreArguments
{
    public Option<string> Store { get; } = new("--store")
    {
        Description = "The policy store: a SQLite file path (created if missing), or with --provider postgres an Npgsql connection string.",
        Required = true,
    };

    public Option<string> Provider { get; } = new("--provider")
    {
        Description = "The store's provider (Storage:Provider): sqlite (default) or postgres.",
        DefaultValueFactory = _ => "sqlite",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Store);
        command.Options.Add(Provider);
    }

    /// <summary>Reads the options; on a bad value writes a message naming the option and returns false.</summary>
    public bool TryRead(ParseResult parse, TextWriter stderr, string commandName, out StorageOptions options)
    {
        options = null!;
        var store = parse.GetValue(Store);
        if (string.IsNullOrWhiteSpace(store))
        {
            stderr.WriteLine($"recordaccess {commandName}: --store is required (a SQLite file path or a PostgreSQL connection string)");
            return false;
        }

        if (!StorageOptions.TryParseProvider(parse.GetValue(Provider), out var provider))
        {
            stderr.WriteLine($"recordaccess {commandName}: --provider must be sqlite or postgres, not '{parse.GetValue(Provider)}'");
            return false;
        }

        options = new StorageOptions { Provider = provider, ConnectionString = store };
        return true;
    }
}
