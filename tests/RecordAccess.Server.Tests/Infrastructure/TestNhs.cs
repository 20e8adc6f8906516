using System.Globalization;

namespace RecordAccess.Server.Tests.Infrastructure;

/// <summary>Valid NHS numbers for tests, made from a seed (the check digit computed; seeds with no check digit skipped).</summary>
internal static class TestNhs
{
    public static string Make(int seed)
    {
        for (var n = 900_000_000L + (seed * 7L); ; n++)
        {
            var digits = n.ToString("D9", CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 9; i++)
            {
                sum += (digits[i] - '0') * (10 - i);
            }

            var check = 11 - (sum % 11);
            check = check == 11 ? 0 : check;
            if (check != 10)
            {
                return digits + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}
