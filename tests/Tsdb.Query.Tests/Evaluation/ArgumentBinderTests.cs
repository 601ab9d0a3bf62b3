using Tsdb.Query.Api;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Expressions;
using Tsdb.Query.Functions;
using Tsdb.Query.Model;

namespace Tsdb.Query.Tests.Evaluation;

public class ArgumentBinderTests
{
    private static readonly FunctionSignature Sig = new("f", "Special",
    [
        new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
        new ParamSpec("factor", ParamType.Float, Required: true),
        new ParamSpec("flag", ParamType.Boolean, Default: false),
        new ParamSpec("func", ParamType.AggFunc, Default: "average"),
        new ParamSpec("nodes", ParamType.Node, Multiple: true),
    ], "test");

    private static CallArguments Bind(string target)
    {
        var call = (CallExpression)TargetParser.Parse(target);
        static object? Value(Expression e) => e switch
        {
            PathExpression => new List<TimeSeries>(),
            NumberLiteral { IsInteger: true } n => (long)n.Value,
            NumberLiteral n => n.Value,
            StringLiteral s => s.Value,
            BoolLiteral b => b.Value,
            _ => null,
        };
        return ArgumentBinder.Bind(call, Sig, call.Args.Select(a => new ArgumentValue(Value(a), a)).ToList(),
            call.KwArgs.Select(k => new KeyValuePair<string, ArgumentValue>(k.Key, new ArgumentValue(Value(k.Value), k.Value))).ToList(), []);
    }

    [Fact]
    public void Coerces_and_fills_defaults()
    {
        var a = Bind("f(x, 10)");
        Assert.Equal(10.0, a["factor"]);
        Assert.IsType<double>(a["factor"]);
        Assert.Equal(false, a["flag"]);
        Assert.Equal("average", a["func"]);
        var b = Bind("f(x, '2.5', 'TRUE', 'sum', 1, '2', -1)");
        Assert.Equal(2.5, b["factor"]);
        Assert.Equal(true, b["flag"]);
        Assert.Equal("sum", b["func"]);
        Assert.Equal([1L, 2L, -1L], b.Multiple("nodes"));
        var c = Bind("f(x, factor=1, flag=1)");
        Assert.Equal(1.0, c["factor"]);
        Assert.Equal(true, c["flag"]);
        Assert.Equal("x", c.ExpressionOf("seriesList")!.Text);
    }

    [Theory]
    [InlineData("f(x)", "Missing required parameter \"factor\" for function \"f\"")]
    [InlineData("f(x, 'a')", "Invalid \"float\" value specified for function \"f\" parameter \"factor\": 'a'")]
    [InlineData("f(x, 1, 2)", "Invalid \"boolean\" value specified for function \"f\" parameter \"flag\": 2")]
    [InlineData("f(x, 1, true, 'sumSeries')", "Invalid option specified for function \"f\" parameter \"func\": 'sumSeries'")]
    [InlineData("f(x, 1, true, 'sum', 1.5)", "Invalid \"node\" value specified for function \"f\" parameter \"nodes\": 1.5")]
    [InlineData("f(1, 1)", "Invalid \"seriesList\" value specified for function \"f\" parameter \"seriesList\": 1")]
    [InlineData("f(x, 1, bogus=2)", "Unexpected key word arguments: bogus")]
    [InlineData("f(x, 1, true, 'sum', 1, factor=2)", "Unexpected key word arguments: factor")]
    public void Rejects_like_validateParams(string target, string message) =>
        Assert.Equal(message, Assert.Throws<QueryException>(() => Bind(target)).Message);

    [Fact]
    public void Too_many_parameters_without_a_multiple_param()
    {
        var sig = new FunctionSignature("g", "Special", [new ParamSpec("seriesList", ParamType.SeriesList, Required: true)], "g");
        var call = (CallExpression)TargetParser.Parse("g(x, 1)");
        var e = Assert.Throws<QueryException>(() => ArgumentBinder.Bind(call, sig,
            [new ArgumentValue(new List<TimeSeries>(), call.Args[0]), new ArgumentValue(1L, call.Args[1])], [], []));
        Assert.Equal("Too many parameters specified for function \"g\"", e.Message);
    }

    [Fact]
    public void A_boolean_passes_a_param_that_accepts_booleans()
    {
        // smartSummarize alignTo: graphite-web keeps True/False among its options (the former alignToFrom)
        var sig = new FunctionSignature("h", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("alignTo", ParamType.String, Options: ["days"], AcceptsBoolean: true),
        ], "h");
        var call = (CallExpression)TargetParser.Parse("h(x, true)");
        var bound = ArgumentBinder.Bind(call, sig,
            [new ArgumentValue(new List<TimeSeries>(), call.Args[0]), new ArgumentValue(true, call.Args[1])], [], []);
        Assert.Equal(true, bound["alignTo"]);
        Assert.Null(bound.String("alignTo"));
        var bad = (CallExpression)TargetParser.Parse("h(x, 'weeks')");
        Assert.Throws<QueryException>(() => ArgumentBinder.Bind(bad, sig,
            [new ArgumentValue(new List<TimeSeries>(), bad.Args[0]), new ArgumentValue("weeks", bad.Args[1])], [], []));
    }

    [Fact]
    public void Render_request_merges_parameters()
    {
        var p = new RequestParameters(
            [new("target[]", "a"), new("from", "-2h"), new("pretty", "0"), new("template[host]", "web01")],
            [new("target[]", "b"), new("from", "1795730400"), new("until", "1795723200"), new("maxDataPoints", "12a")]);
        var r = RenderRequest.Parse(p, DateTimeOffset.FromUnixTimeSeconds(1795730400));
        Assert.Equal(["a", "b"], r.Targets);
        Assert.Equal((1795723200L, 1795730400L), (r.From, r.Until)); // swapped
        Assert.True(r.Pretty);
        Assert.Null(r.MaxDataPoints);
        Assert.Null(r.Format);
        Assert.Equal("web01", r.TemplateParams["host"]);
    }
}
