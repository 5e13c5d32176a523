namespace FailoverGen.Generator.Tests;

/// <summary>Interfaces the tests feed to the generator.</summary>
internal static class TestSources
{
    /// <summary>The reference interface of the expected-output test.</summary>
    public const string ChatProvider = """
        #nullable enable
        using System.Threading;
        using System.Threading.Tasks;
        using FailoverGen;

        namespace Sample
        {
            public sealed class ChatRequest { }
            public sealed class ChatReply { }

            [FallbackChain]
            [FailoverOn(429, FailoverReason.Quota)]
            [FailoverOn(500, 502, 503)]
            public interface IChatProvider
            {
                Task<ChatReply> CompleteAsync(ChatRequest request, CancellationToken ct = default);

                [FailoverOn(FailoverReason.Timeout)]
                Task PingAsync(CancellationToken ct);

                [NoFailover]
                int GetUsage();
            }
        }
        """;

    /// <summary>Member shapes written so they compile at C# 7.3 (no nullable annotations), with or without nullable enabled.</summary>
    public const string Shapes = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using FailoverGen;

        namespace Shapes
        {
            public enum Tier { Free = 0, Paid = 2 }
            public struct Settings { public int Value; }

            [FallbackChain]
            internal interface IEverything
            {
                Task<string> TaskOfT(string prompt, CancellationToken cancellationToken);
                Task PlainTask(int count);
                ValueTask<int> ValueTaskOfT(int a, int b, int c, int d, int e, int f, int g, int h, int i);
                ValueTask PlainValueTask();
                string Sync(string text);
                void Void(int value);
                int Property { get; set; }
                string ReadOnly { get; }
                int this[int index] { get; set; }
                event EventHandler Changed;
                T Generic<T>(T value) where T : class, new();
                int SizeOf<T>(T value) where T : unmanaged;
                string Describe<TError>(TError error) where TError : Exception, IComparable<TError>, new();
                Task<TResult> Transform<TInput, TResult>(TInput input) where TInput : struct where TResult : IComparable<TResult>;
                string Defaults(string text = "a \"quoted\"\n", int number = -5, double ratio = 1.5, float half = 0.5f, decimal price = 9.99m, long big = 10000000000, Tier tier = Tier.Paid, Tier other = (Tier)7, Settings settings = default(Settings), char c = 'x', bool flag = true, int? maybe = 3);
                string Params(params int[] values);
                string In(in Settings settings);
                bool TryGet(string key, out string value);
                void Mutate(ref int value);
                int Span(Span<byte> buffer);
                IAsyncEnumerable<string> Stream(string prompt);
                string Keywords(int @class, string @event);
                Task<string> Clash(string __chain, string __provider, string __state, string __token, CancellationToken ct);
                [NoFailover] Task<int> UsageAsync();
                string Overload(int value);
                string Overload(string value);
            }

            [FallbackChain("CustomName")]
            public interface IRenamed : IBaseOne, IBaseTwo
            {
            }

            public interface IBaseOne { string Shared(); string One(); }
            public interface IBaseTwo { string Shared(); string Two(); }

            [FallbackChain]
            public interface IRepository<T> where T : class
            {
                Task<T> GetAsync(int id, CancellationToken ct);
            }

            public class Outer
            {
                [FallbackChain]
                public interface IClient { string Call(); }
            }
        }
        """;

    /// <summary>Nullable annotations in the signatures (C# 8 and later).</summary>
    public const string Annotated = """
        #nullable enable
        using System.Threading;
        using System.Threading.Tasks;
        using FailoverGen;

        namespace Annotated
        {
            [FallbackChain]
            public interface IAnnotated
            {
                Task<string?> FindAsync(string? key, CancellationToken ct = default);
                T? Pick<T>(T? value) where T : class;
                U Keep<U>(U value) where U : notnull;
                string Required(string text, string? optional = null);
            }
        }
        """;
}
