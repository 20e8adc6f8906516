namespace RecordAccess.Server.Pages.Support;

/// <summary>One change on the patient page: its handler, fields, a reason (always), the patient's handle and a fresh idempotency key.</summary>
public sealed record ChangeForm(string Handler, string Title, string Button, string Handle, IReadOnlyList<FieldSpec> Fields)
{
    /// <summary>The form's id on the page (element ids and error keys start with it); the handler by default.</summary>
    public string Id { get; init; } = Handler;

    public IReadOnlyDictionary<string, string> Hidden { get; init; } = new Dictionary<string, string>();

    public bool Warning { get; init; }

    public string Action { get; init; } = "/patient";
}
