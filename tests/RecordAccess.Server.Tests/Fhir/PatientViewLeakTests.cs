using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// A withheld resource leaves no trace in what the patient receives: the same bytes as if it had never been sent,
/// no totals, links or security labels, no references to it, the same answer whatever the cause, and no timing
/// difference worth measuring.
/// </summary>
public sealed class PatientViewLeakTests(PatientFhirFixture fixture, ITestOutputHelper output) : IClassFixture<PatientFhirFixture>
{
    private const string Encounter = """{"resourceType":"Encounter","id":"e1","status":"finished","class":{"code":"AMB"},"period":{"start":"2024-01-05T09:00:00Z"}}""";
    private const string VisibleResult = """{"resourceType":"Observation","id":"o-visible","status":"final","code":{"text":"Hb"},"issued":"2024-01-06T10:00:00Z"}""";
    private const string PreliminaryResult = """{"resourceType":"Observation","id":"o-prelim","status":"preliminary","code":{"text":"PSA"},"issued":"2024-01-06T10:00:00Z"}""";
    private const string HiddenLetter = """{"resourceType":"DocumentReference","id":"d-hidden","meta":{"security":[{"code":"R"}]},"status":"current","date":"2024-01-05","content":[{"attachment":{"title":"Letter"}}],"context":{"encounter":[{"reference":"Encounter/e1"}]}}""";
    private const string CodeOfHiddenLetter = """{"resourceType":"Condition","id":"c-of-letter","subject":{"reference":"Patient/p"},"recordedDate":"2024-01-05","evidence":[{"detail":[{"reference":"DocumentReference/d-hidden"}]}]}""";

    private const string ReportWithBoth = """{"resourceType":"DiagnosticReport","id":"r1","status":"final","code":{"text":"Bloods"},"issued":"2024-01-06T10:00:00Z","encounter":{"reference":"Encounter/e1"},"text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">Hb normal; PSA raised</div>"},"result":[{"reference":"Observation/o-visible"},{"reference":"Observation/o-prelim","display":"PSA"}]}""";
    private const string ReportAsIfAlone = """{"resourceType":"DiagnosticReport","id":"r1","status":"final","code":{"text":"Bloods"},"issued":"2024-01-06T10:00:00Z","encounter":{"reference":"Encounter/e1"},"result":[{"reference":"Observation/o-visible"}]}""";

