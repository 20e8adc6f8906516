using RecordAccess.Server;
using RecordAccess.Server.Hosting;

// Endpoints (an HTTP/2-only one for gRPC, an HTTP/1.1 one for pages and FHIR) come from Kestrel:Endpoints, read from
// the appsettings beside the assembly whatever the working directory (unless a content root is given explicitly).
var builder = WebApplication.CreateBuilder(ServerContentRoot.Options(args));
builder.AddRecordAccessServer();

var app = builder.Build();
app.MapRecordAccessServer();
app.Run();

/// <summary>The host's entry point; public and partial so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
