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

    /// <summary>E.g. <c>⚡ Switched to openai/gpt-4o-mini (google/gemini-2.5-flash rate limited, 429)</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("\u26A1 Switched to ").Append(ProviderName).Append(" (");
        for (int i = 0; i < PassedOver.Count; i++)
        {
            FailoverAttempt attempt = PassedOver[i];
            text.Append(i == 0 ? string.Empty : "; ").Append(attempt.ProviderName).Append(' ')
                .Append(attempt.WasSkipped ? "cooling down" : attempt.Reason.Describe());
            if (attempt.StatusCode is int status)
            {
                text.Append(", ").Append(status);
            }
        }

        return text.Append(')').ToString();
    }
}
