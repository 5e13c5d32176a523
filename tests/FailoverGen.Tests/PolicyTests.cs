using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

public sealed class PolicyTests
{
    private readonly TestClock _clock = new();
    private readonly FailoverPolicy _only429 = new(new[] { 429 }, null);

    [Fact]
    public async Task StatusCodePolicy_FailsOverOnItsStatus()
    {
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync(policy: _only429));
    }

    [Fact]
    public async Task StatusCodePolicy_RethrowsOtherStatusesUnchanged_WithoutRetrying()
    {
        var unavailable = new HttpRequestException("unavailable", null, HttpStatusCode.ServiceUnavailable);
        var primary = new ScriptedProvider("primary", _clock).Throws(unavailable);
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 2, primary, fallback);

        Task<string> call = chain.CompleteAsync(policy: _only429);

        Assert.True(call.IsCompleted, "a failure outside the policy is not retried");
        Assert.Same(unavailable, await Assert.ThrowsAsync<HttpRequestException>(() => call));
        Assert.Single(primary.Calls);
        Assert.Empty(fallback.Calls);
    }

    [Fact]
    public async Task ReasonPolicy_MatchesByReasonWhateverTheStatus()
    {
        var policy = new FailoverPolicy(null, new[] { FailoverReason.Quota });
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("credit", statusCode: 400, errorCode: "insufficient_quota"));
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        Assert.Equal(fallback.Reply, await chain.CompleteAsync(policy: policy));
    }

    [Fact]
    public async Task ReasonPolicy_RethrowsAReasonItDoesNotList()
    {
        var policy = new FailoverPolicy(null, new[] { FailoverReason.Quota });
        var rateLimited = new ProviderException("slow down", statusCode: 429);
        var primary = new ScriptedProvider("primary", _clock).Throws(rateLimited);
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        Assert.Same(rateLimited, await Assert.ThrowsAsync<ProviderException>(() => chain.CompleteAsync(policy: policy)));
    }

    [Fact]
    public void DefaultPolicy_ContainsEveryFallbackSafeReason_AndNoOther()
    {
        foreach (FailoverReason reason in Enum.GetValues<FailoverReason>())
        {
            Assert.Equal(reason.IsFailoverSafeByDefault(), FailoverPolicy.Default.Contains(reason));
        }

        Assert.False(FailoverPolicy.Default.Contains(FailoverReason.BadRequest));
        Assert.False(FailoverPolicy.Default.Contains(FailoverReason.ContextOverflow));
        Assert.False(FailoverPolicy.Default.Contains(FailoverReason.ContentFilter));
        Assert.True(FailoverPolicy.Default.Contains(FailoverReason.RateLimit));
        Assert.False(FailoverPolicy.Default.IncludesUnknown);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(600)]
    [InlineData(0)]
    public void StatusCodeOutsideHttpRange_IsRejected(int code)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FailoverPolicy(new[] { code }, null));

        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UndefinedReason_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FailoverPolicy(null, new[] { (FailoverReason)99 }));
    }

    [Fact]
    public void DuplicateStatusCodes_AreKeptOnce()
    {
        var policy = new FailoverPolicy(new[] { 429, 503, 429 }, null);

        Assert.Equal(new[] { 429, 503 }, policy.StatusCodes);
    }

    [Fact]
    public async Task NullPolicy_IsRejectedWithAHint()
    {
        var primary = new ScriptedProvider("primary", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary);

        var error = await Assert.ThrowsAsync<ArgumentNullException>(
            () => chain.ExecuteAsync("x", static (p, s, ct) => p.CompleteAsync(s, ct), null!));

        Assert.Equal("policy", error.ParamName);
        Assert.Contains("FailoverPolicy.Default", error.Message, StringComparison.Ordinal);
    }
}
