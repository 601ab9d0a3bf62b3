namespace Tsdb.Protocols;

/// <summary>Outcome of turning one received line or pickle entry into a point.</summary>
public enum PointParseStatus
{
    /// <summary>A point to store.</summary>
    Accepted,

    /// <summary>The value was NaN; carbon drops such points silently (<c>MetricReceiver.metricReceived</c>).</summary>
    DroppedNaN,

    /// <summary>Not <c>path value timestamp</c> with two Python floats, invalid UTF-8, or an inf/nan/out-of-range timestamp.</summary>
    Malformed,

    /// <summary>The metric name fails carbon's tag rules (see <see cref="Naming.MetricNameCanonicalizer"/>).</summary>
    InvalidName,
}

/// <summary>One decoded point: canonical name, whole epoch seconds, never-NaN value, and what it carries for the
/// store to find its series by (<see cref="Tsdb.Core.PointBatch.Series"/>). Two points are equal when they store
/// the same thing: the series shortcut takes no part in equality.</summary>
public readonly record struct ParsedPoint(string Name, long Timestamp, double Value, object? Series = null)
{
    public bool Equals(ParsedPoint other) => Name == other.Name && Timestamp == other.Timestamp && Value.Equals(other.Value);

    public override int GetHashCode() => HashCode.Combine(Name, Timestamp, Value);
}
