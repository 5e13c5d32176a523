namespace FailoverGen.Tests.DirectPath;

public sealed class LatencySamplerTests
{
    [Fact]
    public void BusyProvider_IsMeasuredOnceEveryEightCalls()
    {
        long now = 1_000;
        var sampler = new LatencySampler(always: false, () => now);

        int measured = 0;
        for (int call = 0; call < 800; call++)
        {
            measured += sampler.ShouldMeasure() ? 1 : 0;
        }

        Assert.Equal(800 / LatencySampler.Every + 1, measured);
    }

    [Fact]
    public void QuietProvider_IsMeasuredEveryTime()
    {
        long now = 0;
        var sampler = new LatencySampler(always: false, () => now);

        for (int call = 0; call < 20; call++)
        {
            now += LatencySampler.MaxGapMilliseconds;
            Assert.True(sampler.ShouldMeasure(), $"call {call}");
        }
    }

    [Fact]
    public void AnyClockButTheSystems_MeasuresEveryCall()
    {
        var sampler = new LatencySampler(new Microsoft.Extensions.Time.Testing.FakeTimeProvider());

        for (int call = 0; call < 100; call++)
        {
            Assert.True(sampler.ShouldMeasure());
        }
    }
}
