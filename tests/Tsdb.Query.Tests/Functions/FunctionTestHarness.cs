using Tsdb.Core;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Expressions;
using Tsdb.Query.Functions;
using Tsdb.Query.Model;

namespace Tsdb.Query.Tests.Functions;

/// <summary>
/// Calls render functions directly on in-memory series, like graphite-web's test_functions.py:
/// arguments are bound by parameter name, re-evaluation (timeShift, movingAverage) is answered by a
/// callback the test supplies, and every call checks that the input series were not mutated.
/// </summary>
internal static class FunctionTestHarness
{
    public const double N = double.NaN;

    public static TimeSeries Series(string name, long start, long step, params double[] values)
        => new(name, start, start + values.Length * step, step, values, name);

    /// <summary>graphite-web test helper _generate_series_list: db1 and db2 = 0..100, db3 = [1, None x4], step 1.</summary>
    public static List<TimeSeries> GenerateSeriesList()
    {
        var range = Enumerable.Range(0, 101).Select(i => (double)i).ToArray();
        return
        [
            Series("collectd.test-db1.load.value", 0, 1, (double[])range.Clone()),
            Series("collectd.test-db2.load.value", 0, 1, (double[])range.Clone()),
            Series("collectd.test-db3.load.value", 0, 1, 1, N, N, N, N),
        ];
    }

    public static EvaluationContext Context(long from = 0, long until = 100,
        Func<Expression, long, long, List<TimeSeries>>? evaluateInRange = null, double xFilesFactor = 0)
        => new()
        {
            From = from,
            Until = until,
            Now = until,
            Reader = new EmptyReader(),
            XFilesFactor = xFilesFactor,
            EvaluateInRange = evaluateInRange ?? ((e, f, u) => throw new InvalidOperationException("no re-evaluation expected")),
            ResolveFunction = name => FunctionRegistry.Default.Find(name),
        };

    /// <summary>Invokes a registered function (by name or alias) with arguments in parameter order,
    /// filling defaults from the signature like the binder does; asserts inputs are unchanged.</summary>
    public static List<TimeSeries> Call(string function, params object?[] positional)
        => CallIn(Context(), function, positional);

    public static List<TimeSeries> CallIn(EvaluationContext context, string function, params object?[] positional)
        => CallWith(context, function, null, positional);

    public static List<TimeSeries> CallWith(EvaluationContext context, string function,
        IReadOnlyDictionary<string, Expression>? expressions, params object?[] positional)
    {
        var f = FunctionRegistry.Default.Find(function) ?? throw new InvalidOperationException($"unknown function {function}");
        var args = Bind(f.Signature, positional, expressions);
        var inputs = AllSeries(positional).ToList();
        var before = inputs.Select(Snapshot.Of).ToList();
        var result = f.Evaluate(context, args);
        for (int i = 0; i < inputs.Count; i++) before[i].AssertUnchanged(inputs[i]);
        return result;
    }

    private static CallArguments Bind(FunctionSignature sig, object?[] positional,
        IReadOnlyDictionary<string, Expression>? expressions)
    {
        var args = new CallArguments();
        for (int i = 0; i < sig.Params.Count; i++)
        {
            var p = sig.Params[i];
            Expression? expr = expressions is not null && expressions.TryGetValue(p.Name, out var e) ? e : null;
            if (p.Multiple)
            {
                args.Set(p.Name, positional.Skip(i).ToList(), expr);
                break;
            }
            args.Set(p.Name, i < positional.Length ? positional[i] : p.Default, expr);
        }
        return args;
    }

    private static IEnumerable<TimeSeries> AllSeries(IEnumerable<object?> values)
    {
        foreach (var v in values)
        {
            if (v is TimeSeries s) yield return s;
            else if (v is IEnumerable<TimeSeries> list) foreach (var x in list) yield return x;
        }
    }

    public static void AssertValues(double[] expected, double[] actual)
    {
        Assert.True(expected.Length == actual.Length,
            $"length {actual.Length} != {expected.Length}: [{string.Join(", ", actual)}]");
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = double.IsNaN(expected[i]) ? double.IsNaN(actual[i]) : expected[i].Equals(actual[i]);
            Assert.True(same, $"value {i}: expected {expected[i]}, got {actual[i]}: [{string.Join(", ", actual)}]");
        }
    }

    public static void AssertSeries(TimeSeries actual, string name, long start, long end, long step, params double[] values)
    {
        Assert.Equal(name, actual.Name);
        Assert.Equal(start, actual.Start);
        Assert.Equal(end, actual.End);
        Assert.Equal(step, actual.Step);
        AssertValues(values, actual.Values);
    }

    public static void AssertTags(TimeSeries actual, params (string Key, string Value)[] expected)
        => Assert.Equal(expected.Select(t => $"{t.Key}={t.Value}"), actual.Tags.Items.Select(t => $"{t.Key}={t.Value}"));

    private sealed record Snapshot(string Name, long Start, long End, long Step, double[] Values, string PathExpression,
        string Tags, string ConsolidationFunc, int ValuesPerPoint, double? XFilesFactor)
    {
        public static Snapshot Of(TimeSeries s) => new(s.Name, s.Start, s.End, s.Step, (double[])s.Values.Clone(),
            s.PathExpression, string.Join(";", s.Tags.Items.Select(t => $"{t.Key}={t.Value}")), s.ConsolidationFunc,
            s.ValuesPerPoint, s.XFilesFactor);

        public void AssertUnchanged(TimeSeries s)
        {
            var now = Of(s);
            Assert.True(this with { Values = [] } == now with { Values = [] }, $"input series {Name} was mutated: {now}");
            AssertValues(Values, now.Values);
        }
    }

    private sealed class EmptyReader : IMetricReader
    {
        public IReadOnlyList<MetricNode> Find(string pattern) => [];
        public SeriesFetchResult? Fetch(string name, long from, long until, long now) => null;
        public IReadOnlyList<string> AllLeafPaths() => [];
    }
}
