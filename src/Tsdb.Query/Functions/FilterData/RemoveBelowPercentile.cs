using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterData;

/// <summary>
/// graphite-web removeBelowPercentile: values below the series' nth percentile (<see cref="Percentile"/>)
/// become null. Name "removeBelowPercentile(x, %g)", pathExpression = the new name; an all-null series is
/// only renamed, the others get tag "nPercentile" = str(n).
/// </summary>
public sealed class RemoveBelowPercentile : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "removeBelowPercentile", "Filter Data",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Float, Required: true),
        ],
        "Replaces values below the series' n-th percentile with null.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double n = args.Double("n") ?? throw new QueryException("removeBelowPercentile: n is required");
        var seriesList = args.SeriesList("seriesList");
        // graphite-web asks nPercentile for each series, whose `assert n` fails (a 500 there) for 0.
        if (n == 0 && seriesList.Count > 0) throw new QueryException("The requested percent is required to be greater than 0");
        return seriesList.Select(s =>
        {
            string name = $"removeBelowPercentile({s.Name}, {PythonFormat.G(n)})";
            double percentile = Percentile.Of(s.Values, n);
            var copy = s.Copy(name, s.Values.Select(v => v < percentile ? double.NaN : v).ToArray());
            copy.PathExpression = name;
            // functions.py computes the percentile with nPercentile on a copy that shares the series'
            // tags dict, so a series with a percentile also gets nPercentile's tag.
            if (!double.IsNaN(percentile)) copy.Tags["nPercentile"] = TagValue.Of(n);
            return copy;
        }).ToList();
    }
}
