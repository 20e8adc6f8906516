using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>The shared FHIR surface: metadata, content negotiation, errors as OperationOutcome, body limits, authentication.</summary>
public sealed class FhirInfrastructureTests(PatientFhirFixture fixture) : IClassFixture<PatientFhirFixture>
{
    private static readonly Uri Metadata = new("/fhir/metadata", UriKind.Relative);
    private static readonly Uri RecordAccess = new($"/fhir/Patient/{FhirPatients.Adult}/$record-access", UriKind.Relative);
    private static readonly Uri Filter = new($"/fhir/Patient/{FhirPatients.Adult}/$filter", UriKind.Relative);

    [Fact]
    public async Task Metadata_Get_ListsEveryPatientOperationWithItsDefinition()
    {
        using var client = fixture.Host.CreateFhirClient(null);
        using var response = await client.GetAsync(Metadata);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(response.Content.Headers.ContentType.Parameters, p => p.Name == "fhirVersion" && p.Value == "4.0");
        var statement = await PatientFhirFixture.ReadJsonAsync(response);
        Assert.Equal("CapabilityStatement", statement.GetProperty("resourceType").GetString());
        Assert.Equal("4.0.1", statement.GetProperty("fhirVersion").GetString());
        var patient = Assert.Single(statement.GetProperty("rest")[0].GetProperty("resource").EnumerateArray(), r => r.GetProperty("type").GetString() == "Patient");
        var operations = patient.GetProperty("operation").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!, o => o.GetProperty("definition").GetString());
        Assert.Equal("https://fhir.recordaccess.nhs.uk/OperationDefinition/record-access", operations["record-access"]);
        Assert.Equal("https://fhir.recordaccess.nhs.uk/OperationDefinition/entry-visibility", operations["entry-visibility"]);
        Assert.Equal("https://fhir.recordaccess.nhs.uk/OperationDefinition/filter", operations["filter"]);
    }

    [Theory]
    [InlineData("application/fhir+xml")]
    [InlineData("application/xml")]
    [InlineData("application/fhir+json; fhirVersion=3.0")]
    public async Task Metadata_AcceptsOnlyUnservableType_Returns406OperationOutcome(string accept)
    {
        using var client = fixture.Host.CreateFhirClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Metadata);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal("not-supported", await PatientFhirFixture.IssueCodeAsync(response));
    }

    [Theory]
    [InlineData("xml", HttpStatusCode.NotAcceptable)]
    [InlineData("application/fhir+xml", HttpStatusCode.NotAcceptable)]
    [InlineData("json", HttpStatusCode.OK)]
    [InlineData("application/fhir+json", HttpStatusCode.OK)]
    [InlineData("application/json", HttpStatusCode.OK)]
    public async Task Metadata_FormatParameter_WinsOverAccept(string format, HttpStatusCode expected)
    {
        using var client = fixture.Host.CreateFhirClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/fhir/metadata?_format={Uri.EscapeDataString(format)}", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept", "application/fhir+xml");
        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Metadata_AcceptsPlainJsonOnly_AnswersPlainJson()
    {
        using var client = fixture.Host.CreateFhirClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Metadata);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Filter_XmlBody_Returns415OperationOutcome()
    {
        using var client = fixture.Patient(FhirPatients.Adult);
        using var response = await client.PostAsync(Filter, new StringContent("<Bundle xmlns=\"http://hl7.org/fhir\"/>", Encoding.UTF8, "application/fhir+xml"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("not-supported", await PatientFhirFixture.IssueCodeAsync(response));
    }

    [Fact]
    public async Task Filter_BodyOverTheLimit_Returns413OperationOutcome()
    {
        using var client = fixture.Patient(FhirPatients.Adult);
        var padding = new string('x', FhirHost.MaxBody);
        using var response = await client.PostAsync(Filter, FhirHost.FhirJson($$"""{"resourceType":"Bundle","type":"collection","id":"{{padding}}"}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("too-long", await PatientFhirFixture.IssueCodeAsync(response));
    }

    [Theory]
    [InlineData("{\"resourceType\":\"Bundle\",", "structure")]
    [InlineData("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"type\":\"searchset\"}", "structure")]
    [InlineData("[]", "structure")]
    [InlineData("{\"resourceType\":\"Parameters\"}", "invalid")]
    [InlineData("", "required")]
    public async Task Filter_MalformedBody_Returns400NamingTheProblem(string body, string code)
    {
        using var client = fixture.Patient(FhirPatients.Adult);
        using var response = await client.PostAsync(Filter, FhirHost.FhirJson(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, await PatientFhirFixture.IssueCodeAsync(response));
    }

    [Fact]
    public async Task RecordAccess_NoToken_Returns401WithBearerChallenge()
    {
        using var client = fixture.Host.CreateFhirClient(null);
        using var response = await client.GetAsync(RecordAccess);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("login", await PatientFhirFixture.IssueCodeAsync(response));
    }

    [Fact]
    public async Task RecordAccess_TokenFromAnotherSigner_Returns401()
    {
        using var other = new FhirHost();
        using var client = fixture.Host.CreateFhirClient(other.PatientToken(FhirPatients.Adult));
        using var response = await client.GetAsync(RecordAccess);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPath_Returns404OperationOutcome()
    {
        using var client = fixture.Host.CreateFhirClient(null);
        using var response = await client.GetAsync(new Uri("/fhir/Nothing/here", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not-supported", await PatientFhirFixture.IssueCodeAsync(response));
    }

    [Fact]
    public async Task Filter_Get_Returns405WithAllow()
    {
        using var client = fixture.Patient(FhirPatients.Adult);
        using var response = await client.GetAsync(Filter);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
        Assert.Equal("not-supported", await PatientFhirFixture.IssueCodeAsync(response));
    }
}
