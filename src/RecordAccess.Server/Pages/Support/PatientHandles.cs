using Microsoft.AspNetCore.DataProtection;
using RecordAccess.Core.Identifiers;

namespace RecordAccess.Server.Pages.Support;

/// <summary>
/// Opaque, time-limited handles for a patient in page URLs, so no NHS number is ever in a URL, a query string or a
/// request log line: the NHS number and the signed-in user are encrypted and authenticated with ASP.NET Core data
/// protection; a handle of another user, a tampered or an expired one is worth nothing (decision 0097).
/// </summary>
internal sealed class PatientHandles(IDataProtectionProvider provider, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("RecordAccess.StaffPages.PatientHandle.v1").ToTimeLimitedDataProtector();

    public string Create(string nhsNumber, string userId) =>
        _protector.Protect($"{userId}\u001f{nhsNumber}", clock.GetUtcNow() + Lifetime);

    /// <summary>The NHS number of a handle this user holds, or null.</summary>
    public string? Read(string? handle, string userId)
    {
        if (string.IsNullOrEmpty(handle))
        {
            return null;
        }

        try
        {
            var text = _protector.Unprotect(handle, out var expires);
            var parts = text.Split('\u001f');
            return parts.Length == 2 && parts[0] == userId && expires > clock.GetUtcNow() && NhsNumber.IsValid(parts[1]) ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
