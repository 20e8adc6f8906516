using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RecordAccess.Server.Identity;

/// <summary>
/// The scheme for calls whose token no issuer of this service could validate (none, not a JWT, unknown issuer):
/// it validates nothing and fails with the reason <see cref="BearerSchemeSelector"/> recorded.
/// </summary>
internal sealed class UnacceptedTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(TokenFailure.Of(Context) is { } failure && failure != TokenFailure.Missing
            ? AuthenticateResult.Fail(failure.Message)
            : AuthenticateResult.NoResult());
}
