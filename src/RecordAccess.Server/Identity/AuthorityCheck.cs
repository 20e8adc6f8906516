namespace RecordAccess.Server.Identity;

/// <summary>Refuses, at start, a production authority whose metadata and keys could be read or altered in transit.</summary>
internal static class AuthorityCheck
{
    /// <summary>True for an https authority; false for an http loopback authority explicitly allowed (tests); throws otherwise.</summary>
    public static bool RequireHttps(string kind, string authority, bool allowHttpOnLoopback)
    {
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri))
        {
            throw new InvalidOperationException($"Identity: the {kind} authority is not an absolute URL.");
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return true;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && allowHttpOnLoopback && uri.IsLoopback)
        {
            return false;
        }

        throw new InvalidOperationException(
            $"Identity: the {kind} authority must use https (http is accepted only for a loopback authority with AllowHttpMetadataOnLoopback, in tests).");
    }
}
