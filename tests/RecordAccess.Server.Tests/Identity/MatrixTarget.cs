namespace RecordAccess.Server.Tests.Identity;

/// <summary>A fresh practice (switched on), a patient registered there, and a valid NHS number registered nowhere.</summary>
internal sealed record MatrixTarget(string Ods, string Nhs, string Unregistered);
