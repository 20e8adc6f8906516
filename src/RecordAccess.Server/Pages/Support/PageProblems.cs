using Microsoft.AspNetCore.Mvc.ModelBinding;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Policy.Admin;

namespace RecordAccess.Server.Pages.Support;

/// <summary>Puts Core's problems on a page: inline next to the field they name, all of them in the error summary.</summary>
internal static class PageProblems
{
    /// <summary>Adds each problem under the form field it names (via <paramref name="fields"/>) or under the page.</summary>
    public static void Add(ModelStateDictionary state, IEnumerable<InputProblem> problems, IReadOnlyDictionary<string, string>? fields = null)
    {
        foreach (var problem in problems)
        {
            var key = fields is not null && fields.TryGetValue(problem.Field, out var field) ? field : string.Empty;
            state.AddModelError(key, Sentence(problem, key.Length == 0));
        }
    }

    /// <summary>A refusal as the page says it: "You cannot do this" for NotPermitted, otherwise the problem.</summary>
    public static string Sentence(InputProblem problem, bool nameTheField)
    {
        var message = char.ToUpperInvariant(problem.Message[0]) + problem.Message[1..];
        return nameTheField && problem.Field.Length > 0 && !problem.Field.StartsWith("actor", StringComparison.Ordinal)
            ? $"{Humanise(problem.Field)}: {problem.Message}"
            : message;
    }

    /// <summary>The HTTP status of a page that shows a refusal (403 for NotPermitted, 422 for bad input or state).</summary>
    public static int StatusOf(AdminRejection rejection) => rejection switch
    {
        AdminRejection.NotPermitted => StatusCodes.Status403Forbidden,
        AdminRejection.None => StatusCodes.Status200OK,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static string Humanise(string field) => field switch
    {
        "nhsNumber" => "NHS number",
        "switchOnDate" => "Switch-on date",
        "effectiveDate" => "Effective date",
        "entryId" => "Entry ID",
        "flagId" => "Flag ID",
        "idempotencyKey" => "Form",
        _ => char.ToUpperInvariant(field[0]) + field[1..],
    };
}
