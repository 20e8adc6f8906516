using RecordAccess.Cli;

using var stdout = Console.OpenStandardOutput();
var parse = CliApp.Create(Console.In, stdout, Console.Error).Parse(args);
if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine($"recordaccess: {error.Message}");
    }

    Console.Error.WriteLine("Run 'recordaccess --help' for usage.");
    return ExitCodes.BadInput;
}

return parse.Invoke();
