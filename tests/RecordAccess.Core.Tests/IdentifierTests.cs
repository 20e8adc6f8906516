using Microsoft.Extensions.Time.Testing;
using RecordAccess.Core.Engine;
using RecordAccess.Core.Identifiers;
using RecordAccess.Core.Model;
using Xunit;
using static RecordAccess.Core.Tests.Dates;

namespace RecordAccess.Core.Tests;

public sealed class IdentifierTests
{
    [Theory]
    [InlineData("9434765919")]
    [InlineData("9434765870")]
    [InlineData("4010232137")]
    [InlineData("9000000009")]
    public void NhsNumber_ValidCheckDigit_Accepted(string text)
    {
        Assert.True(NhsNumber.TryParse(text, out var number, out var error), error);
        Assert.Equal(text, number.Value);
    }

    [Theory]
    [InlineData("9434765918", "fails the modulus-11 check digit")]
    [InlineData("1234567890", "no check digit")]
    [InlineData("943476591", "exactly 10 digits")]
    [InlineData("94347659190", "exactly 10 digits")]
    [InlineData("943 476 5919", "exactly 10 digits")]
    [InlineData("943476591x", "exactly 10 digits")]
    [InlineData("９４３４７６５９１９", "exactly 10 digits")] // full-width digits are not ASCII
    [InlineData("", "exactly 10 digits")]
    public void NhsNumber_Invalid_RejectedWithReason(string text, string because)
    {
        Assert.False(NhsNumber.TryParse(text, out _, out var error));
        Assert.Contains(because, error, StringComparison.Ordinal);
    }

    [Fact]
    public void NhsNumber_DisplayedForm_NormalisedBySurfacesOnly()
    {
        Assert.True(NhsNumber.TryParseDisplayed("943 476 5919", out var number, out _));
        Assert.Equal("9434765919", number.Value);
        Assert.False(NhsNumber.TryParseDisplayed("943-476-5919", out _, out _));
        Assert.False(NhsNumber.TryParseDisplayed("943 476 5918", out _, out _));
    }

    [Theory]
    [InlineData("A81001", true)]
    [InlineData("Y01234", true)]
    [InlineData("a81001", false)]
    [InlineData("A8100", false)]
    [InlineData("AB1001", false)]
    [InlineData("A810012", false)]
    public void OdsCode_GpPracticeShape_Checked(string text, bool valid) => Assert.Equal(valid, OdsCode.TryParse(text, out _, out _));

    [Theory]
    [InlineData("1364731000000104")]
    [InlineData("1364751000000106")]
    [InlineData("1290331000000103")]
    [InlineData("22298006")] // myocardial infarction
    [InlineData("38341003")] // hypertensive disorder
    [InlineData("404684003")] // clinical finding
    [InlineData("195967001")] // asthma
    public void SnomedCode_PublishedConceptIds_PassVerhoeffAndPartition(string text) =>
        Assert.True(SnomedCode.TryParse(text, out _, out var error), error);

    [Theory]
    [InlineData("1364731000000105")] // wrong check digit
    [InlineData("0364731000000104")] // leading zero
    [InlineData("12345")] // too short
    [InlineData("1364731000000114")] // partition 11 is a description, not a concept
    [InlineData("Enhanced review")]
    public void SnomedCode_NotAConceptId_Rejected(string text) => Assert.False(SnomedCode.TryParse(text, out _, out _));

    [Fact]
    public void SnomedCode_KnownConstants_MatchTheirIds()
    {
        Assert.Equal("1364731000000104", SnomedCode.EnhancedReviewIndicated.ToString());
        Assert.Equal("1364751000000106", SnomedCode.EnhancedReviewNotIndicated.ToString());
        Assert.Equal("1290331000000103", SnomedCode.AccessDeclinedByPatient.ToString());
    }

    [Theory]
    [InlineData("2024-02-29", InputDateState.Valid)]
    [InlineData("2023-02-29", InputDateState.Invalid)]
    [InlineData("2024-1-01", InputDateState.Invalid)]
    [InlineData("2024-01-01T00:00", InputDateState.Invalid)]
    [InlineData(" 2024-01-01", InputDateState.Invalid)]
    [InlineData(null, InputDateState.Absent)]
    public void InputDate_Parse_StrictIsoCalendarDate(string? text, InputDateState state) => Assert.Equal(state, InputDate.Parse(text).State);

    [Theory]
    [InlineData("2024-03-30T23:59:59Z", "2024-03-30")] // GMT
    [InlineData("2024-03-31T00:30:00Z", "2024-03-31")] // BST starts at 01:00 UTC
    [InlineData("2024-06-30T23:30:00Z", "2024-07-01")] // BST: 00:30 on 1 July in the UK
    [InlineData("2024-10-26T23:30:00Z", "2024-10-27")] // still BST
    [InlineData("2024-10-27T23:30:00Z", "2024-10-27")] // GMT again
    [InlineData("2023-10-30T23:59:59Z", "2023-10-30")] // a second before a midnight switch-on (GMT)
    [InlineData("2023-10-31T00:00:00Z", "2023-10-31")] // the switch-on day starts at 00:00 GMT
    [InlineData("2024-05-31T23:00:00Z", "2024-06-01")] // in summer the UK day starts at 23:00 UTC
    public void UkCalendar_DateAt_UsesEuropeLondon(string instant, string ukDate) =>
        Assert.Equal(D(ukDate), UkCalendar.DateAt(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void UkCalendar_Today_ReadsTheInjectedClock() =>
        Assert.Equal(D("2024-07-01"), UkCalendar.Today(new FakeTimeProvider(DateTimeOffset.Parse("2024-06-30T23:30:00Z", System.Globalization.CultureInfo.InvariantCulture))));
}
