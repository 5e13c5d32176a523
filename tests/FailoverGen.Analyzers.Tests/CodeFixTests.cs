using System.Threading.Tasks;
using FailoverGen.CodeFixes;
using Microsoft.CodeAnalysis;

namespace FailoverGen.Analyzers.Tests;

/// <summary>Each code fix produces exactly this code, and the result compiles without the diagnostic.</summary>
public class CodeFixTests
{
    private const string Prelude = """
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using FailoverGen;

        [FallbackChain]
        public interface IChatProvider { Task<string?> CompleteAsync(string prompt, CancellationToken ct = default); }

        public sealed class Provider : IChatProvider
        {
            private readonly HttpClient _http = new HttpClient();

            public async Task<string?> CompleteAsync(string prompt, CancellationToken ct = default)
            {
                try
                {
                    return await _http.GetStringAsync("x", ct);
                }

        """;

    private const string End = """

            }
        }
        """;

    [Fact]
    public async Task Rethrow_ReplacesTheSwallowingReturn()
    {
        await Verify.CodeFixAsync<SwallowedFailoverAnalyzer, AddRethrowCodeFix>(
            Prelude + """
                    {|#0:catch (HttpRequestException ex)|}
                    {
                        Console.WriteLine(ex.Message);
                        return null;
                    }
            """ + End,
            Prelude + """
                    catch (HttpRequestException ex)
                    {
                        Console.WriteLine(ex.Message);
                        throw;
                    }
            """ + End,
            new[] { Verify.Diagnostic(DiagnosticIds.SwallowedFailover, DiagnosticSeverity.Warning, 0).WithArguments("HttpRequestException") });
    }

    [Fact]
    public async Task Filter_LetsFallbackEligibleErrorsPass_AndNamesTheCaughtException()
    {
        await Verify.CodeFixAsync<SwallowedFailoverAnalyzer, AddFallbackFilterCodeFix>(
            Prelude + """
                    {|#0:catch (HttpRequestException)|}
                    {
                        return null;
                    }
            """ + End,
            Prelude + """
                    catch (HttpRequestException ex) when (!FailoverErrors.IsFailoverEligible(ex))
                    {
                        return null;
                    }
            """ + End,
            new[] { Verify.Diagnostic(DiagnosticIds.SwallowedFailover, DiagnosticSeverity.Warning, 0).WithArguments("HttpRequestException") });
    }

    [Fact]
    public async Task Filter_OnABareCatch_DeclaresTheException()
    {
        await Verify.CodeFixAsync<SwallowedFailoverAnalyzer, AddFallbackFilterCodeFix>(
            Prelude + """
                    {|#0:catch|}
                    {
                        return null;
                    }
            """ + End,
            Prelude + """
                    catch (Exception ex) when (!FailoverErrors.IsFailoverEligible(ex))
                    {
                        return null;
                    }
            """ + End,
            new[] { Verify.Diagnostic(DiagnosticIds.SwallowedFailover, DiagnosticSeverity.Warning, 0).WithArguments("Exception") });
    }

    [Fact]
    public async Task InnerException_IsPassedByName_WhereTheConstructorTakesItAsAnOptionalParameter()
    {
        await Verify.CodeFixAsync<StatusLostAnalyzer, PassInnerExceptionCodeFix>(
            Prelude + """
                    catch (HttpRequestException ex)
                    {
                        throw {|#0:new ProviderException("gateway failed", statusCode: 502)|};
                    }
            """ + End,
            Prelude + """
                    catch (HttpRequestException ex)
                    {
                        throw new ProviderException("gateway failed", statusCode: 502, innerException: ex);
                    }
            """ + End,
            new[] { Verify.Diagnostic(DiagnosticIds.StatusLost, DiagnosticSeverity.Warning, 0).WithArguments("ProviderException") });
    }

    [Fact]
    public async Task InnerException_IsPassedToTheNewException()
    {
        await Verify.CodeFixAsync<StatusLostAnalyzer, PassInnerExceptionCodeFix>(
            Prelude + """
                    catch (HttpRequestException)
                    {
                        throw {|#0:new InvalidOperationException("model failed")|};
                    }
            """ + End,
            Prelude + """
                    catch (HttpRequestException ex)
                    {
                        throw new InvalidOperationException("model failed", ex);
                    }
            """ + End,
            new[] { Verify.Diagnostic(DiagnosticIds.StatusLost, DiagnosticSeverity.Warning, 0).WithArguments("InvalidOperationException") });
    }
}
