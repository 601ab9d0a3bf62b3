using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Special;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Calculate;

/// <summary>
/// graphite-web aggregateLine: per series a horizontal line at func over its values. Name
/// "aggregateLine(x, %g)" ("aggregateLine(x, None)" when null). Without keepStep it is constantLine's
/// three points over the request range (pathExpression = the name; a null aggregate gives three nulls
/// and name tag "None"); with keepStep the series' own points all take the value.
/// </summary>
public sealed class AggregateLine : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "aggregateLine", "Calculate",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("func", ParamType.AggFunc, Default: "average"),
            new ParamSpec("keepStep", ParamType.Boolean, Default: false),
        ],
        "A horizontal line at an aggregate (average by default) of each series.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string func = args.String("func") ?? "average";
        var aggregator = Aggregators.Get(func);
        bool keepStep = args.Bool("keepStep");
        return args.SeriesList("seriesList").Select(s =>
        {
            double value = aggregator(s.Values);
            // A count is a Python int, and so is a sum or pick of ints: graphite-web's constantLine(requestContext,
            // 1080) names the line "1080".
            bool integer = !double.IsNaN(value) && (IntegerMarks.ForAggregation(func, [value])?[0] == true
                || (s.IntegerValues is { } marks && IntegerMarks.ForRange(func, s.Values, marks, 0, s.Values.Length)));
            string name = $"aggregateLine({s.Name}, {(double.IsNaN(value) ? "None" : PythonFormat.G(value))})";
            if (keepStep)
            {
                var copy = s.Copy(name, Enumerable.Repeat(value, s.Values.Length).ToArray());
                copy.PathExpression = name;
                if (integer) copy.IntegerValues = Enumerable.Repeat(true, s.Values.Length).ToArray();
                return copy;
            }
            var line = ConstantLine.Line(context, value, integer);
            line.Name = name;
            line.PathExpression = name;
            // constantLine(None) builds TimeSeries(str(None)): its name tag stays "None".
            if (double.IsNaN(value)) line.Tags["name"] = "None";
            return line;
        }).ToList();
    }
}
