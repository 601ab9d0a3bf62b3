using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web transformNull: nulls replaced by default; with a non-empty referenceSeries only at
/// indexes where some reference series has a value (Python zip_longest: the result takes the longer
/// length). The default keeps its Python type: the int default 0 is written as JSON 0 (IntegerValues),
/// an explicit float as 5.0. Name "transformNull(x,%g)" or "transformNull(x,%g,referenceSeries)",
/// pathExpression = the new name, tags "transformNull" = str(default) (+ "referenceSeries" = "1").
/// </summary>
public sealed class TransformNull : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "transformNull", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("default", ParamType.Float, Default: 0L),
            new ParamSpec("referenceSeries", ParamType.SeriesList),
        ],
        "Replaces nulls with a default value, optionally only where a reference series has data.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        object rawDefault = args["default"] ?? 0L;
        bool isInt = rawDefault is long or int;
        double dflt = args.Double("default") ?? 0;
        var reference = args["referenceSeries"] as List<TimeSeries>;
        bool useReference = reference is { Count: > 0 };
        double[]? defaults = null;
        if (useReference)
        {
            defaults = SeriesAggregation.CombineRows(reference!.Select(r => r.Values).ToList(),
                row => row.Any(v => !double.IsNaN(v)) ? dflt : double.NaN);
        }

        return args.SeriesList("seriesList").Select(s =>
        {
            int length = defaults is { Length: > 0 } ? Math.Max(s.Values.Length, defaults.Length) : s.Values.Length;
            var values = new double[length];
            var ints = new bool[length];
            bool anyInt = false;
            for (int i = 0; i < length; i++)
            {
                double v = i < s.Values.Length ? s.Values[i] : double.NaN;
                double d = defaults is { Length: > 0 } ? (i < defaults.Length ? defaults[i] : double.NaN) : dflt;
                if (double.IsNaN(v))
                {
                    values[i] = d;
                    ints[i] = isInt && !double.IsNaN(d);
                }
                else
                {
                    values[i] = v;
                    ints[i] = s.IntegerValues is { } marks && i < marks.Length && marks[i];
                }
                anyInt |= ints[i];
            }
            string name = useReference
                ? $"transformNull({s.Name},{PythonFormat.G(dflt)},referenceSeries)"
                : $"transformNull({s.Name},{PythonFormat.G(dflt)})";
            var copy = s.Copy(name, values);
            copy.IntegerValues = anyInt ? ints : null;
            copy.PathExpression = name;
            copy.Tags["transformNull"] = TagValue.Of(rawDefault);
            if (useReference) copy.Tags["referenceSeries"] = "1";
            return copy;
        }).ToList();
    }
}
