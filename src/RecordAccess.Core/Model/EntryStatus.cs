namespace RecordAccess.Core.Model;

/// <summary>The filing status of a record entry. <see cref="Unknown"/> (the default) makes the entry invalid (rule 0).</summary>
public enum EntryStatus : byte
{
    /// <summary>A status the engine does not know: the entry is withheld as <c>DecisionUnavailable</c>.</summary>
    Unknown = 0,

    /// <summary><c>final</c>: the only status that may be shown.</summary>
    Final,

    /// <summary><c>draft</c>.</summary>
    Draft,

    /// <summary><c>provisional</c>.</summary>
    Provisional,

    /// <summary><c>unfiled</c>.</summary>
    Unfiled,
}
