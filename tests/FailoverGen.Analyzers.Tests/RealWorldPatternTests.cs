using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace FailoverGen.Analyzers.Tests;

/// <summary>
/// The patterns real repositories use, each with a case the rules must report and one they must accept: filters,
/// exception types, handed-on exceptions, calls that cannot fail over, loops that move on, and code one call away.
/// </summary>
public class RealWorldPatternTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using FailoverGen;

        [FallbackChain]
        public interface IChatProvider { Task<string?> CompleteAsync(string prompt, CancellationToken ct = default); }

        """;

    private static string InProvider(string body, string members = "") => Prelude + """
        public sealed class Provider : IChatProvider
        {
            private readonly HttpClient _http = new HttpClient();
            private Exception? _lastError;

            public async Task<string?> CompleteAsync(string prompt, CancellationToken ct = default)
            {
        """ + body + """

            }
        """ + members + """

        }
        """;

    private static DiagnosticResult Swallowed(int markup, string type) =>
        Verify.Diagnostic(DiagnosticIds.SwallowedFailover, DiagnosticSeverity.Warning, markup).WithArguments(type);

    private static DiagnosticResult Retry(int markup, string type) =>
        Verify.Diagnostic(DiagnosticIds.SameProviderRetry, DiagnosticSeverity.Warning, markup).WithArguments(type);

    private static Task Swallows(string body, string type, string members = "") =>
        Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(InProvider(body, members), Swallowed(0, type));

    private static Task Accepts(string body, string members = "") =>
        Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(InProvider(body, members));

    // Filters

    [Fact]
    public Task IsTypeFilter_ForATypeThatCannotCarryAFailure_IsAccepted() =>
        Accepts("""
            try { return await _http.GetStringAsync("x", ct); }
            catch (Exception ex) when (ex is NotSupportedException) { return null; }
            """);

    [Fact]
    public Task IsTypeFilter_ForAFailureCarrier_IsReported() =>
        Swallows("""
            try { return await _http.GetStringAsync("x", ct); }
            {|#0:catch (Exception ex)|} when (ex is HttpRequestException) { return null; }
            """, "Exception");

    [Fact]
    public Task HelperMethodFilter_IsTakenToHandleWhatItMeant() =>
        Accepts("""
                try { return await _http.GetStringAsync("x", ct); }
                catch (Exception ex) when (IsNotFoundError(ex)) { return null; }
            """, """
                private static bool IsNotFoundError(Exception ex) => ex is HttpRequestException { StatusCode: HttpStatusCode.NotFound };
            """);

    [Fact]
    public Task FilterThatDoesNotLookAtTheException_StillLetsFailuresThrough() =>
        Swallows("""
            bool swallow = prompt.Length > 0;
            try { return await _http.GetStringAsync("x", ct); }
            {|#0:catch (HttpRequestException)|} when (swallow) { return null; }
            """, "HttpRequestException");

    [Fact]
    public Task NotFoundStatusFilter_IsAccepted() =>
        Accepts("""
            try { return await _http.GetStringAsync("x", ct); }
            catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.NotFound) { return null; }
            """);

    [Fact]
    public Task RateLimitStatusPattern_IsReported() =>
        Swallows("""
            try { return await _http.GetStringAsync("x", ct); }
            {|#0:catch (Exception ex)|} when (ex is HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests }) { return null; }
            """, "Exception");

    [Fact]
    public Task InnerExceptionTypeFilter_IsReadLikeTheExceptionItself() =>
        Swallows("""
            try { return await _http.GetStringAsync("x", ct); }
            {|#0:catch (AggregateException ex)|} when (ex.InnerException is HttpRequestException) { return null; }
            """, "AggregateException");

    // Exception types

    [Theory]
    [InlineData("DirectoryNotFoundException")]
    [InlineData("FileNotFoundException")]
    [InlineData("EndOfStreamException")]
    [InlineData("JsonException")]
    [InlineData("NotSupportedException")]
    public Task TypesThatCannotCarryAProviderFailure_AreAccepted(string type) =>
        Accepts($$"""
            try { return await _http.GetStringAsync("x", ct); }
            catch ({{type}}) { return null; }
            """);

    [Fact]
    public Task IOExceptionItself_CanCarryANetworkFailure() =>
        Swallows("""
            try { return await _http.GetStringAsync("x", ct); }
            {|#0:catch (IOException)|} { return null; }
            """, "IOException");

    [Fact]
    public async Task SemanticKernelsHttpOperationException_IsKnownOutOfTheBox()
    {
        string source = InProvider("""
                try { return await _http.GetStringAsync("x", ct); }
                {|#0:catch (Microsoft.SemanticKernel.HttpOperationException)|} { return null; }
            """) + """

            namespace Microsoft.SemanticKernel { public class HttpOperationException : Exception { } }
            """;

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source, Swallowed(0, "HttpOperationException"));
    }

    private const string GatewayException = """

        namespace Contoso
        {
            public class GatewayException : Exception { }
            public sealed class GatewayThrottledException : GatewayException { }
        }
        """;

    [Fact]
    public async Task UsersOwnExceptionType_IsUnknownUntilDeclared()
    {
        string source = InProvider("""
                try { return await _http.GetStringAsync("x", ct); }
                catch (Contoso.GatewayThrottledException) { return null; }
            """) + GatewayException;

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source);
    }

    [Fact]
    public async Task UsersOwnExceptionType_DeclaredByAssemblyAttribute_AndItsSubtypes_AreReported()
    {
        string source = InProvider("""
                try { return await _http.GetStringAsync("x", ct); }
                {|#0:catch (Contoso.GatewayThrottledException)|} { return null; }
            """) + GatewayException;
        const string declaration = "[assembly: FailoverGen.ProviderFailureException(typeof(Contoso.GatewayException))]";

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(new[] { source, declaration }, null, Swallowed(0, "GatewayThrottledException"));
    }

    [Fact]
    public async Task UsersOwnExceptionType_DeclaredInEditorConfig_IsReported()
    {
        string source = InProvider("""
                try { return await _http.GetStringAsync("x", ct); }
                {|#0:catch (Contoso.GatewayException)|} { return null; }
            """) + GatewayException;

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(
            new[] { source },
            "failovergen.provider_exception_types = Contoso.Unrelated, Contoso.GatewayException",
            Swallowed(0, "GatewayException"));
    }

    // Handed on, not swallowed

    [Theory]
    [InlineData("catch (Exception ex) { _lastError = ex; return null; }")]
    [InlineData("catch (Exception ex) { var errors = new List<Exception>(); errors.Add(ex); Report(errors); return null; }")]
    [InlineData("catch (Exception ex) { var tcs = new TaskCompletionSource<string?>(); tcs.SetException(ex); return await tcs.Task; }")]
    [InlineData("catch (Exception ex) { return await Task.FromException<string?>(ex); }")]
    [InlineData("catch (Exception ex) { LastFailure = new Failure(ex); return null; }")]
    [InlineData("catch (Exception ex) { return Describe(new Failure(ex)); }")]
    public Task ExceptionHandedOn_IsNotASwallow(string catchClause) =>
        Accepts("try { return await _http.GetStringAsync(\"x\", ct); }\n" + catchClause, """
                private static void Report(List<Exception> errors) => throw new AggregateException(errors);
                private static string? Describe(Failure failure) => failure.Error.Message;
                private sealed record Failure(Exception Error);
                private Failure? LastFailure { get; set; }
            """);

    [Fact]
    public Task ExceptionOnlyLogged_IsStillASwallow() =>
        Swallows("""
            try { return await _http.GetStringAsync("x", ct); }
            {|#0:catch (Exception ex)|} { Console.Error.WriteLine(ex); System.Diagnostics.Debug.WriteLine(ex.Message); return null; }
            """, "Exception");

    [Fact]
    public Task ExceptionCopiedIntoALocalOfTheCatch_IsStillASwallow() =>
        Swallows("""
            try { return await _http.GetStringAsync("x", ct); }
            {|#0:catch (Exception ex)|} { var copy = ex; Console.WriteLine(copy.Message); return null; }
            """, "Exception");

    [Fact]
    public Task ExceptionReturnedThroughAnOutParameter_IsNotASwallow() =>
        Accepts("""
                return TryGet(out string? text, out Exception? error) ? text : throw error!;
            """, """
                private bool TryGet(out string? text, out Exception? error)
                {
                    try { text = _http.GetStringAsync("x").Result; error = null; return true; }
                    catch (Exception ex) { text = null; error = ex; return false; }
                }
            """);

    [Fact]
    public Task FailureFlagThrownRightAfterTheTry_IsNotASwallow() =>
        Accepts("""
            bool failed = false;
            string? text = null;
            try { text = await _http.GetStringAsync("x", ct); }
            catch (HttpRequestException) { failed = true; }
            if (failed) { throw new InvalidOperationException("the provider failed"); }
            return text;
            """);

    [Fact]
    public Task FlagSetButNotThrownAfterTheTry_IsASwallow() =>
        Swallows("""
            bool failed = false;
            string? text = null;
            try { text = await _http.GetStringAsync("x", ct); }
            {|#0:catch (HttpRequestException)|} { failed = true; }
            Console.WriteLine(failed);
            return text;
            """, "HttpRequestException");

    // Calls that cannot fail over

    [Fact]
    public Task CatchAroundADeserialize_IsNotWhereFailoverErrorsArrive() =>
        Accepts("""
            string body = await _http.GetStringAsync("x", ct);
            string result = "";
            foreach (string line in body.Split('\n'))
            {
                try { result += JsonSerializer.Deserialize<string>(line); }
                catch { continue; }
            }
            return result;
            """);

    [Fact]
    public Task IsolationCatchAroundAUserCallback_IsAccepted() =>
        Accepts("""
                string text = await _http.GetStringAsync("x", ct);
                try { await OnCompleted(text); }
                catch (Exception ex) { Console.WriteLine(ex); }
                return text;
            """, """
                public Func<string, Task> OnCompleted { get; set; } = _ => Task.CompletedTask;
            """);

    [Fact]
    public Task CatchAroundAHelperThatCallsTheProvider_IsReported() =>
        Swallows("""
                try { return await SendAsync(prompt, ct); }
                {|#0:catch (Exception)|} { return null; }
            """, "Exception", """
                private Task<string> SendAsync(string prompt, CancellationToken ct) => BuildAndSendAsync(prompt, ct);
                private Task<string> BuildAndSendAsync(string prompt, CancellationToken ct) => _http.GetStringAsync("x?q=" + prompt, ct);
            """);

    // Loops

    [Fact]
    public async Task LoopOverClients_IsARoutersOwnFailover_NotARetry()
    {
        string source = InProvider("""
                HttpClient[] clients = { _http, new HttpClient() };
                for (int i = 0; i < clients.Length; i++)
                {
                    try { return await clients[i].GetStringAsync("x", ct); }
                    catch (HttpRequestException) { continue; }
                }
                return null;
            """);

        await Verify.AnalyzerAsync<SameProviderRetryAnalyzer>(source);
        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source);
    }

    [Fact]
    public async Task LoopThatSelectsTheNextClient_IsNotARetry()
    {
        string source = InProvider("""
                    int round = 0;
                    while (true)
                    {
                        HttpClient client = await SelectClientAsync(round++);
                        try { return await client.GetStringAsync("x", ct); }
                        catch (HttpRequestException) { }
                    }
                """, """
                private Task<HttpClient> SelectClientAsync(int round) => Task.FromResult(_http);
            """);

        await Verify.AnalyzerAsync<SameProviderRetryAnalyzer>(source);
    }

    [Fact]
    public async Task LoopOverItems_WithTheSameClient_SwallowsEachItemsFailure_ButIsNoRetry()
    {
        string source = InProvider("""
                string[] prompts = prompt.Split(';');
                string result = "";
                for (int i = 0; i < prompts.Length; i++)
                {
                    try { result += await _http.GetStringAsync("x?q=" + prompts[i], ct); }
                    {|#0:catch (HttpRequestException)|} { continue; }
                }
                return result;
            """);

        await Verify.AnalyzerAsync<SameProviderRetryAnalyzer>(source);
        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source, Swallowed(0, "HttpRequestException"));
    }

    [Fact]
    public Task RetryLoopThatRebuildsTheSameRequest_IsStillARetry() =>
        Verify.AnalyzerAsync<SameProviderRetryAnalyzer>(InProvider("""
                for (int attempt = 0; attempt < 3; attempt++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "x");
                    try { return await (await _http.SendAsync(request, ct)).Content.ReadAsStringAsync(ct); }
                    {|#0:catch (HttpRequestException)|} when (attempt < 2) { await Task.Delay(100, ct); }
                }
                return null;
            """), Retry(0, "HttpRequestException"));

    // Code one call away

    [Fact]
    public async Task HelperClassTheChainDelegatesTo_IsAnalyzedAtItsCatch()
    {
        string chain = Prelude + """
            public sealed class Provider : IChatProvider
            {
                private readonly ClientCore _core = new ClientCore();
                public Task<string?> CompleteAsync(string prompt, CancellationToken ct = default) => _core.SendAsync(prompt, ct);
            }
            """;
        string core = """
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            internal sealed class ClientCore
            {
                private readonly HttpClient _http = new HttpClient();

                public async Task<string?> SendAsync(string prompt, CancellationToken ct)
                {
                    try { return await _http.GetStringAsync("x", ct); }
                    {|#0:catch (HttpRequestException)|} { return null; }
                }

                public async Task<string?> UnusedByChainsAsync(CancellationToken ct)
                {
                    try { return await _http.GetStringAsync("y", ct); }
                    catch (HttpRequestException) { return null; }
                }
            }
            """;

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(new[] { chain, core }, null, Swallowed(0, "HttpRequestException"));
    }

    [Fact]
    public async Task HelperReachedThroughAnInterface_IsAnalyzedAtItsCatch()
    {
        string chain = Prelude + """
            public interface ISender { Task<string?> SendAsync(string prompt, CancellationToken ct); }

            public sealed class Provider : IChatProvider
            {
                private readonly ISender _sender;
                public Provider(ISender sender) { _sender = sender; }
                public Task<string?> CompleteAsync(string prompt, CancellationToken ct = default) => _sender.SendAsync(prompt, ct);
            }
            """;
        string sender = """
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            internal sealed class HttpSender : ISender
            {
                private readonly HttpClient _http = new HttpClient();

                public async Task<string?> SendAsync(string prompt, CancellationToken ct)
                {
                    try { return await _http.GetStringAsync("x", ct); }
                    {|#0:catch (HttpRequestException)|} { return null; }
                }
            }
            """;

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(new[] { chain, sender }, null, Swallowed(0, "HttpRequestException"));
    }

    [Fact]
    public Task CatchThatCallsABackupProvider_IsFailoverWrittenByHand() =>
        Accepts("""
                try { return await _http.GetStringAsync("primary", ct); }
                catch (HttpRequestException) { return await _backup.GetStringAsync("backup", ct); }
            """, """
                private readonly HttpClient _backup = new HttpClient();
            """);

    [Fact]
    public Task CatchThatOnlyLogsAndReturnsAFallbackValue_IsReported() =>
        Swallows("""
                try { return await _http.GetStringAsync("primary", ct); }
                {|#0:catch (HttpRequestException ex)|} { Console.WriteLine(ex.Message); return "Sorry, try again later."; }
            """, "HttpRequestException");

    [Fact]
    public async Task BaseClassInAnotherFile_IsAnalyzed()
    {
        string chain = Prelude + """
            public sealed class Provider : ProviderBase, IChatProvider
            {
                public Task<string?> CompleteAsync(string prompt, CancellationToken ct = default) => GetAsync(ct);
            }
            """;
        string baseClass = """
            using System;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            public abstract class ProviderBase
            {
                private readonly HttpClient _http = new HttpClient();

                protected async Task<string?> GetAsync(CancellationToken ct)
                {
                    try { return await _http.GetStringAsync("x", ct); }
                    {|#0:catch (Exception)|} { return null; }
                }
            }
            """;

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(new[] { chain, baseClass }, null, Swallowed(0, "Exception"));
    }

    [Fact]
    public async Task CodeBeyondTheCallDepth_IsNotAnalyzed()
    {
        string source = Prelude + """
            public sealed class Provider : IChatProvider
            {
                public Task<string?> CompleteAsync(string prompt, CancellationToken ct = default) => Hop.One(ct);
            }

            internal static class Hop
            {
                public static Task<string?> One(CancellationToken ct) => Two(ct);
                public static Task<string?> Two(CancellationToken ct) => Three(ct);
                public static Task<string?> Three(CancellationToken ct) => Four(ct);
                public static Task<string?> Four(CancellationToken ct) => Far.GetAsync(ct);
            }

            internal static class Far
            {
                public static async Task<string?> GetAsync(CancellationToken ct)
                {
                    try { return await new HttpClient().GetStringAsync("x", ct); }
                    catch (HttpRequestException) { return null; }
                }
            }
            """;

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source);
    }

    // Closed generic chains

    [Fact]
    public async Task ClosedGenericChainFor_IsAnalyzed_ButOtherClosedFormsAreNot()
    {
        string source = """
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;
            using FailoverGen;

            [assembly: FallbackChainFor(typeof(IGenerator<string, float>))]

            public interface IGenerator<TInput, TOutput> { Task<TOutput> GenerateAsync(TInput input); }

            public sealed class TextGenerator : IGenerator<string, float>
            {
                public async Task<float> GenerateAsync(string input)
                {
                    try { return float.Parse(await new HttpClient().GetStringAsync(input)); }
                    {|#0:catch (HttpRequestException)|} { return 0; }
                }
            }

            public sealed class NumberGenerator : IGenerator<int, int>
            {
                public async Task<int> GenerateAsync(int input)
                {
                    try { return int.Parse(await new HttpClient().GetStringAsync("x")); }
                    catch (HttpRequestException) { return 0; }
                }
            }
            """;

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source, Swallowed(0, "HttpRequestException"));
    }
}
