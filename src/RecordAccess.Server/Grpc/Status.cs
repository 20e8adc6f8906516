namespace RecordAccess.Server.Grpc;

/// <summary>The outcome of a call: a code and a human-readable detail (sent percent-encoded as <c>grpc-message</c>).</summary>
internal readonly record struct Status(StatusCode Code, string Detail)
{
    public static Status Ok { get; } = new(StatusCode.OK, "");

    public override string ToString() => $"{Code} ({(int)Code}): {Detail}";
}
