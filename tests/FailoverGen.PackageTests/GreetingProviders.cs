using System;
using System.Threading;
using System.Threading.Tasks;

namespace FailoverGen.PackageTests;

internal sealed class FailingGreetingProvider(Exception error) : IGreetingProvider
{
    public int Calls { get; private set; }

    public Task<string> GreetAsync(string name, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Task.FromException<string>(error);
    }
}

internal sealed class HealthyGreetingProvider(string providerName) : IGreetingProvider
{
    public int Calls { get; private set; }

    public Task<string> GreetAsync(string name, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Task.FromResult(providerName + ": hello " + name);
    }
}
