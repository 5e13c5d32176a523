using System;
using System.Collections.Generic;

namespace FailoverGen.Tests;

/// <summary>Inputs that once made classification throw or read the wrong hint.</summary>
public sealed class ParserHardeningTests
{
    [Theory]
    [InlineData("{\"error\":{\"type\":\"rate_limit_error\",\"message\":\"\\ud800\"}}")]
    [InlineData("{\"error\":{\"message\":\"a\ud83d\"}}")]
    public void LoneSurrogatesInTheBody_AreNotAnError(string body)
    {
        ProviderException error = ProviderErrors.FromResponse(429, null, body);

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(FailoverReason.RateLimit, FailoverErrors.Classify(error).Reason);
    }

    [Fact]
    public void TruncatingAHugeBody_NeverSplitsASurrogatePair()
    {
        const string prefix = "{\"error\":{\"type\":\"rate_limit_error\",\"message\":\"";
        string body = prefix + new string('x', ProviderResponseExtensions.MaxBodyChars - 1 - prefix.Length) + "\ud83d\ude00\"}}";

        ProviderException error = ProviderErrors.FromResponse(429, null, body);

        Assert.False(char.IsHighSurrogate(error.ResponseBody![^1]));
        Assert.Equal(FailoverReason.RateLimit, FailoverErrors.Classify(error).Reason);
    }

    [Fact]
    public void RateLimitResetHeadersOnAServerError_AreNotARetryHint()
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("x-ratelimit-remaining-requests", "99"),
            new("x-ratelimit-reset-requests", "120ms"),
            new("x-ratelimit-remaining-tokens", "149000"),
            new("x-ratelimit-reset-tokens", "6m0s"),
        };

        ProviderException error = ProviderErrors.FromResponse(500, headers, "{\"error\":{\"type\":\"server_error\",\"message\":\"oops\"}}");

        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public void WaitInMillisecondsWithASpace_IsMilliseconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(5), RetryHints.FromText("please retry in 5 ms"));
    }
}
