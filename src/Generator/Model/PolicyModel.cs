namespace FailoverGen.Generator.Model;

/// <summary>One distinct <c>[FailoverOn]</c> set, emitted once as a static field. Reasons are enum member names.</summary>
internal sealed record PolicyModel(EquatableArray<int> StatusCodes, EquatableArray<string> Reasons);
