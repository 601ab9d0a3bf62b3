using System.Buffers;
using System.Globalization;
using System.Text;
using Tsdb.Query.Formatting;
using Tsdb.Query.Model;

namespace Tsdb.Query.Api.Render;

/// <summary>
/// The text render formats of graphite-web render/views.py, byte for byte: json, csv, raw, dygraph,
/// rickshaw. Null is NaN in the values; Python ints (TimeSeries.IntegerValues) are written without ".0".
/// </summary>
public static class RenderFormats
{
    /// <summary>
    /// renderViewJson: maxDataPoints consolidation, noNullPoints, key order target/tags/datapoints, then
    /// upstream's textual fix-ups 'NaN,' -> 'null,' and 'Infinity,' -> '1e9999,' over the whole text.
    /// When no series has any value the answer is [] (upstream tests any(data) on the lists).
    /// </summary>
    public static string Json(List<TimeSeries> data, RenderRequest request)
    {
        string text = "";
        JsonDocument(data, request, output => text = PythonJson.Serialize(output, indent: request.Pretty)
            .Replace("NaN,", "null,").Replace("Infinity,", "1e9999,"));
        return text;
    }

    /// <summary>
    /// <see cref="Json"/>'s text (without indent) as UTF-8 in pooled pieces, for the response to write and
    /// dispose: never one string or array of the whole answer. The fix-ups are applied piece by piece, which
    /// gives the same text (<see cref="PythonJson.SerializeInPieces"/>).
    /// </summary>
    public static PooledUtf8Body JsonUtf8(List<TimeSeries> data, RenderRequest request)
    {
        var body = new PooledUtf8Body();
        try
        {
            JsonDocument(data, request, output => PythonJson.SerializeInPieces(output, piece =>
            {
                piece.Replace("NaN,", "null,").Replace("Infinity,", "1e9999,");
                body.Append(piece);
                piece.Clear();
            }));
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>The JSON document of renderViewJson, handed to <paramref name="write"/> while its pooled datapoint arrays are held.</summary>
    private static void JsonDocument(List<TimeSeries> data, RenderRequest request, Action<List<object?>> write)
    {
        var output = new List<object?>();
        var rented = new List<Array>();
        try
        {
            if (data.Any(s => s.Values.Length > 0))
            {
                int[]? drops = request.MaxDataPoints is { } mdp ? MaxDataPoints.ApplyKeepingValues(data, mdp) : null;
                for (int s = 0; s < data.Count; s++)
                {
                    var series = data[s];
                    var points = Datapoints(series, drops?[s] ?? 0, request.XFilesFactor, request.NoNullPoints, rented);
                    if (request.NoNullPoints && points.Values.Length == 0) continue;
                    var obj = new JsonObject();
                    obj.Add("target", series.NameIsNone ? null : series.Name);
                    var tags = new JsonObject();
                    foreach (var (k, v) in series.Tags.Items) tags.Add(k, v);
                    obj.Add("tags", tags);
                    obj.Add("datapoints", points);
                    output.Add(obj);
                }
            }
            write(output);
        }
        finally
        {
            foreach (var array in rented)
            {
                switch (array)
                {
                    case double[] d: ArrayPool<double>.Shared.Return(d); break;
                    case bool[] b: ArrayPool<bool>.Shared.Return(b); break;
                    case long[] l: ArrayPool<long>.Shared.Return(l); break;
                }
            }
        }
    }

    /// <summary>
    /// TimeSeries.datapoints() of the series without its first <paramref name="skip"/> values: values zipped with
    /// range(start, end + 1, step * valuesPerPoint), in arrays rented
    /// from the shared pools (added to <paramref name="rented"/>); with <paramref name="noNullPoints"/> the null
    /// points are left out.
    /// </summary>
    private static JsonDatapoints Datapoints(TimeSeries series, int skip, double xff, bool noNullPoints, List<Array> rented)
    {
        long stride = series.Step * series.ValuesPerPoint;
        int length = SeriesConsolidation.Length(series, skip);
        if (stride <= 0 || length == 0) return new JsonDatapoints(default, default, default);
        var values = ArrayPool<double>.Shared.Rent(length);
        rented.Add(values);
        var ints = ArrayPool<bool>.Shared.Rent(length);
        rented.Add(ints);
        int n = SeriesConsolidation.Consolidate(series, xff, values, ints, skip);
        long timestamps = series.End < series.Start ? 0 : (series.End - series.Start) / stride + 1;
        if (timestamps < n) n = (int)timestamps;
        bool anyInt = series.IntegerValues is not null && ints.AsSpan(0, n).Contains(true);
        if (!noNullPoints)
            return new JsonDatapoints(values.AsMemory(0, n), anyInt ? ints.AsMemory(0, n) : default, default, series.Start, stride);
        var times = ArrayPool<long>.Shared.Rent(n);
        rented.Add(times);
        int kept = 0;
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(values[i])) continue;
            values[kept] = values[i];
            ints[kept] = ints[i];
            times[kept] = series.Start + i * stride;
            kept++;
        }
        return new JsonDatapoints(values.AsMemory(0, kept), anyInt ? ints.AsMemory(0, kept) : default, times.AsMemory(0, kept));
    }

