using System.CommandLine;
using RecordAccess.Cli.Commands;

namespace RecordAccess.Cli;

/// <summary>Assembles the commands; the console streams are parameters so that tests can run it in-process too.</summary>
internal static class CliApp
{
    public static RootCommand Create(TextReader stdin, Stream stdout, TextWriter stderr) => Create(stdin, stdout, stderr, TimeProvider.System);

    public static RootCommand Create(TextReader stdin, Stream stdout, TextWriter stderr, TimeProvider clock) => new(
        "recordaccess — decides which entries of a patient's GP record the patient may see online.\n"
        + "The rule table is in docs/rule-table.md; cases are in the format of docs/conformance-cases.md.\n"
        + "Example: recordaccess evaluate examples/adult-with-hidden-document.json --pretty")
    {
        EvaluateCommand.Create(stdin, stdout, stderr, clock),
        ImportCodesCommand.Create(stdout, stderr, clock),
        StateCommand.Create(stdout, stderr),
        HistoryCommand.Create(stdout, stderr),
        GenerateNationalCommand.Create(stdout, stderr, clock),
        LoadStateCommand.Create(stdout, stderr),
        TokenCommand.Create(stdout, stderr, clock),
    };
}
