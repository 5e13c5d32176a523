using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FailoverGen.Tests.Fakes;

namespace FailoverGen.Tests;

public sealed class NonFallbackSafeErrorTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task BadRequestHttpRequestException_IsRethrownAsTheSameObject_AndNoOtherProviderIsCalled()
    {
        var badRequest = new HttpRequestException("x", null, HttpStatusCode.BadRequest);
        var primary = new ScriptedProvider("primary", _clock).Throws(badRequest);
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, o => o.Retry.MaxRetryAttempts = 2, primary, fallback);

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => chain.CompleteAsync());

        Assert.Same(badRequest, thrown);
        Assert.Single(primary.Calls);
        Assert.Empty(fallback.Calls);
    }

    [Fact]
    public async Task BadRequestProviderException_IsRethrownAsTheSameObject()
    {
        var badRequest = new ProviderException("messages: field required", statusCode: 400, errorType: "invalid_request_error");
        var primary = new ScriptedProvider("primary", _clock).Throws(badRequest);
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        var thrown = await Assert.ThrowsAsync<ProviderException>(() => chain.CompleteAsync());

        Assert.Same(badRequest, thrown);
        Assert.Empty(fallback.Calls);
    }

    [Fact]
    public async Task ContentFilter_IsRethrownByDefault()
    {
        var filtered = new ProviderException("filtered", statusCode: 400, errorCode: "content_filter");
        var primary = new ScriptedProvider("primary", _clock).Throws(filtered);
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        Assert.Same(filtered, await Assert.ThrowsAsync<ProviderException>(() => chain.CompleteAsync()));
        Assert.Empty(fallback.Calls);
    }

    [Fact]
    public async Task BadRequest_DoesNotCoolThePrimaryDown()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new HttpRequestException("x", null, HttpStatusCode.BadRequest))
            .Succeeds();
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);
        await Assert.ThrowsAsync<HttpRequestException>(() => chain.CompleteAsync());

        Assert.Equal(primary.Reply, await chain.CompleteAsync());
    }

    [Fact]
    public async Task BadRequestOnAFallback_IsRethrownUnchanged_NotWrappedInExhaustion()
    {
        var badRequest = new ProviderException("bad tool schema", statusCode: 422);
        var primary = new ScriptedProvider("primary", _clock).Throws(new ProviderException("slow down", statusCode: 429));
        var fallback = new ScriptedProvider("fallback", _clock).Throws(badRequest);
        var third = new ScriptedProvider("third", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback, third);

        Assert.Same(badRequest, await Assert.ThrowsAsync<ProviderException>(() => chain.CompleteAsync()));
        Assert.Empty(third.Calls);
    }

    [Fact]
    public async Task ContextOverflow_IsRethrownByDefault()
    {
        var overflow = new ProviderException("maximum context length is 128000 tokens", statusCode: 400, errorCode: "context_length_exceeded");
        var primary = new ScriptedProvider("primary", _clock).Throws(overflow);
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);

        Assert.Same(overflow, await Assert.ThrowsAsync<ProviderException>(() => chain.CompleteAsync()));
        Assert.Empty(fallback.Calls);
    }

    [Fact]
    public async Task ContextOverflow_FailsOverWhenThePolicyOptsIn()
    {
        var overflow = new ProviderException("maximum context length is 128000 tokens", statusCode: 400, errorCode: "context_length_exceeded");
        var primary = new ScriptedProvider("primary", _clock).Throws(overflow);
        var fallback = new ScriptedProvider("fallback", _clock);
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);
        var policy = new FailoverPolicy(null, new[] { FailoverReason.ContextOverflow });

        Assert.Equal(fallback.Reply, await chain.CompleteAsync(policy: policy));
        Assert.Single(primary.Calls);
    }

    [Fact]
    public async Task OptedInContextOverflow_OnEveryProvider_EndsInExhaustionNamingIt()
    {
        var primary = new ScriptedProvider("primary", _clock)
            .Throws(new ProviderException("too long", statusCode: 400, errorCode: "context_length_exceeded"));
        var fallback = new ScriptedProvider("fallback", _clock)
            .Throws(new ProviderException("too long", statusCode: 400, errorCode: "context_length_exceeded"));
        FallbackChain<IChatProvider> chain = TestChains.Build(_clock, primary, fallback);
        var policy = new FailoverPolicy(null, new[] { FailoverReason.ContextOverflow });

        var error = await Assert.ThrowsAsync<FallbackChainExhaustedException>(() => chain.CompleteAsync(policy: policy));

        Assert.Equal("All 2 providers failed: primary: context too long (400); fallback: context too long (400)", error.Message);
    }
}
