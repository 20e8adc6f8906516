using System.Globalization;
using RecordAccess.Core.Model;

namespace RecordAccess.Core.Tests;

internal static class Dates
{
    public static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static InputDate I(string text) => InputDate.Of(D(text));
}
