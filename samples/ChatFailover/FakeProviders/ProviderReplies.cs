using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ChatFailover.FakeProviders;

/// <summary>Responses shaped like the real providers' own: status codes, headers and JSON error bodies.</summary>
public static class ProviderReplies
{
    /// <summary>Gemini free-tier per-minute quota exhausted, with a RetryInfo of 26 s.</summary>
    public static Task GeminiRateLimited(HttpContext context) => WriteAsync(context, 429, """
        {
          "error": {
            "code": 429,
            "message": "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
            "status": "RESOURCE_EXHAUSTED",
            "details": [
              {
                "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                "violations": [
                  {
                    "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                    "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                    "quotaDimensions": { "location": "global", "model": "gemini-2.5-flash" },
                    "quotaValue": "10"
                  }
                ]
              },
              {
                "@type": "type.googleapis.com/google.rpc.Help",
                "links": [ { "description": "Learn more about Gemini API quotas", "url": "https://ai.google.dev/gemini-api/docs/rate-limits" } ]
              },
              { "@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "26s" }
            ]
          }
        }
        """);

    /// <summary>Anthropic's provider-wide overload.</summary>
    public static Task AnthropicOverloaded(HttpContext context)
    {
        context.Response.Headers["request-id"] = "req_011CSHoEeqs5C35K2UUqR7Fy";
        context.Response.Headers["x-should-retry"] = "true";
        return WriteAsync(context, 529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""");
    }

    /// <summary>A successful OpenAI chat completion.</summary>
    public static Task OpenAiSuccess(HttpContext context) => WriteAsync(context, 200, """
        {
          "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
          "object": "chat.completion",
          "created": 1741569952,
          "model": "gpt-4o-mini-2024-07-18",
          "choices": [
            { "index": 0, "message": { "role": "assistant", "content": "Failover keeps your agent answering while one provider is down." }, "finish_reason": "stop" }
          ],
          "usage": { "prompt_tokens": 19, "completion_tokens": 12, "total_tokens": 31 }
        }
        """);

    /// <summary>OpenAI's per-minute request limit, with the reset headers it sends.</summary>
    public static Task OpenAiRateLimited(HttpContext context)
    {
        context.Response.Headers["x-ratelimit-limit-requests"] = "3";
        context.Response.Headers["x-ratelimit-remaining-requests"] = "0";
        context.Response.Headers["x-ratelimit-reset-requests"] = "20s";
        context.Response.Headers["x-ratelimit-remaining-tokens"] = "39000";
        context.Response.Headers["x-ratelimit-reset-tokens"] = "1.5s";
        return WriteAsync(context, 429, """
            {
              "error": {
                "message": "Rate limit reached for gpt-4o-mini in organization org-1234 on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.",
                "type": "requests",
                "param": null,
                "code": "rate_limit_exceeded"
              }
            }
            """);
    }

    private static Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(json);
    }
}
