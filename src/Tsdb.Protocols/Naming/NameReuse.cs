namespace Tsdb.Protocols.Naming;

/// <summary>How long a caller of <see cref="MetricNameInterner"/> may keep answering a spelling with the instance it
/// was given (a per-connection cache keeps it to skip the interner).</summary>
internal enum NameReuse
{
    /// <summary>Not at all: past the interner's bound, each call builds a new string, and keeping them per caller
    /// would defeat the bound.</summary>
    None,

    /// <summary>For good: the interner (or the store behind it) holds this instance and never forgets or replaces
    /// it, so every later call with the same spelling returns this very instance.</summary>
    Remembered,

    /// <summary>A new canonical name the store does not hold yet. The interner does not remember it (the store will
    /// hold it once its first point is written, and a second map of every name would cost memory), so until then
    /// every call builds a new string and any instance of that text is as good as another. A caller that keeps
    /// the first one gives the store one instance to learn instead of a new one per point, which matters while
    /// the store creates a burst of new series a few seconds behind their senders.</summary>
    Pending,
}
