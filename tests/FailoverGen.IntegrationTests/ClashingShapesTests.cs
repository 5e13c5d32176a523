using System;

namespace FailoverGen.IntegrationTests;

public interface ITextReader
{
    string Read(int id);
}

public interface ICountReader
{
    int Read(int id);
}

/// <summary>Two bases with the same method but different return types: one is implemented explicitly.</summary>
[FallbackChain]
public interface IBothReaders : ITextReader, ICountReader
{
    string Label { get; init; }
}

public sealed class Readers(string name, Exception? failure = null) : IBothReaders
{
    public string Label
    {
        get => failure is null ? name : throw failure;
        init => throw new NotSupportedException();
    }

    public string Read(int id) => failure is null ? name + id : throw failure;

    int ICountReader.Read(int id) => failure is null ? id * 10 : throw failure;
}

public sealed class ClashingShapesTests
{
    private readonly BothReadersFailover _readers = new(FallbackChain.Create<IBothReaders>()
        .Add("primary", new Readers("primary", new ProviderException("slow down", statusCode: 429)))
        .Add("fallback", new Readers("fallback"))
        .Build());

    [Fact]
    public void ImplicitlyImplementedMember_FailsOver() => Assert.Equal("fallback7", _readers.Read(7));

    [Fact]
    public void ExplicitlyImplementedMember_FailsOverToo() => Assert.Equal(70, ((ICountReader)_readers).Read(7));

    [Fact]
    public void InitOnlyGetter_FailsOver() => Assert.Equal("fallback", _readers.Label);

    [Fact]
    public void InitOnlySetter_SaysWhyItCannotWork()
    {
        var error = Assert.Throws<NotSupportedException>(() => new BothReadersFailover(FallbackChain.Create<IBothReaders>().Add("a", new Readers("a")).Build()) { Label = "x" });

        Assert.Contains("set it on each provider when you create it", error.Message, StringComparison.Ordinal);
    }
}
