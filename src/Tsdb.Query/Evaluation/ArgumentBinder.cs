using Tsdb.Query.Expressions;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions;
using Tsdb.Query.Model;
using Tsdb.Query.Time;

namespace Tsdb.Query.Evaluation;

/// <summary>An evaluated argument: its value (List&lt;TimeSeries&gt;, long, double, string, bool or null) and source.</summary>
public readonly record struct ArgumentValue(object? Value, Expression Expression);

/// <summary>
/// Binds evaluated arguments to a function's <see cref="FunctionSignature"/> the way graphite-web's
/// validateParams does with ENFORCE_INPUT_VALIDATION on (functions/params.py): positional args fill the
/// params in order, extra positional args go to a trailing 'multiple' param, keyword args fill the rest;
/// values are checked and coerced per <see cref="ParamType"/> (an int for a float param becomes a double).
/// Defaults of unbound params are filled in, also where None was passed explicitly (a deliberate
/// simplification: functions never see None for a param that has a default).
/// Error texts are graphite-web's.
/// </summary>
public static class ArgumentBinder
{
    public static CallArguments Bind(CallExpression call, FunctionSignature signature, IReadOnlyList<ArgumentValue> args,
        IReadOnlyList<KeyValuePair<string, ArgumentValue>> kwargs, IReadOnlyCollection<string> aggregatorFunctions)
    {
        string func = call.Name;
        var ps = signature.Params;
        var bound = new CallArguments { Call = call };
        int argsParamCount;
        bool kwargsAllowed = true;
        if (args.Count + kwargs.Count > ps.Count)
        {
            if (ps.Count == 0 || !ps[^1].Multiple)
                throw new QueryException($"Too many parameters specified for function \"{func}\"");
            argsParamCount = ps.Count;
            kwargsAllowed = false;
        }
        else
        {
            argsParamCount = args.Count;
        }

        var multiples = new Dictionary<string, List<object?>>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            var param = ps[Math.Min(i, argsParamCount - 1)];
            var value = Validate(param, args[i].Value, func, aggregatorFunctions);
            if (param.Multiple)
            {
                if (!multiples.TryGetValue(param.Name, out var list))
                {
                    multiples[param.Name] = list = [];
                    bound.Set(param.Name, list, args[i].Expression);
                }
                list.Add(value);
            }
            else if (value is not null)
            {
                bound.Set(param.Name, value, args[i].Expression);
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        if (kwargsAllowed)
        {
            foreach (var param in ps.Skip(argsParamCount))
            {
                var match = kwargs.FirstOrDefault(k => k.Key == param.KeywordName);
                if (match.Key is null || match.Value.Value is null)
                {
                    if (param.Required)
                        throw new QueryException($"Missing required parameter \"{param.Name}\" for function \"{func}\"");
                    continue;
                }
                var value = Validate(param, match.Value.Value, func, aggregatorFunctions);
                bound.Set(param.Name, param.Multiple ? new List<object?> { value } : value, match.Value.Expression);
                used.Add(match.Key);
            }
        }
        var unexpected = kwargs.Select(k => k.Key).Where(k => !used.Contains(k)).ToList();
        if (unexpected.Count > 0)
            throw new QueryException($"Unexpected key word arguments: {string.Join(", ", unexpected)}");

        foreach (var param in ps)
            if (param.Default is not null && bound[param.Name] is null)
                bound.Set(param.Name, param.Default);
        return bound;
    }

    /// <summary>Param.validateValue: None passes for optional params; options first, then the type check.</summary>
    private static object? Validate(ParamSpec param, object? value, string func, IReadOnlyCollection<string> aggregatorFunctions)
    {
        if (value is null && (param.Default is not null || !param.Required)) return null;
        if (value is bool && param.AcceptsBoolean) return value;
        var options = Options(param, aggregatorFunctions);
        if (options.Count > 0 && !(value is string s && options.Contains(s)))
            throw new QueryException(
                $"Invalid option specified for function \"{func}\" parameter \"{param.Name}\": {PythonRepr.Of(value)}");
        try
        {
            return Coerce(param.Type, value);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or QueryException)
        {
            throw new QueryException(
                $"Invalid \"{TypeName(param.Type)}\" value specified for function \"{func}\" parameter \"{param.Name}\": {PythonRepr.Of(value)}");
        }
    }

    /// <summary>The options a param accepts: its own plus its type's (aggFunc names; aggOrSeriesFunc adds aggregator functions).</summary>
    public static IReadOnlyCollection<string> Options(ParamSpec param, IReadOnlyCollection<string> aggregatorFunctions)
    {
        var set = new SortedSet<string>(param.Options ?? [], StringComparer.Ordinal);
        if (param.Type is ParamType.AggFunc or ParamType.AggOrSeriesFunc) set.UnionWith(Aggregators.Names);
        if (param.Type is ParamType.AggOrSeriesFunc) set.UnionWith(aggregatorFunctions);
        return set;
    }

    public static string TypeName(ParamType type)
    {
        string n = type.ToString();
        return char.ToLowerInvariant(n[0]) + n[1..];
    }

    private static object? Coerce(ParamType type, object? value) => type switch
    {
        ParamType.Boolean => value switch
        {
            bool b => b,
            string s when s.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            string s when s.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            long or double when ToDouble(value) == 0 => false,
            long or double when ToDouble(value) == 1 => true,
            List<TimeSeries> list => list.Count > 0,
            _ => throw new FormatException(),
        },
        ParamType.Float => value switch
        {
            double d => d,
            long l => (double)l,
            bool b => b ? 1.0 : 0.0,
            string s => PythonParse.Float(s),
            _ => throw new FormatException(),
        },
        ParamType.Integer or ParamType.Node => ToInteger(value),
        ParamType.IntOrInf => value switch
        {
            long or bool or string when TryInteger(value, out var l) => l,
            double d when double.IsPositiveInfinity(d) => d,
            string s when PythonParse.TryFloat(s, out var f) && double.IsPositiveInfinity(f) => f,
            _ => throw new FormatException(),
        },
        ParamType.Interval => value is string s ? Checked(s, AtTimeParser.ParseOffset) : throw new FormatException(),
        ParamType.SeriesList => value is List<TimeSeries> ? value : throw new FormatException(),
        ParamType.SeriesLists => value is List<TimeSeries> or List<List<TimeSeries>> ? value : throw new FormatException(),
        _ => value,
    };

    private static object Checked(string s, Func<string, TimeSpan> check)
    {
        check(s);
        return s;
    }

    private static double ToDouble(object? value) => value is long l ? l : (double)value!;

    private static long ToInteger(object? value) =>
        TryInteger(value, out var l) ? l : throw new FormatException();

    /// <summary>validateInteger: a float is refused even when integral; int(True) is 1; strings go through int().</summary>
    private static bool TryInteger(object? value, out long result)
    {
        result = 0;
        switch (value)
        {
            case long l: result = l; return true;
            case bool b: result = b ? 1 : 0; return true;
            case string s: return PythonParse.TryInt(s, out result);
            default: return false;
        }
    }
}
