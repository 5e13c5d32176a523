using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FailoverGen;

/// <summary>
/// Reports a chain's health to ASP.NET Core health checks: <c>services.AddHealthChecks().AddCheck("chat", new
/// FallbackChainHealthCheck&lt;IChatProvider&gt;(chain))</c>, or <c>AddCheck&lt;FallbackChainHealthCheck&lt;IChatProvider&gt;&gt;("chat")</c>
/// when the chain is registered with dependency injection; then <c>app.MapHealthChecks("/status")</c>. The result's data
/// holds one <see cref="ProviderHealth"/> per provider, keyed by provider name.
/// </summary>
public sealed class FallbackChainHealthCheck<TProvider> : IHealthCheck
    where TProvider : class
{
    private readonly FallbackChain<TProvider> _chain;

    /// <summary>Creates a health check for <paramref name="chain"/>.</summary>
    public FallbackChainHealthCheck(FallbackChain<TProvider> chain)
    {
        _chain = chain ?? throw new System.ArgumentNullException(nameof(chain));
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        FallbackChainHealth health = _chain.GetHealth();
        var data = new Dictionary<string, object>(health.Providers.Count);
        foreach (ProviderHealth provider in health.Providers)
        {
            data[provider.Name] = provider;
        }

        return Task.FromResult(new HealthCheckResult(health.Status, health.Description, exception: null, data));
    }
}
