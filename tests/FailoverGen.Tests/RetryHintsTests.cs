using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;

namespace FailoverGen.Tests;

public sealed class RetryHintsTests
{
    private static (TimeSpan? After, DateTimeOffset? At, bool Found) Read(params (string Name, string Value)[] headers)
    {
        var list = new List<KeyValuePair<string, IEnumerable<string>>>();
        foreach ((string name, string value) in headers)
        {
            list.Add(new KeyValuePair<string, IEnumerable<string>>(name, new[] { value }));
        }

        bool found = RetryHints.TryRead(list, out TimeSpan? after, out DateTimeOffset? at);
        return (after, at, found);
    }

    [Theory]
    [InlineData("20", 20_000)]
    [InlineData("1.5", 1_500)]
    [InlineData(" 7 ", 7_000)]
    [InlineData("0", 0)]
    public void DeltaSeconds_ParsesSeconds(string value, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RetryHints.DeltaSeconds(value));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("1e3")]
    [InlineData("NaN")]
    [InlineData("Wed, 21 Oct 2015 07:28:00 GMT")]
    public void DeltaSeconds_RejectsNegativeAndGarbage(string? value)
    {
        Assert.Null(RetryHints.DeltaSeconds(value));
    }

    [Theory]
    [InlineData("86401")]
    [InlineData("99999999999")]
    public void DeltaSeconds_CapsHugeValuesAtMaxHint(string value)
    {
        Assert.Equal(RetryHints.MaxHint, RetryHints.DeltaSeconds(value));
    }

    [Fact]
    public void Milliseconds_ParsesAndRejects()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), RetryHints.Milliseconds("250"));
        Assert.Null(RetryHints.Milliseconds("-1"));
        Assert.Null(RetryHints.Milliseconds("soon"));
    }

    [Fact]
    public void HttpDate_ParsesRfc1123()
    {
        Assert.Equal(new DateTimeOffset(2015, 10, 21, 7, 28, 0, TimeSpan.Zero), RetryHints.HttpDate("Wed, 21 Oct 2015 07:28:00 GMT"));
        Assert.Null(RetryHints.HttpDate("20"));
        Assert.Null(RetryHints.HttpDate(null));
    }

    [Theory]
    [InlineData("6m0s", 360_000)]
    [InlineData("12ms", 12)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1h2m3.5s", 3_723_500)]
    [InlineData("26s", 26_000)]
    [InlineData("0.5s", 500)]
    public void GoDuration_ParsesGoDurations(string value, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RetryHints.GoDuration(value));
    }

    [Theory]
    [InlineData("6x")]
    [InlineData("s")]
    [InlineData("15")]
    [InlineData("1m30")]
    [InlineData("-1s")]
    [InlineData("")]
    [InlineData(null)]
    public void GoDuration_RejectsMalformedValues(string? value)
    {
        Assert.Null(RetryHints.GoDuration(value));
    }

    [Fact]
    public void GoDuration_CapsHugeValuesAtMaxHint()
    {
        Assert.Equal(RetryHints.MaxHint, RetryHints.GoDuration("1000h"));
    }

    [Fact]
    public void Timestamp_ParsesRfc3339()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 30, TimeSpan.Zero), RetryHints.Timestamp("2026-11-23T10:00:30Z"));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 0, 30, TimeSpan.Zero), RetryHints.Timestamp("2026-11-23T10:00:30+02:00"));
        Assert.Null(RetryHints.Timestamp("30"));
    }

    [Fact]
    public void TryRead_PrefersRetryAfterMsOverRetryAfter()
    {
        var hint = Read(("Retry-After", "20"), ("retry-after-ms", "1500"));

        Assert.True(hint.Found);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), hint.After);
        Assert.Null(hint.At);
    }

    [Fact]
    public void TryRead_ReadsAzureMillisecondHeader()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(800), Read(("x-ms-retry-after-ms", "800")).After);
    }

    [Fact]
    public void TryRead_ReadsRetryAfterSecondsCaseInsensitively()
    {
        Assert.Equal(TimeSpan.FromSeconds(20), Read(("retry-after", "20")).After);
    }

    [Fact]
    public void TryRead_ReadsRetryAfterHttpDateAsAnAbsoluteTime()
    {
        var hint = Read(("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"));

        Assert.True(hint.Found);
        Assert.Null(hint.After);
        Assert.Equal(new DateTimeOffset(2015, 10, 21, 7, 28, 0, TimeSpan.Zero), hint.At);
    }

    [Fact]
    public void TryRead_GarbageRetryAfter_FallsThroughToRateLimitResetHeaders()
    {
        var hint = Read(("Retry-After", "soon"), ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "2s"));

        Assert.Equal(TimeSpan.FromSeconds(2), hint.After);
    }

    [Fact]
    public void TryRead_RateLimitReset_PicksTheExhaustedLimit()
    {
        var hint = Read(
            ("x-ratelimit-remaining-requests", "0"),
            ("x-ratelimit-reset-requests", "1s"),
            ("x-ratelimit-remaining-tokens", "1200"),
            ("x-ratelimit-reset-tokens", "6m0s"));

        Assert.Equal(TimeSpan.FromSeconds(1), hint.After);
    }

    [Fact]
    public void TryRead_RateLimitReset_PicksTheExhaustedTokenLimit()
    {
        var hint = Read(
            ("x-ratelimit-remaining-requests", "59"),
            ("x-ratelimit-reset-requests", "1s"),
            ("x-ratelimit-remaining-tokens", "0"),
            ("x-ratelimit-reset-tokens", "12ms"));

        Assert.Equal(TimeSpan.FromMilliseconds(12), hint.After);
    }

    [Fact]
    public void TryRead_RateLimitResetWithoutAnExhaustedLimit_TakesTheLatest()
    {
        var hint = Read(("x-ratelimit-reset-requests", "1s"), ("x-ratelimit-reset-tokens", "6m0s"));

        Assert.Equal(TimeSpan.FromMinutes(6), hint.After);
    }

    [Fact]
    public void TryRead_AnthropicReset_GivesTheExhaustedLimitsTimestamp()
    {
        var hint = Read(
            ("anthropic-ratelimit-requests-remaining", "0"),
            ("anthropic-ratelimit-requests-reset", "2026-11-23T10:00:30Z"),
            ("anthropic-ratelimit-tokens-remaining", "5000"),
            ("anthropic-ratelimit-tokens-reset", "2026-11-23T10:05:00Z"));

        Assert.True(hint.Found);
        Assert.Null(hint.After);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 30, TimeSpan.Zero), hint.At);
    }

    [Fact]
    public void TryRead_AnthropicInputTokensReset_IsRecognised()
    {
        var hint = Read(
            ("anthropic-ratelimit-input-tokens-remaining", "0"),
            ("anthropic-ratelimit-input-tokens-reset", "2026-11-23T10:01:00Z"));

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 1, 0, TimeSpan.Zero), hint.At);
    }

    [Fact]
    public void TryRead_NoHint_ReturnsFalse()
    {
        var hint = Read(("content-type", "application/json"), ("Retry-After", "later"));

        Assert.False(hint.Found);
        Assert.Null(hint.After);
        Assert.Null(hint.At);
    }

    [Fact]
    public void TryRead_ReadsTypedResponseHeaders()
    {
        using var response = new HttpResponseMessage((System.Net.HttpStatusCode)429);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(33));

        Assert.True(RetryHints.TryRead(response.Headers, out TimeSpan? after, out DateTimeOffset? at));
        Assert.Equal(TimeSpan.FromSeconds(33), after);
        Assert.Null(at);
    }
}
