using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace FailoverGen.Tests.Streaming;

/// <summary>A streaming provider whose items the test sends one by one; it can also ignore its cancellation token.</summary>
public interface ITokenStreamer
{
    IAsyncEnumerable<string> StreamAsync(string prompt, CancellationToken cancellationToken);
}

/// <summary>
/// Yields what the test sends, when it sends it, and ends when the test ends it. One that ignores its token keeps
/// waiting after the chain tells it to stop, as a client with no read timeout on a silent connection does.
/// </summary>
public sealed class GatedStreamer : ITokenStreamer
{
    private readonly string _name;
    private readonly Channel<string> _items = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _starts;

    public GatedStreamer(string name, params string[] items)
    {
        _name = name;
        foreach (string item in items)
        {
            Send(item);
        }
    }

    public bool IgnoresCancellation { get; init; }

    public int Starts => Volatile.Read(ref _starts);

    /// <summary>Completes when the stream the chain started has been disposed.</summary>
    public Task Disposed => _disposed.Task;

    public GatedStreamer Send(string item)
    {
        _items.Writer.TryWrite(item);
        return this;
    }

    public GatedStreamer End()
    {
        _items.Writer.TryComplete();
        return this;
    }

    public async IAsyncEnumerable<string> StreamAsync(string prompt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _starts);
        try
        {
            while (await _items.Reader.WaitToReadAsync(IgnoresCancellation ? CancellationToken.None : cancellationToken).ConfigureAwait(false))
            {
                while (_items.Reader.TryRead(out string? item))
                {
                    yield return _name + ":" + item;
                }
            }
        }
        finally
        {
            _disposed.TrySetResult();
        }
    }
}
