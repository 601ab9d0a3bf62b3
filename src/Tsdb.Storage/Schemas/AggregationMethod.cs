namespace Tsdb.Storage.Schemas;

/// <summary>whisper's aggregation methods with their on-disk codes (whisper.py aggregationTypeToMethod).</summary>
public enum AggregationMethod : byte
{
    Average = 1,
    Sum = 2,
    Last = 3,
    Max = 4,
    Min = 5,
    AvgZero = 6,
    AbsMax = 7,
    AbsMin = 8,
}

public static class AggregationMethodNames
{
    /// <summary>Parses the lower-case name used in storage-aggregation.conf (exact, case-sensitive as in carbon).</summary>
    public static bool TryParse(string name, out AggregationMethod method)
    {
        method = name switch
        {
            "average" => AggregationMethod.Average,
            "sum" => AggregationMethod.Sum,
            "last" => AggregationMethod.Last,
            "max" => AggregationMethod.Max,
            "min" => AggregationMethod.Min,
            "avg_zero" => AggregationMethod.AvgZero,
            "absmax" => AggregationMethod.AbsMax,
            "absmin" => AggregationMethod.AbsMin,
            _ => 0,
        };
        return method != 0;
    }

    /// <summary>
    /// whisper.aggregate(method, knownValues, neighborValues): <paramref name="known"/> are the non-null
    /// values in time order, <paramref name="slotCount"/> the number of finer slots in the bucket.
    /// absmax/absmin keep the first value of greatest/least magnitude, as Python's max/min(key=abs) do.
    /// </summary>
    public static double Aggregate(this AggregationMethod method, ReadOnlySpan<double> known, int slotCount)
    {
        switch (method)
        {
            case AggregationMethod.Average: return Sum(known) / known.Length;
            case AggregationMethod.Sum: return Sum(known);
            case AggregationMethod.Last: return known[^1];
            case AggregationMethod.AvgZero: return Sum(known) / slotCount;
            case AggregationMethod.Max:
            {
                double m = known[0];
                for (int i = 1; i < known.Length; i++) if (known[i] > m) m = known[i];
                return m;
            }
            case AggregationMethod.Min:
            {
                double m = known[0];
                for (int i = 1; i < known.Length; i++) if (known[i] < m) m = known[i];
                return m;
            }
            case AggregationMethod.AbsMax:
            {
                double m = known[0];
                for (int i = 1; i < known.Length; i++) if (Math.Abs(known[i]) > Math.Abs(m)) m = known[i];
                return m;
            }
            case AggregationMethod.AbsMin:
            {
                double m = known[0];
                for (int i = 1; i < known.Length; i++) if (Math.Abs(known[i]) < Math.Abs(m)) m = known[i];
                return m;
            }
            default: throw new ArgumentOutOfRangeException(nameof(method), method, "unknown aggregation method");
        }
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        double s = 0;
        foreach (var v in values) s += v;
        return s;
    }
}
