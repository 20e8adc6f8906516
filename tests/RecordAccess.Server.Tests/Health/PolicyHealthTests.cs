using Grpc.Health.V1;
using Microsoft.Data.Sqlite;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;
using WireStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace RecordAccess.Server.Tests.Health;

/// <summary>The policy services go NOT_SERVING while the shared log cannot be read, and SERVING again once it can.</summary>
public sealed class PolicyHealthTests
{
    [Fact]
    public async Task Check_StoreUnreadableThenReadable_NotServingThenServing()
    {
        using var host = new AdminHost();
        using var channel = host.CreateChannel();
        var client = new global::Grpc.Health.V1.Health.HealthClient(channel);
        var serving = await WaitForAsync(client, "recordaccess.v1.RecordAccessAdmin", WireStatus.Serving);

        // A real failure of the follower's read: the log's table disappears (as after a bad migration), then comes back.
        await ExecuteAsync(host.StorePath, "ALTER TABLE policy_events RENAME TO policy_events_away");
        var down = await WaitForAsync(client, "recordaccess.v1.RecordAccessAdmin", WireStatus.NotServing);
        var serverDown = await WaitForAsync(client, "", WireStatus.NotServing);
        await ExecuteAsync(host.StorePath, "ALTER TABLE policy_events_away RENAME TO policy_events");
        var up = await WaitForAsync(client, "recordaccess.v1.RecordAccessAdmin", WireStatus.Serving);

        Assert.Equal([WireStatus.Serving, WireStatus.NotServing, WireStatus.NotServing, WireStatus.Serving], [serving, down, serverDown, up]);
    }

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<WireStatus> WaitForAsync(global::Grpc.Health.V1.Health.HealthClient client, string service, WireStatus wanted)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (true)
        {
            var status = (await client.CheckAsync(new HealthCheckRequest { Service = service })).Status;
            if (status == wanted || DateTimeOffset.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(50);
        }
    }
}
