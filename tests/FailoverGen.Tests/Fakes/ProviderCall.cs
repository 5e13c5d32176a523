using System;
using System.Threading;

namespace FailoverGen.Tests.Fakes;

/// <summary>One call a <see cref="ScriptedProvider"/> received: its 1-based number, the prompt, the fake time and the token.</summary>
public sealed record ProviderCall(int Number, string Prompt, DateTimeOffset At, CancellationToken Token);
