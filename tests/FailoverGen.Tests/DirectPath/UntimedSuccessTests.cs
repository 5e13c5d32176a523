using System;

namespace FailoverGen.Tests.DirectPath;

/// <summary>Successes counted without reading the clock still count: in health, and against the failure ratio.</summary>
public sealed class UntimedSuccessTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void HealthTracker_CountsUntimedSuccesses_ButAveragesOnlyMeasuredLatencies()
    {
        var tracker = new ProviderHealthTracker(TimeSpan.FromMinutes(1));
        var options = new ProviderHealthOptions();
        tracker.RecordSuccess(TimeSpan.FromMilliseconds(200), Start, options, out _, out _);
        for (int i = 0; i < 7; i++)
        {
            tracker.CountUntimedSuccess();
        }

        tracker.RecordSuccess(TimeSpan.FromMilliseconds(400), Start.AddSeconds(1), options, out _, out _);
        var health = new ProviderHealth("p", 0, default);
        tracker.Measure(health, Start.AddSeconds(2));

        Assert.Equal(9, health.Successes);
        Assert.Equal(9, health.TotalSuccesses);
        Assert.Equal(TimeSpan.FromMilliseconds(300), health.Latency);
    }

    [Fact]
    public void HealthSnapshot_IncludesSuccessesNotYetFolded()
    {
        var tracker = new ProviderHealthTracker(TimeSpan.FromMinutes(1));
        tracker.RecordSuccess(TimeSpan.FromMilliseconds(100), Start, new ProviderHealthOptions(), out _, out _);
        tracker.CountUntimedSuccess();
        tracker.CountUntimedSuccess();
        var health = new ProviderHealth("p", 0, default);

        tracker.Measure(health, Start.AddSeconds(1));

        Assert.Equal(3, health.TotalSuccesses);
    }

    [Fact]
    public void FailureRatio_SeesUntimedSuccesses_SoOneFailureAmongManyDoesNotCool()
    {
        var window = new OutcomeWindow(TimeSpan.FromSeconds(30));
        window.Record(Start, failed: false);
        for (int i = 0; i < 20; i++)
        {
            window.CountUntimedSuccess();
        }

        window.Record(Start.AddSeconds(1), failed: true);

        (int failures, int total) = window.Totals(Start.AddSeconds(1));
        Assert.Equal(1, failures);
        Assert.Equal(22, total);
    }

    [Fact]
    public void UntimedSuccesses_OlderThanTheWindow_NoLongerCount()
    {
        var window = new OutcomeWindow(TimeSpan.FromSeconds(30));
        window.Record(Start, failed: false);
        window.CountUntimedSuccess();

        window.Record(Start.AddMinutes(5), failed: true);

        (int failures, int total) = window.Totals(Start.AddMinutes(5));
        Assert.Equal(1, failures);
        Assert.Equal(1, total);
    }
}
