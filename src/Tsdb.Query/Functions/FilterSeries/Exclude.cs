using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>graphite-web exclude: drops the series whose name matches a regular expression anywhere (Python re.search semantics, see <see cref="PythonRegex"/>).</summary>
public sealed class Exclude : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "exclude", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("pattern", ParamType.String, Required: true),
        ],
        "Drops the series whose name matches a regular expression (Python re.search).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var regex = PythonRegex.Compile(args.String("pattern") ?? throw new QueryException("exclude: pattern is required")).Regex;
        return args.SeriesList("seriesList").Where(s => regex.IsMatch(s.Name) == false).ToList();
    }
}
