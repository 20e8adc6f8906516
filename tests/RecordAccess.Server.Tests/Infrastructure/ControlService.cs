using System.Globalization;
using Grpc.Core;
using RecordAccess.Server.Tests.Control;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>The test-only service behind recordaccess.testing.v1.Control: the interop hosts' clock and national pause.</summary>
internal sealed class ControlService(SettableClock clock, SwitchableConfiguration configuration) : Control.Control.ControlBase
{
    public const string NationalPauseKey = "FeatureManagement:NationalPause";

    public override Task<ControlReply> SetClock(SetClockRequest request, ServerCallContext context)
    {
        if (request.Date.Length == 0)
        {
            clock.Now = null;
        }
        else if (DateOnly.TryParseExact(request.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            clock.SetDate(date);
        }
        else
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "date: must be YYYY-MM-DD or empty."));
        }

        return Task.FromResult(Reply());
    }

    public override Task<ControlReply> SetNationalPause(SetNationalPauseRequest request, ServerCallContext context)
    {
        configuration.Switch(NationalPauseKey, request.Enabled ? "true" : "false");
        return Task.FromResult(Reply());
    }

    private ControlReply Reply() => new() { Now = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) };
}
