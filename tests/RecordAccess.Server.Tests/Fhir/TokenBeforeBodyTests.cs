using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RecordAccess.Server.Tests.Infrastructure;
using Xunit;

namespace RecordAccess.Server.Tests.Fhir;

/// <summary>
/// Every FHIR endpoint that takes a body checks the token first (decision 0092): a POST or PUT without a valid token
/// gets 401 while its body is still being sent, the start of an invalid JSON document that never ends. An endpoint that
/// read the body first would wait for the rest and never answer.
/// </summary>
public sealed class TokenBeforeBodyTests(PatientFhirFixture fixture) : IClassFixture<PatientFhirFixture>
{
    public static TheoryData<string, string, string?> Endpoints => new()
    {
        { "POST", $"/fhir/Patient/{FhirPatients.Adult}/$record-access", null },
        { "POST", $"/fhir/Patient/{FhirPatients.Adult}/$entry-visibility", null },
        { "POST", $"/fhir/Patient/{FhirPatients.Adult}/$filter", null },
        { "POST", "/fhir/Consent", null },
        { "POST", "/fhir/Flag", null },
        { "PUT", "/fhir/Consent/consent-1", null },
        { "PUT", "/fhir/Flag/flag-1", null },
        { "POST", $"/fhir/Patient/{FhirPatients.Adult}/$record-access", "not.a.token" },
        { "POST", "/fhir/Consent", "not.a.token" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task BodyEndpoint_NoValidTokenAndABodyThatNeverEnds_401WithoutReadingIt(string method, string path, string? token)
    {
        using var client = fixture.Host.CreateFhirClient(token);
        using var body = new PushContent();
        body.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = body };
        request.Headers.Accept.ParseAdd("application/fhir+json");

        var sending = client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        try
        {
            try
            {
                await body.WriteAsync(Encoding.UTF8.GetBytes("""{"resourceType":"Parameters","parameter":[{"name":"""));
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The server answered (and closed the request body) before the first bytes were written: not read.
            }

            using var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
            Assert.Equal("login", (string?)JsonNode.Parse(text)!["issue"]![0]!["code"]);
        }
        finally
        {
            body.Complete();
        }
    }
}
