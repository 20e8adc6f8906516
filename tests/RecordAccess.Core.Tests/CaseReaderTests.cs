using System.Text;
using RecordAccess.Core.Cases;
using RecordAccess.Core.Model;
using Xunit;

namespace RecordAccess.Core.Tests;

public sealed class CaseReaderTests
{
    private const string Minimal = """
        {"evaluationDate":"2024-10-15","practice":{"ods":"A81001","switchOnDate":"2023-10-31"},
         "patient":{"nhsNumber":"9434765919","dateOfBirth":"1980-05-05","registrationDate":"2010-01-01"},
         "entries":[{"id":"e1","recordedDate":"2024-01-02","kind":"consultation","status":"final"}]}
        """;

    [Fact]
    public void Read_MinimalCase_OptionalFieldsDefaultToAbsentAndFalse()
    {
        var request = Read(Minimal);
        Assert.False(request.NationalPause);
        Assert.Equal(InputDateState.Absent, request.Patient!.IndividualGrantDate.State);
        Assert.Empty(request.Patient.Codes);
        Assert.Equal(EntryKind.Consultation, request.Entries[0].Kind);
        Assert.Null(request.Entries[0].ParentId);
        Assert.Null(request.Entries[0].Code);
        Assert.Equal(RuleSetVersion.V2025_1, request.RuleSet);
    }

    [Theory]
    [InlineData("\"code\":\"1364731000000104\"", "1364731000000104")]
    [InlineData("\"code\":\"1364731000000105\"", "1364731000000105")]
    [InlineData("\"code\":\"\"", "")]
    [InlineData("\"code\":null", null)]
    public void Read_EntryCode_KeptRawAsSent(string field, string? expected)
    {
        var request = Read(Minimal.Replace("\"status\":\"final\"", "\"status\":\"final\"," + field, StringComparison.Ordinal));
        Assert.Equal(expected, request.Entries[0].Code);
    }

    [Theory]
    [InlineData("\"practice\":{", "\"practice\":null,\"x\":{", "$.x")]
    [InlineData("\"dateOfBirth\"", "\"safeguardingFlg\":true,\"dateOfBirth\"", "$.patient.safeguardingFlg")]
    [InlineData("\"kind\":\"consultation\"", "\"kind\":\"consultation\",\"kind\":\"diary\"", "$.entries[0].kind")]
    [InlineData("\"status\":\"final\"", "\"status\":\"final\",\"redacted\":\"yes\"", "$.entries[0].redacted")]
    [InlineData("\"status\":\"final\"", "\"status\":\"final\",\"redacted\":null", "$.entries[0].redacted")]
    [InlineData("\"status\":\"final\"", "\"status\":\"final\",\"labels\":[\"R\",3]", "$.entries[0].labels[1]")]
    [InlineData("\"status\":\"final\"", "\"status\":\"final\",\"labels\":\"R\"", "$.entries[0].labels")]
    [InlineData("\"status\":\"final\"", "\"status\":\"final\",\"code\":1364731000000104", "$.entries[0].code")]
    [InlineData("\"status\":\"final\"", "\"status\":\"final\",\"codes\":[]", "$.entries[0].codes")]
    [InlineData("\"nhsNumber\":\"9434765919\"", "\"nhsNumber\":9434765919", "$.patient.nhsNumber")]
    [InlineData("\"registrationDate\":\"2010-01-01\"", "\"registrationDate\":\"2010-01-01\",\"codes\":[{\"code\":\"1364731000000104\",\"when\":\"x\"}]", "$.patient.codes[0].when")]
    public void Read_NotACase_ErrorNamesTheField(string find, string replace, string path)
    {
        var ex = Assert.Throws<CaseFormatException>(() => Read(Minimal.Replace(find, replace, StringComparison.Ordinal)));
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"entries\":[] ")]
    [InlineData("{}")]
    [InlineData("{\"entries\":{}}")]
    public void Read_NotJsonOrNoEntries_Error(string json) => Assert.Throws<CaseFormatException>(() => Read(json));

    [Fact]
    public void Read_BadValues_ReachTheEngineUnjudged()
    {
        var request = Read(Minimal.Replace("9434765919", "123", StringComparison.Ordinal).Replace("2024-01-02", "yesterday", StringComparison.Ordinal)
            .Replace("consultation", "letter", StringComparison.Ordinal));
        Assert.Equal("123", request.Patient!.NhsNumber);
        Assert.Equal(InputDateState.Invalid, request.Entries[0].RecordedDate.State);
        Assert.Equal(EntryKind.Unknown, request.Entries[0].Kind);
    }

    [Fact]
    public void Read_PracticeNull_UnknownPractice() =>
        Assert.Null(Read(Minimal.Replace("\"practice\":{\"ods\":\"A81001\",\"switchOnDate\":\"2023-10-31\"}", "\"practice\":null", StringComparison.Ordinal)).Practice);

    [Fact]
    public void ReadCorpusCase_UnknownReason_Error()
    {
        var json = "{\"name\":\"n\",\"why\":\"w\",\"case\":" + Minimal + ",\"expected\":{\"e1\":\"Hidden\"}}";
        var ex = Assert.Throws<CaseFormatException>(() => CaseReader.ReadCorpusCase(Encoding.UTF8.GetBytes(json)));
        Assert.StartsWith("$.expected.e1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecisionWriter_Write_RuleSetVersionOfTheDecisions()
    {
        using var stream = new MemoryStream();
        DecisionWriter.Write(stream, [new Decision("a", ReasonCode.Visible, RuleSetVersion.V2024_1)]);
        Assert.StartsWith("""{"ruleSetVersion":"2024.1",""", Encoding.UTF8.GetString(stream.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void DecisionWriter_Write_ExactFormatInRequestOrder()
    {
        using var stream = new MemoryStream();
        DecisionWriter.Write(stream, [new Decision("b", ReasonCode.Visible), new Decision("a", ReasonCode.ParentWithheld)]);
        Assert.Equal(
            $$$"""{"ruleSetVersion":"{{{RuleSet.Version}}}","decisions":[{"entryId":"b","visible":true,"reason":"Visible"},{"entryId":"a","visible":false,"reason":"ParentWithheld"}]}""",
            Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static DecisionRequest Read(string json) => CaseReader.Read(Encoding.UTF8.GetBytes(json));
}
