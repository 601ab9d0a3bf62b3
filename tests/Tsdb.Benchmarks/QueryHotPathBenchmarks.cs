using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Benchmarks;

/// <summary>
/// The per-value work of a Grafana panel over 6 h of 1 s data: repr of 28k consolidated averages (29 series x 982
/// points, as groupByNode's JSON writes), the column aggregate of 3 series x 21,600 values against the row-wise
/// combine, and maxDataPoints consolidation of one series into 982 averages.
/// </summary>
[MemoryDiagnoser]
public class QueryHotPathBenchmarks
{
    private double[] _averages = null!;
    private double[][] _lists = null!;
    private TimeSeries _series = null!;
    private readonly StringBuilder _sb = new(1 << 20);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _averages = new double[29 * 982];
        for (int i = 0; i < _averages.Length; i++) _averages[i] = random.Next(100_000) / 22.0;
        _lists = new double[3][];
        for (int j = 0; j < 3; j++)
        {
            _lists[j] = new double[21_600];
            for (int i = 0; i < 21_600; i++) _lists[j][i] = random.Next(10) == 0 ? double.NaN : random.Next(4097);
        }
        _series = new TimeSeries("a", 0, 21_600, 1, _lists[0], "a") { ValuesPerPoint = 22 };
    }

    [Benchmark(Baseline = true)]
    public int ReprViaStrings()
    {
        _sb.Clear();
        foreach (var v in _averages) _sb.Append(PythonFormat.ReprReference(v));
        return _sb.Length;
    }

    [Benchmark]
    public int ReprFormatR()
    {
        _sb.Clear();
        Span<char> buffer = stackalloc char[32];
        foreach (var v in _averages)
        {
            v.TryFormat(buffer, out int n, "R", CultureInfo.InvariantCulture);
            _sb.Append(buffer[..n]);
        }
        return _sb.Length;
    }

    [Benchmark]
    public int ReprAppend()
    {
        _sb.Clear();
        foreach (var v in _averages) PythonFormat.AppendRepr(_sb, v);
        return _sb.Length;
    }

    [Benchmark]
    public double SumRows() =>
        SeriesAggregation.CombineRows(_lists, row => SeriesAggregation.RowPassesXff(row, 0) ? Tsdb.Query.Functions.Aggregators.Sum(row) : double.NaN)[100];

    [Benchmark]
    public double SumColumns() => SeriesAggregation.CombineColumns(_lists, "sum", 0)![100];

    [Benchmark]
    public int ConsolidateAverage()
    {
        var values = new double[982];
        var ints = new bool[982];
        return SeriesConsolidation.Consolidate(_series, 0, values, ints);
    }
}
