using System;

namespace FailoverGen.Tests;

/// <summary>Retry hints that only appear in a provider's message text.</summary>
public sealed class RetryHintTextTests
{
    [Theory]
    [InlineData("Rate limit reached for gpt-4o. Please try again in 20s.", 20_000)]
    [InlineData("Please try again in 6m0s.", 360_000)]
    [InlineData("Please try again in 1.5s", 1_500)]
    [InlineData("try again in 250ms", 250)]
    [InlineData("Please retry after 7 seconds.", 7_000)]
    [InlineData("Rate limit is exceeded. Try again in 30 seconds.", 30_000)]
    [InlineData("Try again in 2 minutes", 120_000)]
    [InlineData("retry after 500 milliseconds", 500)]
    public void WaitInMessageText_IsRead(string text, double milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RetryHints.FromText(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Please try again later.")]
    [InlineData("retry after a while")]
    [InlineData("try again in 5x")]
    public void MessageWithoutAWait_HasNoHint(string? text)
    {
        Assert.Null(RetryHints.FromText(text));
    }

    [Fact]
    public void HugeWaitInText_IsCappedAtTheMaximumHint()
    {
        Assert.Equal(RetryHints.MaxHint, RetryHints.FromText("try again in 99999999 seconds"));
    }

    [Theory]
    [InlineData("You will regain access on 2026-12-01 at 00:00 UTC.", "2026-12-01T00:00:00Z")]
    [InlineData("You will regain access on 2026-12-01 at 13:30 UTC.", "2026-12-01T13:30:00Z")]
    [InlineData("You will regain access on 2026-12-01.", "2026-12-01T00:00:00Z")]
    public void RegainAccessDate_IsAResumeTime(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), RetryHints.RetryAtFromText(text));
    }

    [Theory]
    [InlineData("You will regain access soon.")]
    [InlineData("You will regain access on 2026-13-45 at 00:00 UTC.")]
    public void RegainAccessWithoutAValidDate_HasNoResumeTime(string text)
    {
        Assert.Null(RetryHints.RetryAtFromText(text));
    }

    [Fact]
    public void ResumeTimeInThePast_MeansNoWait()
    {
        var failure = new FailureClassification(FailoverReason.Quota, 400, retryAt: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(TimeSpan.Zero, failure.GetRetryDelay(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));
    }
}
