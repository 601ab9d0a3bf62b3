using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web sinFunction ("sin", "sinFunction"): amplitude * sin(t) for each point time t (in the
/// request-zone wall-clock seconds, see <see cref="GeneratedSeries.WallClockEpoch"/>), every step seconds
/// from the request's from; start/end are the request's epoch range.
/// </summary>
public sealed class SinFunction : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "sinFunction", "Transform",
        [
            new ParamSpec("name", ParamType.String, Required: true),
            new ParamSpec("amplitude", ParamType.Integer, Default: 1L),
            new ParamSpec("step", ParamType.Integer, Default: 60L),
        ],
        "A sine wave of the given amplitude over time, for testing.",
        Aliases: ["sin"]);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string name = args.String("name") ?? throw new QueryException("sin: name is required");
        double amplitude = args.Double("amplitude") ?? 1;
        long step = args.Long("step") ?? 60;
        var values = GeneratedSeries.AtWallClockTimes(context, step, t => Math.Sin(t) * amplitude);
        return [GeneratedSeries.Create(context, name, context.From, context.Until, step, values)];
    }
}
