namespace RecordAccess.Core.Policy;

/// <summary>
/// An optional capability of a policy store: it announces each commit as it happens (PostgreSQL <c>LISTEN/NOTIFY</c>),
/// so a <see cref="PolicyFollower"/> catches up at once instead of on its next poll. Announcements may be lost (a
/// dropped connection); the follower keeps polling as the fallback, so this only ever shortens the wait.
/// </summary>
public interface IPolicyChangeNotifications
{
    /// <summary>The highest version announced so far (0 before the first announcement).</summary>
    long Announced { get; }

    /// <summary>
    /// Completes when a commit above <paramref name="knownVersion"/> has been announced, or when the announcements
    /// were interrupted and resumed (commits may have been missed, so the caller should read the log).
    /// Completes at once if such a commit was announced before the call.
    /// </summary>
    /// <param name="knownVersion">The version the caller has already applied.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task WaitForChangeAsync(long knownVersion, CancellationToken cancellationToken);
}
