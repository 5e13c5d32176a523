using System;
using System.Collections.Generic;
using System.Text;

namespace FailoverGen;

/// <summary>A call succeeded on a provider after the ones before it failed or were skipped.</summary>
public sealed class FailoverSwitch
{
    internal FailoverSwitch(string providerName, int providerIndex, IReadOnlyList<FailoverAttempt> passedOver)
    {
        ProviderName = providerName;
        ProviderIndex = providerIndex;
        PassedOver = passedOver;
    }

    /// <summary>The provider that answered.</summary>
    public string ProviderName { get; }

    /// <summary>Its position in the chain.</summary>
    public int ProviderIndex { get; }

    /// <summary>The providers tried or skipped before it, in order.</summary>
    public IReadOnlyList<FailoverAttempt> PassedOver { get; }

    /// <summary>E.g. <c>⚡ Switched to openai/gpt-4o (anthropic/claude-opus-4 rate limited, retry after 20 s)</c>.</summary>
    public override string ToString() => "\u26A1 Switched to " + ProviderName + " (" + DescribePassedOver() + ")";

    /// <summary>
    /// Why each provider before it was passed over: the reason, then the retry hint when the provider gave one, else the
    /// status code; or "cooling down" for a skip.
    /// </summary>
    internal string DescribePassedOver()
    {
        var text = new StringBuilder();
        for (int i = 0; i < PassedOver.Count; i++)
        {
            FailoverAttempt attempt = PassedOver[i];
            text.Append(i == 0 ? string.Empty : "; ").Append(attempt.ProviderName).Append(' ')
                .Append(attempt.WasSkipped ? "cooling down" : attempt.Reason.Describe());
            if (attempt.WasSkipped)
            {
                continue;
            }

            if (attempt.RetryAfter is TimeSpan retryAfter)
            {
                text.Append(", retry after ").Append(DurationText.Format(retryAfter));
            }
            else if (attempt.StatusCode is int status)
            {
                text.Append(", ").Append(status);
            }
        }

        return text.ToString();
    }
}
