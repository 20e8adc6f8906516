namespace RecordAccess.Server.Pages.Safety;

/// <summary>A group of radios (or checkboxes) in the NHS pattern: fieldset, legend, hint, inline error under <see cref="Name"/>.</summary>
/// <remarks>The first item's element id is <see cref="Name"/>, so the error summary's link lands on it.</remarks>
public sealed record RadioGroup(string Name, string Legend, string? Hint, IReadOnlyList<RadioItem> Items)
{
    public bool Checkboxes { get; init; }

    /// <summary>The legend's size class (<c>s</c>, <c>m</c>).</summary>
    public string Size { get; init; } = "m";
}

/// <summary>One radio or checkbox.</summary>
public sealed record RadioItem(string Value, string Label, string? Hint = null, bool Checked = false);
