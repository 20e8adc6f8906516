using System.Buffers.Binary;
using System.IO.Hashing;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using RecordAccess.Core.Model;
using RecordAccess.Core.Policy.Audit;
using RecordAccess.Storage.Audit;
using RecordAccess.Storage.Audit.V1;

namespace RecordAccess.Storage.Tests.Audit;

/// <summary>
/// The compact audit payload (decision 0108) on its own: random records read back exactly; a damaged payload (any byte
/// changed, any length cut, an unknown format, a well-formed message that does not check) is reported as corrupt, never
/// read as an answer.
/// </summary>
public sealed class AuditPayloadCodecTests
{
    [Fact]
    public void RoundTrip_RandomRecords_ReadBackExactly() =>
        Prop.ForAll(AuditRecordGenerators.Records, record =>
            {
                var decoded = AuditPayloadCodec.Decode(Header(record), AuditPayloadCodec.Encode(record));
                return AuditRecordGenerators.Difference(record, decoded) is not { } difference ? true : throw new InvalidOperationException(difference);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3000));

    [Fact]
    public void Decode_AnyByteChanged_IsCorrupt()
    {
        var record = AuditRecordGenerators.Record.Where(r => r.Entries is { Count: > 5 }).Sample(1, 20)[0];
        var payload = AuditPayloadCodec.Encode(record);
        for (var i = 0; i < payload.Length; i++)
        {
            foreach (var flip in new byte[] { 0x01, 0x80, 0xFF })
            {
                var damaged = (byte[])payload.Clone();
                damaged[i] ^= flip;
                var e = Assert.Throws<AuditRecordCorruptException>(() => AuditPayloadCodec.Decode(Header(record), damaged));
                Assert.Equal(record.DecisionId, e.DecisionId);
            }
        }
    }

    [Fact]
    public void Decode_AnyLengthCutOrAdded_IsCorrupt()
    {
        var record = AuditRecordGenerators.Record.Where(r => r.Entries is { Count: > 5 }).Sample(1, 20)[0];
        var payload = AuditPayloadCodec.Encode(record);
        for (var length = 0; length < payload.Length; length++)
        {
            Assert.Throws<AuditRecordCorruptException>(() => AuditPayloadCodec.Decode(Header(record), payload.AsSpan(0, length)));
        }

        Assert.Throws<AuditRecordCorruptException>(() => AuditPayloadCodec.Decode(Header(record), [.. payload, 0]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(255)]
    public void Decode_UnknownFormat_IsCorrupt(byte format)
    {
        var record = Sample();
        var payload = AuditPayloadCodec.Encode(record);
        payload[0] = format;

        var e = Assert.Throws<AuditRecordCorruptException>(() => AuditPayloadCodec.Decode(Header(record), payload));
        Assert.Contains("unknown format", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_WellFormedMessagesThatDoNotCheck_AreCorrupt()
    {
        // A checksum only proves the bytes are those written; a writer's bug must not read as an answer either.
        AuditPayload Valid() => new()
        {
            HasEntries = true,
            EntryIds = { "e1", "e2" },
            EntryKinds = ByteString.CopyFrom(1, 1),
            EntryStatuses = ByteString.CopyFrom(1, 1),
            EntryMarks = ByteString.CopyFrom(0, 0),
            DecisionsFollowEntries = true,
            DecisionReasons = ByteString.CopyFrom((byte)ReasonCode.Visible, (byte)ReasonCode.Visible),
            DecisionRuleSet = 1,
        };

        var header = Header(Sample());
        Assert.Equal([ReasonCode.Visible, ReasonCode.Visible], AuditPayloadCodec.Decode(header, Frame(Valid())).Decisions.Select(d => d.Reason));
        AuditPayload[] broken =
        [
            Change(Valid(), m => m.DecisionReasons = ByteString.CopyFrom((byte)ReasonCode.Visible, 200)),
            Change(Valid(), m => m.DecisionReasons = ByteString.CopyFrom((byte)ReasonCode.Visible)),
            Change(Valid(), m => m.DecisionRuleSet = 7),
            Change(Valid(), m => m.DecisionRuleSets = ByteString.CopyFrom(1)),
            Change(Valid(), m => m.EntryKinds = ByteString.CopyFrom(1)),
            Change(Valid(), m => m.EntryMarks = ByteString.CopyFrom(0, 0x10)),
            Change(Valid(), m => m.EntryMarks = ByteString.CopyFrom(0, (byte)InputDateState.Valid << 2)),
            Change(Valid(), m => m.EntryRecordedDays.Add(3)),
            Change(Valid(), m => m.EntryExtras.Add(new EntryExtra { Index = 5, Code = "x" })),
            Change(Valid(), m => m.HasEntries = false),
            Change(Valid(), m => m.DecisionIds.Add("e1")),
            Change(Valid(), m => m.ShadowDifferences.Add(new ShadowDifference { EntryId = "e1", Reason = 13 })),
            Change(Valid(), m => m.EvaluationDate = new DateValue { State = 2, DayNumber = -1 }),
            Change(Valid(), m => m.EvaluationDate = new DateValue { State = 3 }),
        ];
        foreach (var m in broken)
        {
            Assert.Throws<AuditRecordCorruptException>(() => AuditPayloadCodec.Decode(header, Frame(m)));
        }
    }

    [Fact]
    public void Encode_OneThousandEntryRequest_IsSmallerThanTheJsonAnswersAlone()
    {
        var entries = Enumerable.Range(0, 1000).Select(i => new EntryFacts
        {
            Id = "entry-" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
            RecordedDate = InputDate.Of(new DateOnly(2020, 1, 1).AddDays(i)),
            Kind = EntryKind.Consultation,
            Status = EntryStatus.Final,
        }).ToArray();
        var record = new DecisionAuditRecord(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "supplier", "9434765919", 7, RuleSet.Version,
            [.. entries.Select(e => new Decision(e.Id, ReasonCode.Visible))])
        {
            Entries = entries, EvaluationDate = InputDate.Of(new DateOnly(2024, 6, 15)), PracticeOds = "A81001",
        };

        var compact = AuditPayloadCodec.Encode(record).Length;
        var json = System.Text.Encoding.UTF8.GetByteCount(AuditJson.Decisions(record.Decisions));

        Assert.True(compact < json, $"compact {compact} bytes, JSON {json} bytes");
    }

    private static DecisionAuditRecord Sample() =>
        new(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "c", "9434765919", 1, RuleSet.Version, [new Decision("e1", ReasonCode.EntryRedacted)])
        {
            Entries = [new EntryFacts { Id = "e1", Kind = EntryKind.Document, Status = EntryStatus.Final, Redacted = true }],
        };

    private static DecisionAuditRecord Header(DecisionAuditRecord record) => record with
    {
        Decisions = [], Entries = null, EvaluationDate = null, ShadowDifferences = null, PracticeOds = null,
    };

    private static AuditPayload Change(AuditPayload message, Action<AuditPayload> change)
    {
        change(message);
        return message;
    }

    private static byte[] Frame(AuditPayload message)
    {
        var body = message.ToByteArray();
        var bytes = new byte[AuditPayloadCodec.HeaderLength + body.Length];
        bytes[0] = AuditPayloadCodec.Format1;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(1), body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(5), Crc32.HashToUInt32(body));
        body.CopyTo(bytes, AuditPayloadCodec.HeaderLength);
        return bytes;
    }
}
