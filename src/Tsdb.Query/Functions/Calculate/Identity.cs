using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Calculate;

/// <summary>
/// graphite-web identity: value = the point's epoch time (Python ints, written without ".0"), every 60 s
/// from the request's from up to until. Name = name, pathExpression 'identity("name")'.
/// </summary>
public sealed class Identity : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "identity", "Calculate",
        [new ParamSpec("name", ParamType.String, Required: true)],
        "A series whose value is the timestamp of each point (60 s step).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string name = args.String("name") ?? throw new QueryException("identity: name is required");
        const long step = 60;
        var values = new double[GeneratedSeries.PointCount(context, step)];
        for (int i = 0; i < values.Length; i++) values[i] = context.From + i * step;
        var series = GeneratedSeries.Create(context, name, context.From, context.Until, step, values);
        series.PathExpression = $"identity(\"{name}\")";
        series.IntegerValues = Enumerable.Repeat(true, values.Length).ToArray();
        return [series];
    }
}
