using System.Globalization;
using RecordAccess.Server.Grpc;
using RecordAccess.Server.Tests.Control;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>The test-only service behind recordaccess.testing.v1.Control: the interop hosts' clock and national pause.</summary>
internal sealed class ControlService(SettableClock clock, SwitchableConfiguration configuration) : IGrpcService<ControlService>
{
    public const string NationalPauseKey = "FeatureManagement:NationalPause";

    public static string ServiceName => "recordaccess.testing.v1.Control";

    public static void Bind(GrpcServiceBinder<ControlService> binder)
    {
        binder.Unary<SetClockRequest, ControlReply>("SetClock", SetClockRequest.Parser, (s, r, _) => Task.FromResult(s.SetClock(r)));
        binder.Unary<SetNationalPauseRequest, ControlReply>("SetNationalPause", SetNationalPauseRequest.Parser, (s, r, _) => Task.FromResult(s.SetNationalPause(r)));
    }

    private ControlReply SetClock(SetClockRequest request)
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
            throw new RpcException(StatusCode.InvalidArgument, "date: must be YYYY-MM-DD or empty.");
        }

        return Reply();
    }

    private ControlReply SetNationalPause(SetNationalPauseRequest request)
    {
        configuration.Switch(NationalPauseKey, request.Enabled ? "true" : "false");
        return Reply();
    }

    private ControlReply Reply() => new() { Now = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) };
}
