namespace Tsdb.Query.Tests.Model;

using Tags = Tsdb.Query.Model.Tags;

/// <summary>
/// The tags a series gets from its name: graphite-web's TaggedSeries.parse (carbon form) and the
/// TimeSeries constructor's rule of not parsing function-wrapped names.
/// </summary>
public class TagsParseTests
{
    private static List<KeyValuePair<string, string>> Items(Tags tags) => tags.Items.ToList();

    [Fact]
    public void A_tagged_name_gives_its_tags_in_order_then_name()
    {
        Assert.Equal(
            [new("dc", "lab"), new("host", "h1"), new("name", "disk.used")],
            Items(Tags.Parse("disk.used;dc=lab;host=h1")));
        Assert.Equal([new("v", "a=b"), new("name", "m")], Items(Tags.Parse("m;v=a=b")));
        Assert.Equal([new("t", "x"), new("name", "m")], Items(Tags.Parse("~m;t=x")));
    }

    [Theory]
    [InlineData("plain.name")]
    [InlineData("m;dc=")]
    [InlineData("m;=x")]
    [InlineData("m;novalue")]
    [InlineData("m;d!c=x")]
    [InlineData("m;d^c=x")]
    [InlineData("m;dc=~x")]
    [InlineData("~;dc=x")]
    public void A_name_TaggedSeries_refuses_keeps_only_its_name(string name)
    {
        Assert.Equal([new("name", name)], Items(Tags.Parse(name)));
    }

    [Theory]
    [InlineData("percentileOfSeries(absolute(disk.free;dc=lab;host=h1),50)")]
    [InlineData("Exp(a;b=c)")]
    public void A_function_wrapped_name_is_not_parsed_for_a_new_series(string name)
    {
        Assert.Equal([new("name", name)], Items(Tags.ForNewSeries(name)));
    }

    [Theory]
    [InlineData("sum;dc=lab", "lab")]
    [InlineData("a.b(c);dc=lab", "lab")]
    [InlineData("f();dc=lab", "lab")]
    public void Other_names_are_parsed_for_a_new_series(string name, string dc)
    {
        Assert.Equal(dc, Tags.ForNewSeries(name)["dc"]);
    }
}
