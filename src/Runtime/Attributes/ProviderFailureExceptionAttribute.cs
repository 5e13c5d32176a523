using System;

namespace FailoverGen;

/// <summary>
/// Tells the FG1xxx analyzers that an exception type of yours can carry a provider failure (a rate limit, quota,
/// outage or timeout), so a catch that swallows it in chain code is reported like one of HttpRequestException:
/// <c>[assembly: ProviderFailureException(typeof(Contoso.GatewayException))]</c>. Types derived from it count too.
/// The same list can come from <c>.editorconfig</c>:
/// <c>failovergen.provider_exception_types = Contoso.GatewayException, Contoso.Billing.ApiError</c>.
/// It has no effect at run time; classification at run time is the classifier's job.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class ProviderFailureExceptionAttribute : Attribute
{
    /// <summary>Marks <paramref name="exceptionType"/> (and the types derived from it) as able to carry a provider failure.</summary>
    public ProviderFailureExceptionAttribute(Type exceptionType)
    {
        ExceptionType = exceptionType;
    }

    /// <summary>The exception type.</summary>
    public Type ExceptionType { get; }
}
