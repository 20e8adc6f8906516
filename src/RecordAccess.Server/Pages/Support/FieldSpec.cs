namespace RecordAccess.Server.Pages.Support;

/// <summary>One form field in the NHS pattern: label, hint, inline error (from the model state under <see cref="Id"/>).</summary>
public sealed record FieldSpec(string Name, string Label, string? Value = null, string? Hint = null)
{
    /// <summary>The element id and model-state key (unique on the page); the name by default.</summary>
    public string Id { get; init; } = Name;

    public string Type { get; init; } = "text";

    public string WidthClass { get; init; } = "nhsuk-input--width-20";

    public bool Multiline { get; init; }

    public int Rows { get; init; } = 3;

    public string? Autocomplete { get; init; }
}
