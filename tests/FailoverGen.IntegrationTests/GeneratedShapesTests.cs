using System;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.IntegrationTests;

/// <summary>Each member shape of a generated wrapper really fails over (or, where it must, does not).</summary>
public class GeneratedShapesTests
{
    private readonly ScriptedToolbox _primary = new("primary") { Failure = new ProviderException("busy", statusCode: 503) };
    private readonly ScriptedToolbox _fallback = new("fallback");
    private readonly IToolbox _toolbox;

    public GeneratedShapesTests()
    {
        _toolbox = new ToolboxFailover(FallbackChain.Create<IToolbox>()
            .Add("primary", _primary)
            .Add("fallback", _fallback)
            .Configure(o => o.Retry.MaxRetryAttempts = 0)
            .Build());
    }

    [Fact]
    public void SyncMethod_FailsOver() => Assert.Equal("fallback:hi", _toolbox.Echo("hi"));

    [Fact]
    public void VoidMethod_FailsOver()
    {
        _toolbox.Record("entry");

        Assert.Equal("entry", _fallback.LastRecorded);
    }

    [Fact]
    public async Task ValueTaskOfT_FailsOver_AndPassesTheCallersToken()
    {
        using var cts = new CancellationTokenSource();

        Assert.Equal(5, await _toolbox.CountAsync(2, 3, cts.Token));
        Assert.Equal(1, _fallback.Calls);
    }

    [Fact]
    public async Task ValueTaskAndTask_FailOver()
    {
        await _toolbox.FlushAsync();
        await _toolbox.SaveAsync("k", "v");

        Assert.Equal(2, _fallback.Calls);
        Assert.Equal("k=v", _fallback.LastRecorded);
    }

    [Fact]
    public void GenericMethod_FailsOver()
    {
        object value = new();

        Assert.Same(value, _toolbox.Identity(value));
        Assert.Equal(1, _fallback.Calls);
    }

    [Fact]
    public void PropertyGetter_FailsOver_AndSetterReachesEveryProvider()
    {
        _fallback.Temperature = 7;

        int read = _toolbox.Temperature;
        _toolbox.Temperature = 3;
        _primary.Failure = null;

        Assert.Equal(7, read);
        Assert.Equal(3, _primary.Temperature);
        Assert.Equal(3, _fallback.Temperature);
    }

    [Fact]
    public void EventSubscription_ReachesEveryProvider()
    {
        int raised = 0;
        _toolbox.Changed += (_, _) => raised++;

        _primary.RaiseChanged();
        _fallback.RaiseChanged();

        Assert.Equal(2, raised);
    }

    [Fact]
    public void NoFailoverMember_GoesToThePrimaryOnly()
    {
        var error = Assert.Throws<ProviderException>(() => _toolbox.Usage());

        Assert.Same(_primary.Failure, error);
        Assert.Equal(0, _fallback.Calls);
    }

    [Fact]
    public void InterfacePolicy_RethrowsReasonsItDoesNotList()
    {
        _primary.Failure = new ProviderException("no key", statusCode: 401);

        Assert.Throws<ProviderException>(() => _toolbox.Echo("hi"));
        Assert.Equal(0, _fallback.Calls);
    }

    [Fact]
    public void MethodPolicy_ReplacesTheInterfacePolicy()
    {
        _primary.Failure = new ProviderException("too long", statusCode: 400, errorCode: "context_length_exceeded");

        Assert.Throws<ProviderException>(() => _toolbox.Echo("hi"));
        Assert.Equal("fallback summary", _toolbox.Summarise("..."));
    }
}
