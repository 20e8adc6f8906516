using RecordAccess.Core.Model;

namespace RecordAccess.Core.Policy;

/// <summary>The mutable per-patient part of <see cref="PolicyState"/>; touched only under its lock.</summary>
internal sealed class PatientRecord
{
    public string? Ods { get; set; }

    public DateOnly? DateOfBirth { get; set; }

    public DateOnly? RegistrationDate { get; set; }

    public PatientCode[] Codes { get; set; } = [];

    public bool Restricted { get; set; }

    public List<string>? Flags { get; set; }

    public DateOnly? GrantDate { get; set; }

    public DateOnly? StartDate { get; set; }

    public DateOnly? HistoricFrom { get; set; }

    /// <summary>Redacted entry ids: a <see cref="SmallSet"/>.</summary>
    public object? Redacted;

    /// <summary>Released entry ids: a <see cref="SmallSet"/>.</summary>
    public object? Released;

    /// <summary>Interns the three access codes so that millions of loaded codes share three strings.</summary>
    public static string InternCode(string code) => code switch
    {
        "1290331000000103" => "1290331000000103",
        "1364731000000104" => "1364731000000104",
        "1364751000000106" => "1364751000000106",
        _ => code,
    };

    public bool HasCode(string code, DateOnly effective)
    {
        foreach (var c in Codes)
        {
            if (c.Code == code && c.EffectiveDate.Value == effective)
            {
                return true;
            }
        }

        return false;
    }

    public PatientView ToView(string nhsNumber) => new()
    {
        NhsNumber = nhsNumber,
        Ods = Ods,
        DateOfBirth = DateOfBirth,
        RegistrationDate = RegistrationDate,
        Codes = [.. Codes],
        Restricted = Restricted,
        SafeguardingFlags = Flags is null ? [] : [.. Flags],
        IndividualGrantDate = GrantDate,
        IndividualStartDate = StartDate,
        HistoricFromDate = HistoricFrom,
        RedactedEntries = SmallSet.Sorted(Redacted),
        ReleasedEntries = SmallSet.Sorted(Released),
    };

    public PatientFacts ToFacts(string nhsNumber) => new()
    {
        NhsNumber = nhsNumber,
        DateOfBirth = InputDate.From(DateOfBirth),
        RegistrationDate = InputDate.From(RegistrationDate),
        IndividualStartDate = InputDate.From(StartDate),
        IndividualGrantDate = InputDate.From(GrantDate),
        HistoricFromDate = InputDate.From(HistoricFrom),
        Codes = Codes,
        Restricted = Restricted,
        SafeguardingFlag = Flags is { Count: > 0 },
    };
}
