using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace FailoverGen.Analyzers.Tests;

/// <summary>FG1001, FG1002 and FG1003 on code that implements a chain interface.</summary>
public class ErrorHandlingAnalyzerTests
{
    private const string Prelude = """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using FailoverGen;

        [FallbackChain]
        public interface IChatProvider { Task<string?> CompleteAsync(string prompt, CancellationToken ct = default); }

        """;

    private static string InProvider(string body) => Prelude + """
        public sealed class Provider : IChatProvider
        {
            private readonly HttpClient _http = new HttpClient();

            public async Task<string?> CompleteAsync(string prompt, CancellationToken ct = default)
            {
        """ + body + """

            }
        }
        """;

    private static DiagnosticResult Swallowed(int markup, string type) =>
        Verify.Diagnostic(DiagnosticIds.SwallowedFailover, DiagnosticSeverity.Warning, markup).WithArguments(type);

    [Fact]
    public async Task RateLimitTurnedIntoNull_IsASwallowedFailover()
    {
        string source = InProvider("""
                try { return await _http.GetStringAsync("x", ct); }
                {|#0:catch (HttpRequestException ex)|} { Console.WriteLine(ex.Message); return null; }
            """);

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source, Swallowed(0, "HttpRequestException"));
    }

    [Theory]
    [InlineData("{|#0:catch|} { }", "Exception")]
    [InlineData("{|#0:catch (Exception)|} { Console.WriteLine(\"failed\"); }", "Exception")]
    [InlineData("{|#0:catch (ProviderException e)|} when (e.StatusCode == 429) { }", "ProviderException")]
    [InlineData("{|#0:catch (TaskCanceledException)|} { }", "TaskCanceledException")]
    [InlineData("{|#0:catch (AggregateException)|} { }", "AggregateException")]
    public async Task CatchesThatCanReceiveAFallbackEligibleError_AndFallThrough_AreReported(string catchClause, string type)
    {
        string source = InProvider("try { await _http.GetStringAsync(\"x\", ct); }\n" + catchClause + "\nreturn null;");

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source, Swallowed(0, type));
    }

    [Theory]
    [InlineData("catch (HttpRequestException) { throw; }")]
    [InlineData("catch (HttpRequestException ex) { Console.WriteLine(ex); throw; }")]
    [InlineData("catch (HttpRequestException ex) { throw new InvalidOperationException(\"failed\", ex); }")]
    [InlineData("catch (HttpRequestException ex) when (!FailoverErrors.IsFailoverEligible(ex)) { return null; }")]
    [InlineData("catch (HttpRequestException ex) when (FailoverErrors.IsFailoverEligible(ex) == false) { return null; }")]
    [InlineData("catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.BadRequest) { return null; }")]
    [InlineData("catch (OperationCanceledException) when (ct.IsCancellationRequested) { return null; }")]
    [InlineData("catch (JsonException) { return null; }")]
    [InlineData("catch (FormatException) { return null; }")]
    [InlineData("catch (ProviderException ex) { if (!FailoverErrors.IsFailoverEligible(ex)) return \"sorry\"; throw; }")]
    [InlineData("catch (ProviderException ex) { if (ex.StatusCode == 400) return null; throw; }")]
    [InlineData("catch (HttpRequestException ex) when (ex.StatusCode is HttpStatusCode.BadRequest) { return null; }")]
    [InlineData("catch (HttpRequestException ex) when (HttpStatusCode.UnprocessableEntity == ex.StatusCode) { return null; }")]
    [InlineData("catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.BadRequest || ex.StatusCode == HttpStatusCode.UnprocessableEntity) { return null; }")]
    [InlineData("catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.BadRequest && ex.Message.Contains(\"context\")) { return null; }")]
    [InlineData("catch (ProviderException ex) when (ex.StatusCode == 429 && !FailoverErrors.IsFailoverEligible(ex)) { return null; }")]
    [InlineData("catch (Exception ex) when (ex is JsonException or FormatException) { return null; }")]
    [InlineData("catch (Exception) when (ct.IsCancellationRequested) { return null; }")]
    [InlineData("catch (AggregateException ex) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException!); }\nreturn null;")]
    public async Task LegitimatePatterns_AreNotReported(string catchClause)
    {
        string source = InProvider("try { return await _http.GetStringAsync(\"x\", ct); }\n" + catchClause);

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source);
    }

    [Theory]
    [InlineData("{|#0:catch (OperationCanceledException)|} when (!ct.IsCancellationRequested) { return null; }", "OperationCanceledException")]
    [InlineData("{|#0:catch (ProviderException ex)|} { if (ex.StatusCode == 429) return null; throw; }", "ProviderException")]
    [InlineData("{|#0:catch (HttpRequestException ex)|} when (ex.StatusCode == HttpStatusCode.BadRequest || ex.StatusCode == HttpStatusCode.TooManyRequests) { return null; }", "HttpRequestException")]
    public async Task FiltersAndGuardsThatStillLetFailuresThrough_AreReported(string catchClause, string type)
    {
        string source = InProvider("try { return await _http.GetStringAsync(\"x\", ct); }\n" + catchClause);

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source, Swallowed(0, type));
    }

    [Fact]
    public async Task TimeoutOfALocalTokenSource_IsNotTheCallersCancellation()
    {
        string source = InProvider("""
                using var cts = new CancellationTokenSource(1000);
                try { return await _http.GetStringAsync("x", cts.Token); }
                {|#0:catch (TaskCanceledException)|} when (cts.IsCancellationRequested) { return null; }
            """);

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source, Swallowed(0, "TaskCanceledException"));
    }

    [Fact]
    public async Task DisposeAndConstructors_AreNotProviderCalls()
    {
        string source = Prelude + """
            public sealed class Provider : IChatProvider, IDisposable
            {
                private readonly HttpClient _http;

                public Provider()
                {
                    try { _http = new HttpClient(); } catch (Exception) { _http = null!; }
                }

                public Task<string?> CompleteAsync(string prompt, CancellationToken ct = default) => Task.FromResult<string?>(prompt);

                public void Dispose()
                {
                    try { _http.Dispose(); } catch (Exception) { }
                }
            }
            """;

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source);
    }

    [Fact]
    public async Task CodeOutsideChainImplementations_IsNotReported()
    {
        string source = Prelude + """
            public sealed class Unrelated
            {
                public async Task<string?> LoadAsync(HttpClient http)
                {
                    try { return await http.GetStringAsync("x"); }
                    catch (HttpRequestException) { return null; }
                }
            }
            """;

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source);
    }

    [Fact]
    public async Task LambdasAndLocalFunctions_AndImplementationsThroughABaseClass_AreAnalyzed()
    {
        string source = Prelude + """
            public abstract class ProviderBase : IChatProvider
            {
                public abstract Task<string?> CompleteAsync(string prompt, CancellationToken ct = default);
            }

            public sealed class Derived : ProviderBase
            {
                public override async Task<string?> CompleteAsync(string prompt, CancellationToken ct = default)
                {
                    Func<Task<string?>> call = async () =>
                    {
                        try { return await new HttpClient().GetStringAsync("x", ct); }
                        {|#0:catch (HttpRequestException)|} { return null; }
                    };
                    return await call() ?? Local();

                    string? Local()
                    {
                        try { return new HttpClient().GetStringAsync("y").Result; }
                        {|#1:catch (Exception)|} { return null; }
                    }
                }
            }
            """;

        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source, Swallowed(0, "HttpRequestException"), Swallowed(1, "Exception"));
    }

    [Fact]
    public async Task NewExceptionWithoutTheCaughtOne_LosesTheStatus()
    {
        string source = InProvider("""
                try { return await _http.GetStringAsync("x", ct); }
                catch (HttpRequestException) { throw {|#0:new InvalidOperationException("model failed")|}; }
            """);

        await Verify.AnalyzerAsync<StatusLostAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.StatusLost, DiagnosticSeverity.Warning, 0).WithArguments("InvalidOperationException"));
    }

    [Fact]
    public async Task MessageOfTheCaughtException_IsNotEnough_ItMustBeTheInnerException()
    {
        string source = InProvider("""
                try { return await _http.GetStringAsync("x", ct); }
                catch (HttpRequestException ex) { throw {|#0:new InvalidOperationException($"model failed: {ex.Message}")|}; }
            """);

        await Verify.AnalyzerAsync<StatusLostAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.StatusLost, DiagnosticSeverity.Warning, 0).WithArguments("InvalidOperationException"));
    }

    [Theory]
    [InlineData("catch (Exception e) when (e is HttpRequestException http) { throw new InvalidOperationException(\"model failed\", http); }")]
    [InlineData("catch (AggregateException ex) { throw new InvalidOperationException(\"model failed\", ex.InnerException); }")]
    [InlineData("catch (HttpRequestException ex) { try { Console.WriteLine(ex); } catch (System.IO.IOException io) { throw new InvalidOperationException(\"log failed\", io); } throw; }")]
    [InlineData("catch (HttpRequestException ex) { throw new InvalidOperationException(\"model failed\", ex); }")]
    [InlineData("catch (HttpRequestException) { throw; }")]
    [InlineData("catch (JsonException) { throw new InvalidOperationException(\"bad json\"); }")]
    public async Task ThrowsThatKeepTheCause_OrUnrelatedCatches_AreNotStatusLoss(string catchClause)
    {
        string source = InProvider("try { return await _http.GetStringAsync(\"x\", ct); }\n" + catchClause);

        await Verify.AnalyzerAsync<StatusLostAnalyzer>(source);
    }

    [Fact]
    public async Task RetryLoopOverTheSameClient_IsReported_AsARetryNotASwallow()
    {
        string source = InProvider("""
                for (int attempt = 0; attempt < 5; attempt++)
                {
                    try { return await _http.GetStringAsync("x", ct); }
                    {|#0:catch (HttpRequestException)|} { await Task.Delay(1000, ct); }
                }
                return null;
            """);

        await Verify.AnalyzerAsync<SameProviderRetryAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.SameProviderRetry, DiagnosticSeverity.Warning, 0).WithArguments("HttpRequestException"));
        await Verify.AnalyzerAsync<SwallowedFailoverAnalyzer>(source);
    }

    [Fact]
    public async Task WhileLoopThatContinues_IsAlsoARetry()
    {
        string source = InProvider("""
                while (true)
                {
                    try { return await _http.GetStringAsync("x", ct); }
                    {|#0:catch (ProviderException ex)|} when (ex.StatusCode == 429) { continue; }
                }
            """);

        await Verify.AnalyzerAsync<SameProviderRetryAnalyzer>(
            source,
            Verify.Diagnostic(DiagnosticIds.SameProviderRetry, DiagnosticSeverity.Warning, 0).WithArguments("ProviderException"));
    }

    [Fact]
    public async Task ForeachOverOtherClients_IsNotASameProviderRetry()
    {
        string source = InProvider("""
                foreach (string url in new[] { "a", "b" })
                {
                    try { return await _http.GetStringAsync(url, ct); }
                    catch (HttpRequestException) when (!FailoverErrors.IsFailoverEligible(new Exception())) { }
                }
                return null;
            """);

        await Verify.AnalyzerAsync<SameProviderRetryAnalyzer>(source);
    }

    [Fact]
    public async Task LoopThatOnlyParses_IsNotASameProviderRetry()
    {
        string source = InProvider("""
                var reader = new System.IO.StringReader(prompt);
                string? line;
                string result = "";
                while ((line = reader.ReadLine()) != null)
                {
                    try { result += JsonSerializer.Deserialize<string>(line); }
                    catch (Exception) when (!FailoverErrors.IsFailoverEligible(new JsonException())) { continue; }
                }
                return result;
            """);

        await Verify.AnalyzerAsync<SameProviderRetryAnalyzer>(source);
    }

    [Fact]
    public async Task RetryLoopThatRethrows_IsNotReported()
    {
        string source = InProvider("""
                for (int attempt = 0; attempt < 5; attempt++)
                {
                    try { return await _http.GetStringAsync("x", ct); }
                    catch (HttpRequestException) { throw; }
                }
                return null;
            """);

        await Verify.AnalyzerAsync<SameProviderRetryAnalyzer>(source);
    }
}
