using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Special;

/// <summary>
/// graphite-web setXFilesFactor (also "xFilesFactor"): sets each series' xFilesFactor (used by later
/// consolidation and aggregation) and tag "xFilesFactor" = str(value); name unchanged. As graphite-web, it
/// also sets the request's xFilesFactor for everything evaluated after it, later targets included.
/// </summary>
public sealed class SetXFilesFactor : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "setXFilesFactor", "Special",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("xFilesFactor", ParamType.Float, Required: true),
        ],
        "Sets the ratio of non-null values a consolidated interval needs to not be null.",
        Aliases: ["xFilesFactor"]);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double xff = args.Double("xFilesFactor") ?? throw new QueryException("setXFilesFactor: xFilesFactor is required");
        context.XFilesFactor = xff;
        return args.SeriesList("seriesList").Select(s =>
        {
            var copy = s.Copy();
            copy.XFilesFactor = xff;
            copy.Tags["xFilesFactor"] = TagValue.Of(xff);
            return copy;
        }).ToList();
    }
}
