using System;
using System.Collections.Generic;
using Polly;

namespace FailoverGen;

/// <summary>
/// Everything about a chain that configuration can change, built as one immutable object: the options in effect, the
/// order, each provider's pipelines, the sticky selection and the configured triggers. A call reads the chain's plan
/// once and uses it throughout, so a reload applies to the calls that start after it and never half of one call.
/// Cooldowns and health live outside the plan, in the chain, and survive every reload.
/// </summary>
internal sealed class ChainPlan
{
    private readonly int[]?[] _stickyOrders;
    private readonly bool[] _enabled;

    private ChainPlan(ChainLayout layout, ProviderRoute[] routes, ProviderPipelines retry, StickySelection? sticky)
    {
        Options = layout.Options;
        Order = layout.Order;
        Triggers = layout.Triggers;
        Routes = routes;
        Retry = retry;
        Sticky = sticky;
        _stickyOrders = new int[]?[routes.Length];
        _enabled = new bool[routes.Length];
        foreach (int index in Order)
        {
            _enabled[index] = true;
        }

        AllEnabled = Order.Length == routes.Length;
        Direct = Options.TotalRequestTimeout is null && sticky is null && routes[Order[0]].DirectFirst ? Order[0] : -1;
        FirstItemLimits = new TimeSpan?[routes.Length];
        for (int i = 0; i < routes.Length; i++)
        {
            FirstItemLimits[i] = Options.FirstItemTimeout ?? layout.AttemptTimeouts[i] ?? Options.AttemptTimeout;
            HasFirstItemLimits |= FirstItemLimits[i] is not null;
        }
    }

    /// <summary>
    /// Per provider, the longest wait for a stream's first item: <see cref="FallbackChainOptions.FirstItemTimeout"/>, else
    /// the provider's attempt timeout (its own from configuration, else the chain's); null for none.
    /// </summary>
    public TimeSpan?[] FirstItemLimits { get; }

    /// <summary>True when some provider has a first-item limit.</summary>
    public bool HasFirstItemLimits { get; }

    public FallbackChainOptions Options { get; }

    /// <summary>The enabled providers' positions, primary first. Shared, never written.</summary>
    public int[] Order { get; }

    public FailoverTriggers? Triggers { get; }

    /// <summary>Per provider position: how requests reach it.</summary>
    public ProviderRoute[] Routes { get; }

    /// <summary>The retry decision of the built-in pipelines, also made for a first request sent outside them.</summary>
    public ProviderPipelines Retry { get; }

    public StickySelection? Sticky { get; }

    /// <summary>
    /// The provider a call may go straight to, skipping the walk, when nothing else is in the way (no scope, listener,
    /// cooldown or degradation); -1 when the plan itself always needs the walk: a call deadline, sticky mode, or a
    /// primary whose requests need its pipeline.
    /// </summary>
    public int Direct { get; }

    /// <summary>True when configuration disabled no provider.</summary>
    public bool AllEnabled { get; }

    /// <summary>
    /// Builds the plan for <paramref name="layout"/>. Providers added with their own pipeline keep it; the others get
    /// the built-in ones. The sticky selection of <paramref name="previous"/> is kept while its duration is unchanged,
    /// so a reload does not send calls back to a primary that just failed.
    /// </summary>
    public static ChainPlan Create(ChainLayout layout, ResiliencePipeline?[] ownPipelines, ProviderPipelines pipelines, ChainPlan? previous)
    {
        int count = ownPipelines.Length;
        var routes = new ProviderRoute[count];
        for (int i = 0; i < count; i++)
        {
            if (ownPipelines[i] is ResiliencePipeline own)
            {
                routes[i] = new ProviderRoute(own, ResiliencePipeline.Empty, builtIn: false, hasAttemptTimeout: false, retries: false);
                continue;
            }

            routes[i] = new ProviderRoute(
                pipelines.Create(i, withAttemptTimeout: true, layout.MaxRetryAttempts[i], layout.AttemptTimeouts[i]),
                pipelines.Create(i, withAttemptTimeout: false, layout.MaxRetryAttempts[i], attemptTimeout: null),
                builtIn: true,
                hasAttemptTimeout: (layout.AttemptTimeouts[i] ?? layout.Options.AttemptTimeout) is not null,
                retries: (layout.MaxRetryAttempts[i] ?? layout.Options.Retry.MaxRetryAttempts) > 0);
        }

        StickySelection? sticky = layout.Options.StickyDuration is TimeSpan duration
            ? previous?.Sticky is { } kept && kept.Duration == duration ? kept : new StickySelection(duration)
            : null;
        return new ChainPlan(layout, routes, pipelines, sticky);
    }

    /// <summary>Records a success for sticky mode, which returns to the primary as soon as the primary answers.</summary>
    public void OnSuccess(int index, DateTimeOffset now) => Sticky?.OnSuccess(index, Order[0], now);

    /// <summary>The policy a call uses: the member's, with the configured triggers when there are any.</summary>
    public FailoverPolicy Effective(FailoverPolicy policy) => Triggers is null ? policy : Triggers.Apply(policy);

    /// <summary>Where a call starts: the order, with the sticky fallback first while its window lasts.</summary>
    public int[] StartOrder(DateTimeOffset now)
    {
        int first = Sticky?.StartIndex(now) ?? -1;
        return first < 0 || first == Order[0] || !_enabled[first] ? Order : StickyOrder(first);
    }

    /// <summary>A scope's order without the providers configuration disabled.</summary>
    public int[] Enabled(int[] scoped)
    {
        if (AllEnabled)
        {
            return scoped;
        }

        var kept = new List<int>(scoped.Length);
        foreach (int index in scoped)
        {
            if (_enabled[index])
            {
                kept.Add(index);
            }
        }

        return kept.ToArray();
    }

    /// <summary>The order with <paramref name="first"/> moved to the front; built once per fallback.</summary>
    private int[] StickyOrder(int first)
    {
        // A race builds the same array twice; either copy is correct.
        return _stickyOrders[first] ??= Build();

        int[] Build()
        {
            var order = new int[Order.Length];
            order[0] = first;
            int next = 1;
            foreach (int index in Order)
            {
                if (index != first)
                {
                    order[next++] = index;
                }
            }

            return order;
        }
    }
}
