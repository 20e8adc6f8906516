using BenchmarkDotNet.Running;
using RecordAccess.Benchmarks;

// --verify [records]: differential check of the fast evaluator against the reference model.
// --describe: the mix of the generated records and the fast evaluator's allocation per request.
// --cpu: the fast evaluator timed by CPU time and by the wall clock (how much is contention).
// --raw-grpc PORT RESPONSE.bin: the bare-Kestrel baseline of the h2load benchmark (h2load/run.sh).
// --shadow [patients]: what rule set 2025.1 changes against 2024.1 over a generated population (shadow mode's count).
// --stream [runs]: StreamEvaluate of a 100,000-entry record against the real server (decisions/s, time to last decision).
// --fhir-filter [runs]: $filter of a 1,000-resource Bundle against the real server (resources/s, p50/p99).
// --loh [calls]: what the server allocates on the large-object heap per EvaluateEntries call of 1,000 entries.
// Anything else goes to BenchmarkDotNet (e.g. --filter '*', --affinity 2); with --job (e.g. --job Dry) that job replaces
// the default PerEntry job. Smoke run of the request path: --filter '*RequestPath*' --job Dry --inProcess.
return args switch
{
    ["--verify", .. var rest] => DifferentialCheck.Run(rest),
    ["--describe"] => MixReport.Run(),
    ["--cpu"] => CpuTimeReport.Run(),
    ["--raw-grpc", .. var rest] => RawGrpcServer.Run(rest),
    ["--shadow", .. var rest] => ShadowPopulation.Run(rest),
    ["--stream", .. var rest] => RequestPathDriver.RunStream(rest),
    ["--fhir-filter", .. var rest] => RequestPathDriver.RunFhirFilter(rest),
    ["--loh", .. var rest] => RequestPathDriver.RunLargeObjects(rest),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkSettings).Assembly)
        .Run(args, BenchmarkSettings.Create(defaultJob: !args.Any(a => a is "--job" or "-j")));
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}
