using System.CommandLine;
using RecordAccess.Core.Cases;
using RecordAccess.Core.Engine;

namespace RecordAccess.Cli.Commands;

/// <summary><c>recordaccess evaluate CASE.json|-</c>: decides one conformance case.</summary>
internal static class EvaluateCommand
{
    public static Command Create(TextReader stdin, Stream stdout, TextWriter stderr, TimeProvider clock)
    {
        var caseArgument = new Argument<string>("case")
        {
            Description = "A conformance-case JSON file, or - to read the case from standard input (omit it with --store).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var fromStore = new EvaluateFromStore();
        var pretty = new Option<bool>("--pretty") { Description = "Indent the JSON output for people." };
        var command = new Command(
            "evaluate",
            "Decide every entry of a conformance case and print the decisions as JSON, in request order.\n"
            + "Exit codes: 0 decided (invalid values such as a bad NHS number are answered DecisionUnavailable); "
            + "2 the input is not a case (not JSON, a wrong type, an unknown field; the message names it).\n"
            + "With --store, --patient and --entries the practice and patient facts come from the policy store instead, "
            + "and the request is audited (exit code 1 and every entry DecisionUnavailable if the audit cannot be written).")
        {
            caseArgument,
            pretty,
        };
        fromStore.AddTo(command);
        command.SetAction((parse, ct) => fromStore.IsRequested(parse)
            ? fromStore.RunAsync(parse, parse.GetValue(caseArgument), parse.GetValue(pretty), stdout, stderr, clock, ct)
            : Task.FromResult(parse.GetValue(caseArgument) is { } source ? Run(source, parse.GetValue(pretty), stdin, stdout, stderr) : MissingCase(stderr)));
        return command;
    }

    private static int MissingCase(TextWriter stderr)
    {
        stderr.WriteLine("recordaccess evaluate: give a case file (or - for standard input), or --store with --patient and --entries");
        stderr.WriteLine("Run 'recordaccess --help' for usage.");
        return ExitCodes.BadInput;
    }

    private static int Run(string source, bool pretty, TextReader stdin, Stream stdout, TextWriter stderr)
    {
        byte[] json;
        try
        {
            json = source == "-" ? System.Text.Encoding.UTF8.GetBytes(stdin.ReadToEnd()) : File.ReadAllBytes(source);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"recordaccess evaluate: cannot read {source}: {ex.Message}");
            return ExitCodes.BadInput;
        }

        Core.Model.DecisionRequest request;
        try
        {
            request = CaseReader.Read(json);
        }
        catch (CaseFormatException ex)
        {
            stderr.WriteLine($"recordaccess evaluate: {(source == "-" ? "standard input" : source)} is not a conformance case: {ex.Message}");
            return ExitCodes.BadInput;
        }

        var decisions = DecisionEngine.Evaluate(request);
        DecisionWriter.Write(stdout, decisions, pretty);
        stdout.WriteByte((byte)'\n');
        stdout.Flush();
        return ExitCodes.Ok;
    }
}