    [Fact]
    public async Task Filter_WithheldResources_SameBytesAsIfNeverSent()
    {
        var withHidden = FhirFilter.Bundle(Encounter, ReportWithBoth, VisibleResult, PreliminaryResult, HiddenLetter);
        var withoutHidden = FhirFilter.Bundle(Encounter, ReportAsIfAlone, VisibleResult);

        var a = await FhirFilter.RawAsync(fixture, FhirPatients.Adult, withHidden);
        var b = await FhirFilter.RawAsync(fixture, FhirPatients.Adult, withoutHidden);

        Assert.Equal(b, a);
        Assert.DoesNotContain("o-prelim", a, StringComparison.Ordinal);
        Assert.DoesNotContain("PSA", a, StringComparison.Ordinal);
        Assert.DoesNotContain("d-hidden", a, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filter_CodeOfHiddenDocument_LosesItsReferenceAndNothingNamesTheDocument()
    {
        var body = await FhirFilter.RawAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(Encounter, HiddenLetter, CodeOfHiddenLetter));

        Assert.Contains("c-of-letter", body, StringComparison.Ordinal);
        Assert.DoesNotContain("evidence", body, StringComparison.Ordinal);
        Assert.DoesNotContain("d-hidden", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filter_SearchsetWithTotalLinksAndLabels_ReturnsCollectionWithoutAny()
    {
        var input = """{"resourceType":"Bundle","type":"searchset","total":3,"link":[{"relation":"next","url":"https://gp.example/fhir?page=2"}],"entry":[{"fullUrl":"https://gp.example/fhir/Encounter/e1","search":{"mode":"match"},"resource":{"resourceType":"Encounter","id":"e1","meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-Confidentiality","code":"N"}],"versionId":"2"},"status":"finished","class":{"code":"AMB"},"period":{"start":"2024-01-05"},"location":[{"location":{"reference":"#l"}}],"contained":[{"resourceType":"Location","id":"l","meta":{"security":[{"code":"N"}]},"name":"Room 1"}]}}]}""";

        var body = await FhirFilter.RawAsync(fixture, FhirPatients.Adult, input);

        Assert.Equal("""{"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"https://gp.example/fhir/Encounter/e1","resource":{"resourceType":"Encounter","id":"e1","meta":{"versionId":"2"},"status":"finished","class":{"code":"AMB"},"period":{"start":"2024-01-05"},"location":[{"location":{"reference":"#l"}}],"contained":[{"resourceType":"Location","id":"l","name":"Room 1"}]}}]}""", body);
    }

    [Fact]
    public async Task Filter_EveryCauseOfWithholding_SameEmptyBundle()
    {
        var bundle = FhirFilter.Bundle(Encounter, VisibleResult);
        var bodies = new HashSet<string>(StringComparer.Ordinal)
        {
            await FhirFilter.RawAsync(fixture, FhirPatients.Flagged, bundle),
            await FhirFilter.RawAsync(fixture, FhirPatients.NotYetSwitchedOn, bundle),
            await FhirFilter.RawAsync(fixture, FhirPatients.Restricted, bundle),
            await FhirFilter.RawAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(PreliminaryResult, HiddenLetter.Replace("Encounter/e1", "Encounter/elsewhere", StringComparison.Ordinal))),
            await FhirFilter.RawAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle()),
        };

        Assert.Equal("""{"resourceType":"Bundle","type":"collection"}""", Assert.Single(bodies));
    }

    [Fact]
    public async Task Filter_RequiredReferenceToLabelledMedication_WithholdsTheRequest()
    {
        var medication = """{"resourceType":"Medication","id":"m1","meta":{"security":[{"code":"R"}]},"code":{"text":"Aspirin"}}""";
        var request = """{"resourceType":"MedicationRequest","id":"mr1","status":"active","intent":"order","subject":{"reference":"Patient/p"},"medicationReference":{"reference":"Medication/m1"},"authoredOn":"2024-01-05"}""";

        Assert.Empty(await FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(medication, request)));
    }

    [Fact]
    public async Task Filter_ChildOfPreliminaryReportOrOfEncounterNotSent_Withheld()
    {
        var report = ReportAsIfAlone.Replace("\"final\"", "\"preliminary\"", StringComparison.Ordinal);
        Assert.Equal(["Encounter/e1"], await FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(Encounter, report, VisibleResult)));
        Assert.Empty(await FhirFilter.VisibleAsync(fixture, FhirPatients.Adult, FhirFilter.Bundle(ReportAsIfAlone)));
    }

    [Fact]
    public async Task Filter_AllWithheldVersusAllVisible_MedianTimesWithinGenerousBound()
    {
        var visible = FhirFilter.Bundle([.. Enumerable.Range(0, 50).Select(i => VisibleResult.Replace("o-visible", $"o{i}", StringComparison.Ordinal))]);
        var withheld = visible.Replace("2024-01-06", "2023-01-06", StringComparison.Ordinal);
        for (var i = 0; i < 20; i++)
        {
            await FhirFilter.RawAsync(fixture, FhirPatients.Adult, visible);
            await FhirFilter.RawAsync(fixture, FhirPatients.Adult, withheld);
        }

        var (v, w) = (new List<double>(), new List<double>());
        for (var i = 0; i < 100; i++)
        {
            v.Add(await TimeAsync(visible));
            w.Add(await TimeAsync(withheld));
        }

        var (mv, mw) = (Median(v), Median(w));
        output.WriteLine($"median visible {mv:F3} ms, withheld {mw:F3} ms, difference {mw - mv:F3} ms");
        Assert.True(Math.Abs(mw - mv) < Math.Max(5.0, mv), $"visible {mv:F3} ms vs withheld {mw:F3} ms");
    }

    private async Task<double> TimeAsync(string bundle)
    {
        var watch = Stopwatch.StartNew();
        await FhirFilter.RawAsync(fixture, FhirPatients.Adult, bundle);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
