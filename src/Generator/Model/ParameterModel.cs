namespace FailoverGen.Generator.Model;

/// <summary>A parameter as written in the implementing member.</summary>
/// <param name="Modifier">"", "ref ", "out ", "in ", "ref readonly ", "params ".</param>
/// <param name="ArgumentModifier">What the call site writes before the argument: "", "ref ", "out ", "in ".</param>
/// <param name="DefaultValue">The default value expression, or null.</param>
/// <param name="IsCallerToken">The first CancellationToken parameter: handed to the engine as the caller's token.</param>
/// <param name="Attributes">Nullability attributes repeated from the interface, each followed by a space, or "".</param>
/// <param name="ClonedPerAttempt">
/// A Microsoft.Extensions.AI options object (ChatOptions, EmbeddingGenerationOptions…) passed by value: each provider gets
/// its own <c>Clone()</c>, so one that changes it affects neither the next provider nor the caller.
/// </param>
internal sealed record ParameterModel(
    string Name,
    string Type,
    string Modifier,
    string ArgumentModifier,
    string? DefaultValue,
    bool IsCallerToken,
    string Attributes,
    bool ClonedPerAttempt);
