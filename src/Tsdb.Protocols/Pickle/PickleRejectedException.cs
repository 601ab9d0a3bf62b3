namespace Tsdb.Protocols.Pickle;

/// <summary>A pickle frame that cannot be used at all: malformed, truncated, or asking for a global.
/// carbon logs "invalid pickle received" and ignores the whole frame (<c>MetricPickleReceiver.stringReceived</c>).</summary>
public sealed class PickleRejectedException(string message) : Exception(message);
