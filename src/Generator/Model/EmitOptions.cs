namespace FailoverGen.Generator.Model;

/// <summary>Language features the generated code may use, from the interface file's language version.</summary>
internal sealed record EmitOptions(bool NullableAnnotations, bool StaticLambdas, string GeneratorVersion);
