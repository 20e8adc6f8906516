namespace RecordAccess.Core.Cases;

/// <summary>The input is not a conformance case at all (not JSON, a wrong type, an unknown field). Names the field.</summary>
public sealed class CaseFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The JSON path of the offending field, e.g. <c>$.entries[2].labels</c>.</param>
    /// <param name="problem">What is wrong there.</param>
    public CaseFormatException(string path, string problem)
        : base($"{path}: {problem}")
    {
        Path = path;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public CaseFormatException()
        : this("$", "not a conformance case")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public CaseFormatException(string message)
        : this("$", message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CaseFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "$";
    }

    /// <summary>The JSON path of the offending field.</summary>
    public string Path { get; } = "$";
}
