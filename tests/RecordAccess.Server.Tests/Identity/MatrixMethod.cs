using Google.Protobuf;
using RecordAccess.Core.Policy;
using RecordAccess.Core.Policy.Admin;

namespace RecordAccess.Server.Tests.Identity;

/// <summary>A matrix row: the scope a supplier needs, a valid request, and what the state needs first (as the system actor).</summary>
internal sealed record MatrixMethod(
    string Scope,
    Func<MatrixTarget, IMessage> Request,
    Func<PolicyAdmin, ChangeContext, MatrixTarget, Task<AdminResult>>? Prepare = null);
