using RecordAccess.Core.Engine;

namespace RecordAccess.Core.Policy.Admin;

/// <summary>What proposed practice settings would do to the practice's patients today (nothing is changed).</summary>
public sealed record PracticeSettingsPreview
{
    /// <summary>True when the preview could be made.</summary>
    public bool Succeeded => Problems.Count == 0;

    /// <summary>Problems with the proposal (then nothing was counted).</summary>
    public IReadOnlyList<InputProblem> Problems { get; init; } = [];

    /// <summary>The kind of <see cref="Problems"/>.</summary>
    public AdminRejection Rejection { get; init; }

    /// <summary>The state version the counts were read at.</summary>
    public long Version { get; init; }

    /// <summary>The practice's registered patients.</summary>
    public int Patients { get; init; }

    /// <summary>Patients without access today who would have it.</summary>
    public int GainAccessToday { get; init; }

    /// <summary>Patients with access today who would lose it.</summary>
    public int LoseAccessToday { get; init; }
}
