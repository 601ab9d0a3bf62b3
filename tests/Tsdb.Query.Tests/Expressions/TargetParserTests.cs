using Tsdb.Query.Expressions;
using Tsdb.Query.Functions;

namespace Tsdb.Query.Tests.Expressions;

public class TargetParserTests
{
    /// <summary>A compact rendering of the AST: path P(...), call name[args;kw=..], S(..), I/F numbers, B, None, T{...}.</summary>
    private static string Show(Expression e) => e switch
    {
        PathExpression p => $"P({p.Text})",
        CallExpression c => $"{c.Name}[{string.Join(",", c.Args.Select(Show))}{Kw(c.KwArgs)}]",
        StringLiteral s => $"S({s.Value})",
        NumberLiteral n => n.IsInteger ? $"I({n.Text})" : $"F({n.Text})",
        BoolLiteral b => $"B({b.Value})",
        NoneLiteral => "None",
        TemplateExpression t => $"T{{{Show(t.Inner)};{string.Join(",", t.Args.Select(Show))}{Kw(t.KwArgs)}}}",
        _ => "?",
    };

    private static string Kw(IReadOnlyList<KeyValuePair<string, Expression>> kwargs) =>
        kwargs.Count == 0 ? "" : ";" + string.Join(",", kwargs.Select(k => k.Key + "=" + Show(k.Value)));

    [Theory]
    [InlineData("a.b.c", "P(a.b.c)")]
    [InlineData("servers.*.cpu.{user,system}", "P(servers.*.cpu.{user,system})")]
    [InlineData("a.[a-z]?.b!~:;=#@$%^&+/<>-", "P(a.[a-z]?.b!~:;=#@$%^&+/<>-)")]
    [InlineData("disk.used;dc=eu;rack=a1", "P(disk.used;dc=eu;rack=a1)")]
    [InlineData("{web,db}*.load", "P({web,db}*.load)")]
    [InlineData(@"a\(b\).c\,d\=e", "P(a(b).c,d=e)")]
    [InlineData("test.a)", "P(test.a)")]
    [InlineData("test.a(", "P(test.a)")]
    [InlineData("sumSeries(app.req", "P(sumSeries)")]
    [InlineData("a..b", "P(a)")]
    [InlineData("a.b.", "P(a.b)")]
    [InlineData("  a.b", "P(a.b)")]
    [InlineData("sumSeries(a.*, b.*)", "sumSeries[P(a.*),P(b.*)]")]
    [InlineData("scale(a, 2)", "scale[P(a),I(2)]")]
    [InlineData("scale(a,-2.50)", "scale[P(a),F(-2.50)]")]
    [InlineData("scale(a,1e3)", "scale[P(a),F(1e3)]")]
    [InlineData("scale(a,1.5E-3 )", "scale[P(a),F(1.5E-3)]")]
    [InlineData("scale(a,2x)", "scale[P(a),P(2x)]")]
    [InlineData("f(a, TRUE, false, None, inf)", "f[P(a),B(True),B(False),None,F(inf)]")]
    [InlineData("f(a, trueish)", "f[P(a),P(trueish)]")]
    [InlineData("alias(a, 'x y')", "alias[P(a),S(x y)]")]
    [InlineData("aliasSub(a, \"(^.*$)\", \"\\1 A\")", "aliasSub[P(a),S((^.*$)),S(\\1 A)]")]
    [InlineData("alias(a, 'it''s')", "alias[P(a),S(it''s)]")]
    [InlineData("f(a, b=1, c='x')", "f[P(a);b=I(1),c=S(x)]")]
    [InlineData("f(a, b = 1)", "f[P(a);b=I(1)]")]
    [InlineData("f(a, b=)", "f[P(a),P(b=)]")]
    [InlineData("f(a,g(b,h(c)),d)", "f[P(a),g[P(b),h[P(c)]],P(d)]")]
    [InlineData("f()", "f[]")]
    [InlineData("a.b|scale(2)", "scale[P(a.b),I(2)]")]
    [InlineData("a.b | scale(2) |alias('x')", "alias[scale[P(a.b),I(2)],S(x)]")]
    [InlineData("a.b|scale(2)|", "scale[P(a.b),I(2)]")]
    [InlineData("sumSeries(a|scale(2))", "sumSeries[scale[P(a),I(2)]]")]
    [InlineData("seriesByTag('name=disk.used', 'dc=~eu.*')", "seriesByTag[S(name=disk.used),S(dc=~eu.*)]")]
    [InlineData("template(hosts.$1.cpu, 'web01')", "T{P(hosts.$1.cpu);S(web01)}")]
    [InlineData("template(sumSeries(hosts.$host.cpu), host='web01')", "T{sumSeries[P(hosts.$host.cpu)];;host=S(web01)}")]
    [InlineData("template(hosts.$1.cpu)", "T{P(hosts.$1.cpu);}")]
    [InlineData("template(a.$1, 'x', n='y')", "template[P(a.$1),S(x);n=S(y)]")]
    [InlineData("constantLine(value=5)", "P(constantLine)")]
    public void Parses(string target, string expected) => Assert.Equal(expected, Show(TargetParser.Parse(target)));

    [Fact]
    public void Keeps_raw_call_text_and_integer_kind()
    {
        var call = (CallExpression)TargetParser.Parse("sumSeries( seriesByTag('a=b') )|alias('x')");
        Assert.Equal("alias('x')", call.Text);
        var sum = (CallExpression)call.Args[0];
        Assert.Equal("sumSeries( seriesByTag('a=b') )", sum.Text);
        Assert.Equal("seriesByTag('a=b')", sum.Args[0].Text);
        var n = (NumberLiteral)((CallExpression)TargetParser.Parse("scale(a,10)")).Args[1];
        Assert.True(n.IsInteger);
        Assert.Equal(10, n.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("(a)")]
    [InlineData("'a.b'")]
    [InlineData("|scale(2)")]
    [InlineData(".a")]
    [InlineData("{a,}")]
    [InlineData("é.b")]
    public void Rejects_targets_where_nothing_parses(string target) =>
        Assert.Throws<QueryException>(() => TargetParser.Parse(target));
}
