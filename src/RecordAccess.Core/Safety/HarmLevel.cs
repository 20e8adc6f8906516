namespace RecordAccess.Core.Safety;

/// <summary>The harm levels of the national patient-safety reporting (LFPSE): no harm, low, moderate, severe, fatal.</summary>
public enum HarmLevel
{
    /// <summary>No harm.</summary>
    NoHarm,

    /// <summary>Low harm.</summary>
    Low,

    /// <summary>Moderate harm.</summary>
    Moderate,

    /// <summary>Severe harm.</summary>
    Severe,

    /// <summary>Fatal.</summary>
    Fatal,
}
