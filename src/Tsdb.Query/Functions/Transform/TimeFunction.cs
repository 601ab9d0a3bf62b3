using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web timeFunction ("time", "timeFunction"): a series named name whose value at each point is
/// that point's time in seconds, from the request's from every step seconds. graphite-web computes the
/// values, start and end with time.mktime on the request-zone wall time, which equals the epoch for UTC;
/// other zones shift them by the zone offset (reproduced assuming a server running in UTC).
/// </summary>
public sealed class TimeFunction : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "timeFunction", "Transform",
        [
            new ParamSpec("name", ParamType.String, Required: true),
            new ParamSpec("step", ParamType.Integer, Default: 60L),
        ],
        "A series whose value is the timestamp of each point.",
        Aliases: ["time"]);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string name = args.String("name") ?? throw new QueryException("time: name is required");
        long step = args.Long("step") ?? 60;
        var values = GeneratedSeries.AtWallClockTimes(context, step, t => t);
        return [GeneratedSeries.Create(context, name, GeneratedSeries.WallClockEpoch(context, context.From),
            GeneratedSeries.WallClockEpoch(context, context.Until), step, values)];
    }
}
