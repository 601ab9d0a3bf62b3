using Tsdb.Query.Evaluation;
using Tsdb.Query.Expressions;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Alias;

/// <summary>
/// graphite-web aliasQuery: for each series, the target re.sub(search, replace, name) is evaluated over the
/// request range and the last non-null value of its first series is put into newName with Python %
/// formatting ("Channel %d MHz"). No series or no value is a 400.
/// </summary>
public sealed class AliasQuery : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "aliasQuery", "Alias",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("search", ParamType.String, Required: true),
            new ParamSpec("replace", ParamType.String, Required: true),
            new ParamSpec("newName", ParamType.String, Required: true),
        ],
        "Renames each series with the last value of a related query, built from its name by a regex search/replace.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string search = args.String("search") ?? throw new QueryException("aliasQuery: search is required");
        string replace = args.String("replace") ?? throw new QueryException("aliasQuery: replace is required");
        string newName = args.String("newName") ?? throw new QueryException("aliasQuery: newName is required");
        return args.SeriesList("seriesList").Select(s =>
        {
            string query = PythonRegex.Sub(search, replace, s.Name);
            var found = context.EvaluateTarget(query, context.From, context.Until);
            if (found.Count == 0) throw new QueryException("No series found with query: " + query);
            double current = Aggregators.Last(found[0].Values);
            if (double.IsNaN(current)) throw new QueryException("Cannot get last value of series: " + found[0].Name);
            return s.Copy(name: PercentFormat.Format(newName, current));
        }).ToList();
    }
}
