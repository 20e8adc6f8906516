using RecordAccess.Core.Engine;
using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Policy.Admin;

/// <summary>Input checks shared by the admin operations; each adds a problem naming the field.</summary>
internal static class AdminChecks
{
    public const int MaxReasonLength = 2000;
    public const int MaxIdLength = EntryId.MaxLength;

    public static readonly string[] AccessCodes = ["1290331000000103", "1364731000000104", "1364751000000106"];

    public static void Context(ChangeContext? context, bool reasonRequired, List<InputProblem> problems)
    {
        if (context?.Actor is null)
        {
            problems.Add(new("actor", "is required"));
            return;
        }

        if (context.Actor.FindProblem() is { } actorProblem)
        {
            problems.Add(actorProblem);
        }

        if (reasonRequired && string.IsNullOrWhiteSpace(context.Reason))
        {
            problems.Add(new("reason", "is required for a change that withholds or removes a withholding"));
        }
        else if (context.Reason is { Length: > MaxReasonLength })
        {
            problems.Add(new("reason", $"must be at most {MaxReasonLength} characters"));
        }
    }

    public static string? Nhs(string? text, string field, List<InputProblem> problems)
    {
        if (NhsNumber.TryParse(text, out var nhs, out var error))
        {
            return nhs.Value;
        }

        problems.Add(new(field, error!));
        return null;
    }

    public static string? Ods(string? text, string field, List<InputProblem> problems)
    {
        if (OdsCode.TryParse(text, out var ods, out var error))
        {
            return ods.Value;
        }

        problems.Add(new(field, error!));
        return null;
    }

    /// <summary>No admin date may be earlier than this (decision A9).</summary>
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    /// <summary>How far ahead a switch-on or individual start date may be scheduled (decision A9).</summary>
    public const int MaxDaysAhead = 366;

    /// <summary>A date that has happened: from <see cref="EarliestDate"/> to today (dates of birth, registrations, codes, grants, historic access).</summary>
    public static DateOnly? PastDate(string? text, string field, DateOnly today, List<InputProblem> problems) =>
        Date(text, field, today, $"is in the future (today is {today:yyyy-MM-dd})", problems);

    /// <summary>A date that may be scheduled: from <see cref="EarliestDate"/> to today + <see cref="MaxDaysAhead"/> days (switch-on, individual start).</summary>
    public static DateOnly? ScheduledDate(string? text, string field, DateOnly today, List<InputProblem> problems)
    {
        var latest = today.AddDays(MaxDaysAhead);
        return Date(text, field, latest, $"is more than {MaxDaysAhead} days ahead (the latest accepted is {latest:yyyy-MM-dd})", problems);
    }

    private static DateOnly? Date(string? text, string field, DateOnly latest, string tooLate, List<InputProblem> problems)
    {
        var date = InputDate.Parse(text);
        if (!date.IsValid)
        {
            problems.Add(new(field, text is null ? "is missing" : "is not a YYYY-MM-DD calendar date"));
            return null;
        }

        if (date.Value < EarliestDate)
        {
            problems.Add(new(field, $"is before {EarliestDate:yyyy-MM-dd}"));
            return null;
        }

        if (date.Value > latest)
        {
            problems.Add(new(field, tooLate));
            return null;
        }

        return date.Value;
    }

    /// <summary>An optional idempotency key: null means none; otherwise the rules of <see cref="Id"/>.</summary>
    public static void Key(string? key, List<InputProblem> problems)
    {
        if (key is not null)
        {
            Id(key, "idempotencyKey", problems);
        }
    }

    public static string? AccessCode(string? text, string field, List<InputProblem> problems)
    {
        if (text is null)
        {
            problems.Add(new(field, "is missing"));
            return null;
        }

        if (!SnomedCode.TryParse(text, out _, out var error))
        {
            problems.Add(new(field, error!));
            return null;
        }

        if (Array.IndexOf(AccessCodes, text) < 0)
        {
            problems.Add(new(field, "must be one of the access codes 1290331000000103 (declined), 1364731000000104 (enhanced review indicated) or 1364751000000106 (not indicated)"));
            return null;
        }

        return text;
    }

    public static string? Id(string? text, string field, List<InputProblem> problems)
    {
        // Entry ids, flag ids and idempotency keys follow the one rule the engine applies to entry ids (decision E6).
        if (!EntryId.IsValid(text))
        {
            problems.Add(new(field, "must be " + EntryId.Rule));
            return null;
        }

        return text;
    }

    /// <summary>Staff act only on their own practice.</summary>
    public static void Scope(Actor actor, string? ods, List<InputProblem> problems)
    {
        if (actor.Kind == ActorKind.Staff && ods is not null && actor.Ods != ods)
        {
            problems.Add(new("actor.ods", $"staff of {actor.Ods} may not change practice {ods}"));
        }
    }
}
