using System;
using Microsoft.Extensions.Options;

namespace FailoverGen;

/// <summary>
/// Builds the chain of <typeparamref name="TProvider"/> when the host starts (through the options start-up validation
/// the host runs), so configuration that names an unknown provider or a negative time stops the app at start with every
/// problem listed, not at its first request. Kept apart from <see cref="FailoverSettings"/> themselves, whose reloads
/// must reach the chain to be rejected and logged rather than throw inside the configuration reload.
/// </summary>
internal sealed class FailoverStartupCheck<TProvider>
    where TProvider : class
{
    internal sealed class Validator : IValidateOptions<FailoverStartupCheck<TProvider>>
    {
        private readonly IServiceProvider _services;

        public Validator(IServiceProvider services)
        {
            _services = services;
        }

        public ValidateOptionsResult Validate(string? name, FailoverStartupCheck<TProvider> options)
        {
            try
            {
                // A chain built by hand, outside the container, is checked when it is built.
                _ = _services.GetService(typeof(FallbackChain<TProvider>));
                return ValidateOptionsResult.Success;
            }
            catch (OptionsValidationException ex)
            {
                return ValidateOptionsResult.Fail(ex.Failures);
            }
        }
    }
}
