using Tsdb.Query.Functions;
using Tsdb.Query.Model;
using static Tsdb.Query.Tests.Functions.FunctionTestHarness;

namespace Tsdb.Query.Tests.Functions;

/// <summary>alias, aliasByNode, aliasSub: test_functions.py test_alias*, spec §11.2 items 1-3 and §14.7.</summary>
public class AliasTests
{
    [Fact]
    public void Alias_renames_literally_and_keeps_tags_and_path_expression()
    {
        var list = GenerateSeriesList();
        var result = Call("alias", list, "Ni! %s");
        Assert.All(result, s => Assert.Equal("Ni! %s", s.Name));
        Assert.Equal("collectd.test-db1.load.value", result[0].PathExpression);
        AssertTags(result[0], ("name", "collectd.test-db1.load.value"));
    }

    [Theory]
    [InlineData("collectd.test-db1.load.value")]
    [InlineData("sum(collectd.test-db1.load.value)")]
    [InlineData("sum(sum(collectd.test-db1.load.value))")]
    [InlineData("divide(collectd.test-db1.load.value, 5)")]
    public void AliasByNode_reads_the_first_path_of_function_names(string name)
    {
        var s = Assert.Single(Call("aliasByNode", new List<TimeSeries> { Series(name, 0, 1, 1) }, 1L));
        Assert.Equal("test-db1", s.Name);
    }

    [Fact]
    public void AliasByNode_nodes_negative_indexes_and_out_of_range()
    {
        var list = GenerateSeriesList();
        Assert.Equal("test-db1.collectd", Call("aliasByNode", list, 1L, 0L)[0].Name);
        Assert.Equal("value.collectd", Call("aliasByNode", list, -1L, 0L)[0].Name);
        Assert.Equal("", Call("aliasByNode", list, 10000L)[0].Name);
        Assert.Equal("b.c", Call("aliasByNode", new List<TimeSeries> { Series("a.b.c", 0, 1, 1) }, 1L, -1L)[0].Name);
        Assert.Equal("*", Call("aliasByNode", new List<TimeSeries> { Series("sumSeries(srv.*.cpu)", 0, 1, 1) }, 1L)[0].Name);
    }

    [Fact]
    public void AliasByNode_tags()
    {
        // test_alias_by_node, tagged part
        var s = Series("collectd.load;host=test-db1;instance=value", 0, 1, 1);
        s.PathExpression = "seriesByTag(\"name=collectd.load\", \"host=test-db1\")";
        var one = new List<TimeSeries> { s };
        Assert.Equal("load", Call("aliasByNode", one, 1L)[0].Name);
        Assert.Equal("test-db1", Call("aliasByNode", one, "host")[0].Name);
        Assert.Equal("test-db1.load", Call("aliasByNode", one, "host", 1L)[0].Name);
        Assert.Equal("test-db1.load.", Call("aliasByNode", one, "host", 1L, 2L)[0].Name);
        Assert.Equal("test-db1.load.", Call("aliasByNode", one, "host", 1L, "foo")[0].Name);
        Assert.Equal("test-db1.", Call("aliasByNode", one, "host", "1")[0].Name);
    }

    [Fact]
    public void AliasSub_python_replacement_syntax()
    {
        var one = new List<TimeSeries> { Series("collectd.test-db1.load.value", 0, 1, 1) };
        Assert.StartsWith("Shrubbery", Call("aliasSub", one, @"^\w+", "Shrubbery")[0].Name);
        Assert.Equal("test-db1:load", Call("aliasSub", one, @"^collectd\.([^.]+)\.(\w+)\.value$", @"\1:\2")[0].Name);
        Assert.Equal("load-test-db1", Call("aliasSub", one, @"^\w+\.(?P<host>[^.]+)\.(\w+).*", @"\g<2>-\g<host>")[0].Name);
        Assert.Equal("$1 collectd", Call("aliasSub", one, @"^(\w+)\..*", @"$1 \1")[0].Name);
        Assert.Equal("c_llectd.test-db1.l_ad.value", Call("aliasSub", one, "o", "_")[0].Name);
    }

    [Fact]
    public void AliasSub_grafana_refid_wrapper_round_trips()
    {
        var s = Assert.Single(Call("aliasSub", new List<TimeSeries> { Series("constantLine(100)", 0, 1, 1) }, "(^.*$)", @"\1 A"));
        Assert.Equal("constantLine(100) A", s.Name);
        Assert.Equal("constantLine(100)", s.PathExpression);
    }

    [Fact]
    public void AliasSub_bad_group_is_a_query_error()
    {
        var one = new List<TimeSeries> { Series("a.b", 0, 1, 1) };
        Assert.Throws<QueryException>(() => Call("aliasSub", one, "(a)", @"\2"));
        Assert.Throws<QueryException>(() => Call("aliasSub", one, "(a", "x"));
    }
}
