namespace RecordAccess.Core.Identifiers;

/// <summary>
/// A SNOMED CT concept id (SCTID): 6 to 18 digits, no leading zero, a concept partition identifier
/// and a Verhoeff check digit. Codes are matched on this id, never on their term text.
/// </summary>
public readonly record struct SnomedCode(ulong ConceptId)
{
    /// <summary>1364731000000104 — Enhanced review indicated before granting access to own health record.</summary>
    public static readonly SnomedCode EnhancedReviewIndicated = new(1364731000000104);

    /// <summary>1364751000000106 — Enhanced review not indicated before granting access to own health record.</summary>
    public static readonly SnomedCode EnhancedReviewNotIndicated = new(1364751000000106);

    /// <summary>1290331000000103 — Online access to own health record declined by patient.</summary>
    public static readonly SnomedCode AccessDeclinedByPatient = new(1290331000000103);

    private static readonly byte[,] VerhoeffD =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 },
        { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 }, { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 },
        { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
        { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 },
        { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 }, { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };

    /// <summary>Verhoeff's position permutations: row i applies the generator permutation i times.</summary>
    private static readonly byte[,] VerhoeffP = BuildPermutations([1, 5, 7, 6, 2, 8, 3, 0, 9, 4]);

    /// <summary>Parses a concept id, checking length, partition and Verhoeff check digit.</summary>
    /// <param name="text">The candidate id.</param>
    /// <param name="code">The code, when valid.</param>
    /// <param name="error">Why it is not a concept id, when it is not.</param>
    public static bool TryParse(ReadOnlySpan<char> text, out SnomedCode code, out string? error)
    {
        code = default;
        if (text.Length is < 6 or > 18 || text[0] == '0')
        {
            error = "must be a SNOMED CT concept id of 6 to 18 digits without a leading zero";
            return false;
        }

        ulong value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                error = "must be a SNOMED CT concept id (digits only; match on the id, not the term)";
                return false;
            }

            value = (value * 10) + (ulong)(c - '0');
        }

        // The partition identifier is the two digits before the check digit; 00 and 10 are concepts.
        var partition = text[^3..^1];
        if (partition is not "00" and not "10")
        {
            error = "is a SNOMED CT id but not a concept id (partition must be 00 or 10)";
            return false;
        }

        if (!VerhoeffValid(text))
        {
            error = "fails the SNOMED CT Verhoeff check digit";
            return false;
        }

        code = new SnomedCode(value);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => ConceptId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static byte[,] BuildPermutations(byte[] generator)
    {
        var p = new byte[8, 10];
        for (var j = 0; j < 10; j++)
        {
            p[0, j] = (byte)j;
        }

        for (var i = 1; i < 8; i++)
        {
            for (var j = 0; j < 10; j++)
            {
                p[i, j] = p[i - 1, generator[j]];
            }
        }

        return p;
    }

    private static bool VerhoeffValid(ReadOnlySpan<char> digits)
    {
        var c = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            c = VerhoeffD[c, VerhoeffP[i % 8, digit]];
        }

        return c == 0;
    }
}
