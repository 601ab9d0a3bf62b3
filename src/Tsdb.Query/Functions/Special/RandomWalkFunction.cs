using System.Text;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Special;

/// <summary>
/// graphite-web randomWalkFunction ("randomWalk", "randomWalkFunction"): x(0) = int 0, x(t) = x(t-1) +
/// random() - 0.5, every step seconds from the request's from. graphite-web draws from Python's global
/// random; here the generator is seeded from the name, from, until and step, so one request always gets
/// the same walk (reproducible renders and cache entries).
/// </summary>
public sealed class RandomWalkFunction : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "randomWalkFunction", "Special",
        [
            new ParamSpec("name", ParamType.String, Required: true),
            new ParamSpec("step", ParamType.Integer, Default: 60L),
        ],
        "A random walk starting at 0, for testing.",
        Aliases: ["randomWalk"]);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string name = args.String("name") ?? throw new QueryException("randomWalk: name is required");
        long step = args.Long("step") ?? 60;
        var random = new Random(Seed(name, context.From, context.Until, step));
        var values = new double[GeneratedSeries.PointCount(context, step)];
        double current = 0;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = current;
            current += random.NextDouble() - 0.5;
        }
        var series = GeneratedSeries.Create(context, name, context.From, context.Until, step, values);
        if (values.Length > 0)
        {
            series.IntegerValues = new bool[values.Length];
            series.IntegerValues[0] = true;
        }
        return [series];
    }

    /// <summary>FNV-1a over the UTF-8 name and the range: stable across processes, unlike string.GetHashCode.</summary>
    private static int Seed(string name, long from, long until, long step)
    {
        ulong hash = 14695981039346656037UL;
        void Mix(byte b) { hash ^= b; hash *= 1099511628211UL; }
        foreach (var b in Encoding.UTF8.GetBytes(name)) Mix(b);
        foreach (var v in new[] { from, until, step })
            for (int i = 0; i < 8; i++) Mix((byte)(v >> (8 * i)));
        return (int)(hash ^ (hash >> 32));
    }
}
