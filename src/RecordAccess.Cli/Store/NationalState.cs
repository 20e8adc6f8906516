using System.Globalization;
using RecordAccess.Core.Policy.Events;

namespace RecordAccess.Cli.Store;

/// <summary>
/// A deterministic synthetic national policy state: practices, registered and coded patients,
/// safeguarding flags and entry redactions. Patient <c>i</c> is always the same NHS number, practice,
/// dates and code, so benchmarks and crash tests can name what they expect.
/// </summary>
internal sealed class NationalState(int practices, int patients, int flags, int redactions)
{
    public int Practices { get; } = practices;

    public int Patients { get; } = patients;

    public long EventCount => (long)Practices + (2L * Patients) + Math.Min(flags, Patients) + redactions;

    public static string Ods(int practice) => "G" + practice.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>The NHS numbers of patients 0, 1, 2, … in order (valid check digits, from 400000000).</summary>
    public static IEnumerable<string> NhsNumbers()
    {
        for (var n = 400_000_000L; ; n++)
        {
            var digits = n.ToString("D9", CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 9; i++)
            {
                sum += (digits[i] - '0') * (10 - i);
            }

            var check = 11 - (sum % 11);
            if (check == 10)
            {
                continue;
            }

            yield return digits + (check == 11 ? 0 : check).ToString(CultureInfo.InvariantCulture);
        }
    }

    public IEnumerable<PolicyChange> Changes()
    {
        for (var p = 0; p < Practices; p++)
        {
            yield return new PracticeSettingsChanged(Ods(p), new DateOnly(2023, 10, 31), OptedOut: p % 20 == 0);
        }

        var numbers = new string[Patients];
        var i = 0;
        foreach (var nhs in NhsNumbers().Take(Patients))
        {
            numbers[i] = nhs;
            var practice = Ods(i % Practices);
            yield return new PatientRegistered(nhs, practice, new DateOnly(1930, 1, 1).AddDays((int)((i * 7919L) % 30000)), new DateOnly(2000, 1, 1).AddDays(i % 8000));
            yield return (i % 10) switch
            {
                9 => new PatientCodeRecorded(nhs, "1290331000000103", new DateOnly(2023, 9, 1)),
                >= 6 => new PatientCodeRecorded(nhs, "1364751000000106", new DateOnly(2023, 11, 15)),
                _ => new PatientCodeRecorded(nhs, "1364731000000104", new DateOnly(2023, 10, 20)),
            };
            i++;
        }

        for (var k = 0; k < Math.Min(flags, Patients); k++)
        {
            yield return new SafeguardingFlagRaised(numbers[(int)((k * 15L) % Patients)], "sg-" + k.ToString(CultureInfo.InvariantCulture));
        }

        for (var k = 0; k < redactions; k++)
        {
            yield return new EntryRedacted(numbers[(int)((k * 3L) % Patients)], "entry-" + k.ToString(CultureInfo.InvariantCulture));
        }
    }
}