    private static object? JsonValue(SeriesConsolidation.Point p) =>
        double.IsNaN(p.Value) ? null : p.IsInteger ? new RawJson(SeriesConsolidation.IntText(p.Value)) : p.Value;

    /// <summary>Python str() of a yielded value, as csv and raw write it ("None" for null in raw).</summary>
    private static string PyStr(SeriesConsolidation.Point p, string nullText) =>
        double.IsNaN(p.Value) ? nullText : p.IsInteger ? SeriesConsolidation.IntText(p.Value) : PythonFormat.Repr(p.Value);

    /// <summary>renderViewCsv: name,YYYY-MM-DD HH:MM:SS,value with CRLF; timestamps start + i*step in the request tz.</summary>
    public static string Csv(List<TimeSeries> data, RenderRequest request)
    {
        var sb = new StringBuilder();
        foreach (var series in data)
        {
            string name = CsvField(series.Name);
            var values = SeriesConsolidation.Values(series, request.XFilesFactor);
            for (int i = 0; i < values.Count; i++)
            {
                var at = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(series.Start + i * series.Step), request.TimeZone);
                sb.Append(name).Append(',')
                  .Append(at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                  .Append(PyStr(values[i], "")).Append("\r\n");
            }
        }
        return sb.ToString();
    }

    /// <summary>Python csv QUOTE_MINIMAL: quote fields holding the delimiter, a quote or a line break.</summary>
    private static string CsvField(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    /// <summary>renderViewRaw: "name,start,end,step|v1,v2,...\n" with repr values and None for null.</summary>
    public static string Raw(List<TimeSeries> data, RenderRequest request)
    {
        var sb = new StringBuilder();
        foreach (var series in data)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{(series.NameIsNone ? "None" : series.Name)},{series.Start},{series.End},{series.Step}|");
            sb.AppendJoin(',', SeriesConsolidation.Values(series, request.XFilesFactor).Select(v => PyStr(v, "None")));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// renderViewDygraph: the first series' time axis in milliseconds, one column per series
    /// (null/NaN as null, infinities as Infinity/-Infinity). A series longer than the axis fails as upstream does.
    /// </summary>
    public static string Dygraph(List<TimeSeries> data, RenderRequest request)
    {
        if (data.Count == 0) return "{}";
        var first = data[0];
        var rows = new List<List<string>>();
        for (long ts = first.Start; first.Step > 0 && ts < first.End; ts += first.Step)
            rows.Add([ts.ToString(CultureInfo.InvariantCulture) + "000"]);
        foreach (var series in data)
        {
            var values = SeriesConsolidation.Values(series, request.XFilesFactor);
            if (values.Count > rows.Count)
                throw new InvalidOperationException($"dygraph: series {series.Name} is longer than the first series' time axis");
            for (int i = 0; i < values.Count; i++)
            {
                var v = values[i].Value;
                rows[i].Add(double.IsNaN(v) ? "null" : double.IsPositiveInfinity(v) ? "Infinity"
                    : double.IsNegativeInfinity(v) ? "-Infinity" : PyStr(values[i], "null"));
            }
        }
        if (rows.Any(r => r.Count != data.Count + 1))
            throw new InvalidOperationException("dygraph: series do not share the first series' time axis");
        string labels = PythonJson.Serialize(new List<object?> { "Time" }.Concat(data.Select(s => s.NameIsNone ? null : (object?)s.Name)).ToList());
        return "{\"labels\" : " + labels + ", \"data\" : [" + string.Join(", ", rows.Select(r => "[" + string.Join(", ", r) + "]")) + "]}";
    }

    /// <summary>renderViewRickshaw: [{"target": n, "datapoints": [{"x": ts, "y": v}]}], no tags, no NaN fix-up.</summary>
    public static string Rickshaw(List<TimeSeries> data, RenderRequest request)
    {
        var output = new List<object?>();
        foreach (var series in data)
        {
            var values = SeriesConsolidation.Values(series, request.XFilesFactor);
            var points = new List<object?>();
            long ts = series.Start;
            for (int i = 0; i < values.Count && series.Step > 0 && ts < series.End; i++, ts += series.Step)
                points.Add(new JsonObject { { "x", ts }, { "y", JsonValue(values[i]) } });
            output.Add(new JsonObject { { "target", series.NameIsNone ? null : series.Name }, { "datapoints", points } });
        }
        return PythonJson.Serialize(output, indent: request.Pretty);
    }
}
