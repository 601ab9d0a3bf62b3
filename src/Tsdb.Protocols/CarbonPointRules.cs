namespace Tsdb.Protocols;

/// <summary>
/// What carbon does to every datapoint after decoding, for both protocols
/// (carbon <c>lib/carbon/protocols.py</c>, <c>MetricReceiver.metricReceived</c>): NaN values are dropped,
/// <c>int(timestamp) == -1</c> means "now", and the timestamp is truncated toward zero as by <c>int()</c>.
/// </summary>
public static class CarbonPointRules
{
    // 2^63: int(ts) must fit a long; carbon would fail later packing it into whisper's u32 anyway.
    private const double TimestampLimit = 9.2233720368547758E18;

    public static PointParseStatus TryNormalize(double timestamp, double value, long arrivalTime, out long epochSeconds)
    {
        epochSeconds = 0;
        if (double.IsNaN(value)) return PointParseStatus.DroppedNaN;
        // int(inf) / int(nan) raise in carbon outside its error handler: the point never arrives.
        if (!double.IsFinite(timestamp) || Math.Abs(timestamp) >= TimestampLimit) return PointParseStatus.Malformed;
        long truncated = (long)timestamp;
        epochSeconds = truncated == -1 ? arrivalTime : truncated;
        return PointParseStatus.Accepted;
    }
}
