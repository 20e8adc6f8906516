using System.Globalization;

namespace RecordAccess.TestSupport;

/// <summary>Valid NHS numbers for tests: a 9-digit stem and its modulus-11 check digit (stems with no check digit skipped).</summary>
public static class TestNhs
{
    /// <summary>The first valid NHS number at or after the stem 900000000 + 7 × <paramref name="seed"/>: the same seed gives the same number.</summary>
    public static string Make(int seed)
    {
        for (var stem = 900_000_000L + (seed * 7L); ; stem++)
        {
            if (WithCheckDigit(stem) is { } nhs)
            {
                return nhs;
            }
        }
    }

    /// <summary>The 9-digit <paramref name="stem"/> with its check digit appended, or null where the check digit would be 10.</summary>
    public static string? WithCheckDigit(long stem)
    {
        var digits = stem.ToString("D9", CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        var check = (11 - (sum % 11)) % 11;
        return check == 10 ? null : digits + check.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The same number with a wrong check digit.</summary>
    public static string WithBadCheckDigit(string nhs) => nhs[..9] + (char)('0' + ((nhs[9] - '0' + 1) % 10));
}
