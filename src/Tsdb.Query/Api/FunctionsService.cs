using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions;

namespace Tsdb.Query.Api;

/// <summary>
/// /functions and /functions/&lt;name&gt; generated from the registry's signatures (graphite-web
/// functions/views.py + functionInfo + params.py Param.toJSON). Deliberate difference: infinity defaults
/// are written 1e9999 everywhere, so the JSON is always valid (upstream leaves a bare Infinity).
/// Entries are ordered by name; with pretty, keys are sorted and indented as json.dumps does.
/// </summary>
public sealed class FunctionsService(FunctionRegistry? registry = null)
{
    private readonly FunctionRegistry _registry = registry ?? FunctionRegistry.Default;

    public const string Module = "graphite.render.functions";

    public ApiResponse List(RequestParameters p)
    {
        bool pie = p.Get("type") == "pie";
        bool grouped = (p.Get("grouped") ?? "").ToLowerInvariant() is "1" or "true";
        string? group = p.Get("group");
        var result = new JsonObject();
        var groups = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var name in _registry.Names)
        {
            var function = _registry.Find(name)!;
            if (function.Signature.Pie != pie) continue;
            string g = function.Signature.Group;
            if (group is not null && group != g) continue;
            var info = Info(name, function.Signature);
            if (!grouped) { result.Add(name, info); continue; }
            if (!groups.TryGetValue(g, out var members)) groups[g] = members = new JsonObject();
            members.Add(name, info);
        }
        if (grouped)
            foreach (var (g, members) in groups) result.Add(g, members);
        return Json(200, result, p);
    }

    public ApiResponse Details(string name, RequestParameters p)
    {
        bool pie = p.Get("type") == "pie";
        var function = _registry.Find(name);
        if (function is null || function.Signature.Pie != pie)
            return Json(404, new JsonObject { { "error", $"Function not found: {name}" } }, p);
        return Json(200, Info(name, function.Signature), p);
    }

    /// <summary>functionInfo: name, function (the Python signature text), description, module, group, params.</summary>
    public JsonObject Info(string name, FunctionSignature signature) => new()
    {
        { "name", name },
        { "function", name + "(" + string.Join(", ", signature.Params.Select(ParamText)) + ")" },
        { "description", signature.Description },
        { "module", Module },
        { "group", signature.Group },
        { "params", signature.Params.Select(ParamJson).ToList() },
    };

    /// <summary>Param.toJSON: keys only when meaningful.</summary>
    private JsonObject ParamJson(ParamSpec param)
    {
        var json = new JsonObject { { "name", param.Name }, { "type", ArgumentBinder.TypeName(param.Type) } };
        if (param.Required) json.Add("required", true);
        if (param.Default is not null) json.Add("default", JsonLiteral(param.Default));
        if (param.Multiple) json.Add("multiple", true);
        var options = ArgumentBinder.Options(param, AggregatorFunctions());
        if (options.Count > 0) json.Add("options", options.ToList());
        if (param.Suggestions is { Count: > 0 } suggestions) json.Add("suggestions", suggestions.Select(JsonLiteral).ToList());
        return json;
    }

    private IReadOnlyCollection<string> AggregatorFunctions() =>
        _registry.Names.Where(n => _registry.Find(n)!.Signature.Aggregator).ToList();

    private static object? JsonLiteral(object? value) => value switch
    {
        double d when double.IsPositiveInfinity(d) => new RawJson("1e9999"),
        double d when double.IsNegativeInfinity(d) => new RawJson("-1e9999"),
        _ => value,
    };

    /// <summary>inspect.formatargspec style: required 'x', optional 'x=default' (None when unset), multiple '*x'.</summary>
    private static string ParamText(ParamSpec param)
    {
        if (param.Multiple) return "*" + param.Name;
        if (param.Required && param.Default is null) return param.Name;
        return param.Name + "=" + param.Default switch
        {
            null => "None",
            double d when double.IsPositiveInfinity(d) => "inf",
            double d => PythonFormat.Repr(d),
            _ => PythonRepr.Of(param.Default),
        };
    }

    private static ApiResponse Json(int status, object content, RequestParameters p)
    {
        bool pretty = !string.IsNullOrEmpty(p.Get("pretty"));
        return new ApiResponse(status, ApiResponse.Json, PythonJson.Serialize(content, indent: pretty, sortKeys: pretty));
    }
}
