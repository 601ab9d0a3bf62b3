using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// Calls a registered function the way graphite-web calls SeriesFunction(name)(requestContext, *args)
/// (reduceSeries): positional values fill the parameters in order, the values left over go to a
/// trailing 'multiple' parameter, and unfilled parameters take their defaults.
/// </summary>
public static class PositionalCall
{
    public static List<TimeSeries> Invoke(EvaluationContext context, string functionName, IReadOnlyList<object?> positional)
    {
        var function = context.ResolveFunction(functionName);
        if (function is null || function.Signature.Pie)
            throw new QueryException($"Received request for unknown function: {functionName}");
        var ps = function.Signature.Params;
        var args = new CallArguments();
        int i = 0;
        foreach (var p in ps)
        {
            if (p.Multiple)
            {
                args.Set(p.Name, positional.Skip(i).ToList());
                i = positional.Count;
                continue;
            }
            args.Set(p.Name, i < positional.Count ? positional[i] : p.Default);
            i++;
        }
        if (i < positional.Count)
            throw new QueryException($"Too many parameters specified for function \"{functionName}\"");
        return function.Evaluate(context, args);
    }
}
