namespace FailoverGen.Generator.Model;

/// <summary>
/// The classifier emitted into the wrapper: the user's <c>[FailoverClassifier]</c> types, then type checks for the
/// SDK exception types the compilation references. Null on the chain model when there is nothing to emit.
/// </summary>
internal sealed record ClassifierModel(EquatableArray<string> CustomTypes, bool ClientModel, bool Azure, bool Anthropic, bool SemanticKernel);
