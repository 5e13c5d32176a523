using System;

namespace FailoverGen;

/// <summary>
/// A provider refused to continue another provider's answer and the caller did not allow a restart: carried out of the
/// walk (it is never failed over) so the stream can end with the failure that broke it, not with this refusal.
/// </summary>
internal sealed class ContinuationRejectedException : Exception
{
    public ContinuationRejectedException(Exception refusal)
        : base("The provider refused to continue the interrupted answer.", refusal)
    {
    }
}
