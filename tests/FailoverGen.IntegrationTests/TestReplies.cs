using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FailoverGen.IntegrationTests;

/// <summary>Replies the sample does not need but the tests do.</summary>
internal static class TestReplies
{
    public static Task GeminiSuccess(HttpContext context) => WriteAsync(context, 200, """
        {"candidates":[{"content":{"parts":[{"text":"Gemini is back."}],"role":"model"},"finishReason":"STOP","index":0}],"modelVersion":"gemini-2.5-flash"}
        """);

    public static Task AnthropicSuccess(HttpContext context) => WriteAsync(context, 200, """
        {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Claude here."}],"stop_reason":"end_turn","usage":{"input_tokens":10,"output_tokens":4}}
        """);

    public static Task GeminiInvalidArgument(HttpContext context) => WriteAsync(context, 400, """
        {"error":{"code":400,"message":"Invalid JSON payload received. Unknown name \"contentz\": Cannot find field.","status":"INVALID_ARGUMENT"}}
        """);

    public static Task GeminiDailyQuota(HttpContext context) => WriteAsync(context, 429, """
        {"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaValue":"250"}]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"3600s"}]}}
        """);

    public static Task AnthropicServerErrorHtml(HttpContext context)
    {
        context.Response.StatusCode = 502;
        context.Response.ContentType = "text/html";
        return context.Response.WriteAsync("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>");
    }

    private static Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json);
    }
}
