using System;
using System.Buffers;
using System.Text.Json;

namespace FailoverGen.Redis;

/// <summary>
/// One piece of news between instances, as JSON: a cooldown opened (<c>open</c>, with what is left of it in
/// milliseconds) or a provider that answered again (<c>recovered</c>). A cooldown key holds the same JSON as its
/// <c>open</c> message. Read with <see cref="Utf8JsonReader"/>, so nothing here needs reflection.
/// </summary>
internal sealed class FleetMessage
{
    public const string Open = "open";
    public const string Recovered = "recovered";

    public FleetMessage(string kind, string sender, string provider, long remainingMilliseconds = 0, FailoverReason reason = FailoverReason.Unknown, string? group = null, string? evidence = null)
    {
        Kind = kind;
        Sender = sender;
        Provider = provider;
        RemainingMilliseconds = remainingMilliseconds;
        Reason = reason;
        Group = group;
        Evidence = evidence;
    }

    public string Kind { get; }

    /// <summary>The instance that sent it, so an instance ignores its own news.</summary>
    public string Sender { get; }

    public string Provider { get; }

    public long RemainingMilliseconds { get; }

    public FailoverReason Reason { get; }

    public string? Group { get; }

    public string? Evidence { get; }

    public FleetCooldown ToCooldown(long remainingMilliseconds) =>
        new(Provider, TimeSpan.FromMilliseconds(remainingMilliseconds), Reason, Group, Evidence);

    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("kind", Kind);
            json.WriteString("sender", Sender);
            json.WriteString("provider", Provider);
            if (Kind == Open)
            {
                json.WriteNumber("ms", RemainingMilliseconds);
                json.WriteString("reason", Reason.ToString());
                if (Group is not null)
                {
                    json.WriteString("group", Group);
                }

                if (Evidence is not null)
                {
                    json.WriteString("evidence", Evidence);
                }
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The message, or null for anything that is not one (another program's, a newer version's, garbage).</summary>
    public static FleetMessage? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? kind = null, sender = null, provider = null, group = null, evidence = null;
            long ms = 0;
            long version = 0;
            FailoverReason reason = FailoverReason.Unknown;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                if (!reader.Read())
                {
                    return null;
                }

                switch (name)
                {
                    case "v" when reader.TokenType == JsonTokenType.Number:
                        version = reader.GetInt64();
                        break;
                    case "kind" when reader.TokenType == JsonTokenType.String:
                        kind = reader.GetString();
                        break;
                    case "sender" when reader.TokenType == JsonTokenType.String:
                        sender = reader.GetString();
                        break;
                    case "provider" when reader.TokenType == JsonTokenType.String:
                        provider = reader.GetString();
                        break;
                    case "ms" when reader.TokenType == JsonTokenType.Number:
                        ms = reader.GetInt64();
                        break;
                    case "reason" when reader.TokenType == JsonTokenType.String:
                        reason = Enum.TryParse(reader.GetString(), ignoreCase: false, out FailoverReason parsed) ? parsed : FailoverReason.Unknown;
                        break;
                    case "group" when reader.TokenType == JsonTokenType.String:
                        group = reader.GetString();
                        break;
                    case "evidence" when reader.TokenType == JsonTokenType.String:
                        evidence = reader.GetString();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            return version == 1 && kind is Open or Recovered && sender is not null && provider is not null
                ? new FleetMessage(kind, sender, provider, ms, reason, group, evidence)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed JSON, or a string that is not valid UTF-8 (GetString throws InvalidOperationException).
            return null;
        }
    }
}
