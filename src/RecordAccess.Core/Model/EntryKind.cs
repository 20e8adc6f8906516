namespace RecordAccess.Core.Model;

/// <summary>The kind of a record entry. <see cref="Unknown"/> (the default) makes the entry invalid (rule 0).</summary>
public enum EntryKind : byte
{
    /// <summary>A kind the engine does not know: the entry is withheld as <c>DecisionUnavailable</c>.</summary>
    Unknown = 0,

    /// <summary><c>consultation</c>.</summary>
    Consultation,

    /// <summary><c>diary</c>: never shown (rule 9).</summary>
    Diary,

    /// <summary><c>document</c>.</summary>
    Document,

    /// <summary><c>testResult</c>.</summary>
    TestResult,

    /// <summary><c>medication</c>.</summary>
    Medication,

    /// <summary><c>coded</c>.</summary>
    Coded,
}
