using Microsoft.Extensions.Logging;

namespace FailoverGen.Redis;

/// <summary>The fleet's log events, 1101–1104.</summary>
internal static partial class RedisFleetLog
{
    [LoggerMessage(EventId = 1101, EventName = "RedisUnreachable", Level = LogLevel.Warning,
        Message = "{chain}: Redis ({endpoints}) is out of reach ({problem}); this instance decides its cooldowns alone until it is back. Calls are not affected.")]
    public static partial void Unreachable(ILogger logger, string chain, string endpoints, string problem);

    [LoggerMessage(EventId = 1102, EventName = "RedisSynced", Level = LogLevel.Information,
        Message = "{chain}: cooldowns shared through Redis ({endpoints}): {sent} sent, {received} received")]
    public static partial void Synced(ILogger logger, string chain, string endpoints, int sent, int received);

    [LoggerMessage(EventId = 1103, EventName = "RedisWriteFailed", Level = LogLevel.Debug,
        Message = "{chain}: a cooldown report for {provider} did not reach Redis; it is sent again when Redis is back")]
    public static partial void WriteFailed(ILogger logger, string chain, string provider, System.Exception exception);

    [LoggerMessage(EventId = 1104, EventName = "RedisQueueFull", Level = LogLevel.Warning,
        Message = "{chain}: Redis is slower than the cooldown reports come; the oldest were dropped (capacity {capacity}). Each instance still learns for itself.")]
    public static partial void QueueFull(ILogger logger, string chain, int capacity);
}
