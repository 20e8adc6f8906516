namespace RecordAccess.Server.Identity;

/// <summary>The three kinds of caller, each from its own issuer (architecture.md, "Identity and authorisation").</summary>
internal enum CallerKind
{
    /// <summary>A patient signed in with NHS login.</summary>
    Patient,

    /// <summary>Practice staff signed in with NHS CIS2.</summary>
    Staff,

    /// <summary>A GP system supplier (OAuth2 client credentials).</summary>
    Supplier,
}
