using RecordAccess.Core.Model;

namespace RecordAccess.Core.Policy;

/// <summary>The state's compact binary image (decision 0100): written by <see cref="PolicySnapshot"/>, never read from anywhere else.</summary>
public sealed partial class PolicyState
{
    /// <summary>
    /// Writes everything the state holds, at its current version, under the read lock (appliers wait; readers do not).
    /// Practices and patients in dictionary order; ODS codes and access codes as indexes into tables written first.
    /// </summary>
    internal void WriteImage(BinaryWriter writer)
    {
        _lock.EnterReadLock();
        try
        {
            writer.Write(_version);
            var odsIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var ods in _odsCodes.Keys)
            {
                odsIndex.Add(ods, odsIndex.Count);
            }

            writer.Write7BitEncodedInt(odsIndex.Count);
            foreach (var ods in _odsCodes.Keys)
            {
                writer.Write(ods);
            }

            writer.Write7BitEncodedInt(_practices.Count);
            foreach (var (ods, practice) in _practices)
            {
                writer.Write7BitEncodedInt(odsIndex[ods]);
                writer.Write(practice.SwitchOnDate.DayNumber);
                writer.Write(practice.OptedOut);
            }

            writer.Write7BitEncodedInt(_patients.Count);
            foreach (var (key, p) in _patients)
            {
                writer.Write(key);
                var flags = (p.Ods is null ? 0 : HasOds) | (p.DateOfBirth is null ? 0 : HasBirth) | (p.RegistrationDate is null ? 0 : HasRegistration)
                    | (p.Restricted ? IsRestricted : 0) | (p.GrantDate is null ? 0 : HasGrant) | (p.StartDate is null ? 0 : HasStart)
                    | (p.HistoricFrom is null ? 0 : HasHistoric)
                    | (p.Codes.Length > 0 || p.Flags is { Count: > 0 } || p.Redacted is not null || p.Released is not null ? HasLists : 0);
                writer.Write((byte)flags);
                if (p.Ods is { } ods)
                {
                    writer.Write7BitEncodedInt(odsIndex[ods]);
                }

                WriteDate(writer, p.DateOfBirth);
                WriteDate(writer, p.RegistrationDate);
                WriteDate(writer, p.GrantDate);
                WriteDate(writer, p.StartDate);
                WriteDate(writer, p.HistoricFrom);
                if ((flags & HasLists) == 0)
                {
                    continue;
                }

                writer.Write7BitEncodedInt(p.Codes.Length);
                foreach (var code in p.Codes)
                {
                    writer.Write(code.Code);
                    writer.Write(code.EffectiveDate.Value.DayNumber);
                }

                WriteStrings(writer, p.Flags ?? (IReadOnlyCollection<string>)[]);
                WriteStrings(writer, SmallSet.Sorted(p.Redacted));
                WriteStrings(writer, SmallSet.Sorted(p.Released));
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Reads an image written by <see cref="WriteImage"/> into a new live (contiguous) state at the image's version.</summary>
    /// <exception cref="InvalidDataException">The image is malformed.</exception>
    internal static PolicyState ReadImage(BinaryReader reader)
    {
        var state = new PolicyState();
        try
        {
            state.ReadInto(reader);
            return state;
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    private const int HasOds = 1, HasBirth = 2, HasRegistration = 4, IsRestricted = 8, HasGrant = 16, HasStart = 32, HasHistoric = 64, HasLists = 128;

    private static void WriteDate(BinaryWriter writer, DateOnly? date)
    {
        if (date is { } d)
        {
            writer.Write(d.DayNumber);
        }
    }

    private static DateOnly? ReadDate(BinaryReader reader, int flags, int bit) =>
        (flags & bit) == 0 ? null : DateOnly.FromDayNumber(reader.ReadInt32());

    private static void WriteStrings(BinaryWriter writer, IReadOnlyCollection<string> items)
    {
        writer.Write7BitEncodedInt(items.Count);
        foreach (var item in items)
        {
            writer.Write(item);
        }
    }

    private static int Count(BinaryReader reader, int max = int.MaxValue)
    {
        var count = reader.Read7BitEncodedInt();
        return count < 0 || count > max ? throw new InvalidDataException($"The snapshot holds an impossible count {count}.") : count;
    }

    private void ReadInto(BinaryReader reader)
    {
        var version = reader.ReadInt64();
        var odsCodes = new string[Count(reader)];
        for (var i = 0; i < odsCodes.Length; i++)
        {
            odsCodes[i] = InternOds(reader.ReadString());
        }

        string Ods(int index) => (uint)index < (uint)odsCodes.Length ? odsCodes[index] : throw new InvalidDataException("The snapshot names an unknown ODS code.");

        var practices = Count(reader);
        for (var i = 0; i < practices; i++)
        {
            _practices.Add(Ods(reader.Read7BitEncodedInt()), new PracticeRecord(DateOnly.FromDayNumber(reader.ReadInt32()), reader.ReadBoolean()));
        }

        var patients = Count(reader);
        _patients.EnsureCapacity(patients);
        for (var i = 0; i < patients; i++)
        {
            var key = reader.ReadInt64();
            int flags = reader.ReadByte();
            var p = new PatientRecord
            {
                Ods = (flags & HasOds) == 0 ? null : Ods(reader.Read7BitEncodedInt()),
                DateOfBirth = ReadDate(reader, flags, HasBirth),
                RegistrationDate = ReadDate(reader, flags, HasRegistration),
                Restricted = (flags & IsRestricted) != 0,
                GrantDate = ReadDate(reader, flags, HasGrant),
                StartDate = ReadDate(reader, flags, HasStart),
                HistoricFrom = ReadDate(reader, flags, HasHistoric),
            };
            if ((flags & HasLists) != 0)
            {
                var codes = Count(reader, 1_000_000);
                if (codes == 1)
                {
                    p.Codes = SingleCode(reader.ReadString(), DateOnly.FromDayNumber(reader.ReadInt32()));
                }
                else if (codes > 1)
                {
                    var array = new PatientCode[codes];
                    for (var c = 0; c < codes; c++)
                    {
                        array[c] = new PatientCode(PatientRecord.InternCode(reader.ReadString()), InputDate.Of(DateOnly.FromDayNumber(reader.ReadInt32())));
                    }

                    p.Codes = array;
                }

                var flagCount = Count(reader, 1_000_000);
                if (flagCount > 0)
                {
                    p.Flags = new List<string>(flagCount);
                    for (var f = 0; f < flagCount; f++)
                    {
                        p.Flags.Add(reader.ReadString());
                    }
                }

                var redacted = Count(reader, 10_000_000);
                for (var r = 0; r < redacted; r++)
                {
                    SmallSet.Add(ref p.Redacted, reader.ReadString());
                }

                var released = Count(reader, 10_000_000);
                for (var r = 0; r < released; r++)
                {
                    SmallSet.Add(ref p.Released, reader.ReadString());
                }
            }

            if (!_patients.TryAdd(key, p))
            {
                throw new InvalidDataException("The snapshot holds a patient twice.");
            }
        }

        _version = version;
    }
}
