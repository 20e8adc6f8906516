namespace RecordAccess.Core.Model;

/// <summary>What the engine knows of the patient's GP practice.</summary>
public sealed record PracticeFacts
{
    /// <summary>The practice's ODS code, as given (validated by the engine).</summary>
    public required string Ods { get; init; }

    /// <summary>The date from which prospective access applies at this practice.</summary>
    public InputDate SwitchOnDate { get; init; }

    /// <summary>The practice asked not to switch access on for the whole practice.</summary>
    public bool OptedOut { get; init; }
}
