using Xunit;

namespace RecordAccess.Server.Tests.MultiServer;

/// <summary>The multi-server classes run one after another: each starts three servers, and their timings should not share the CPU with each other.</summary>
[CollectionDefinition(nameof(MultiServerProcesses))]
public sealed class MultiServerProcesses;
