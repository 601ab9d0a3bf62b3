using System.Numerics;
using Tsdb.Protocols.Pickle;

namespace Tsdb.Protocols.Tests;

/// <summary>
/// PickleWriter against CPython 3: every expected hex string is
/// pickletools.optimize(pickle.dumps(value, protocol=2)).hex() for the Python value in the comment.
/// </summary>
public sealed class PickleWriterTests
{
    private static string Hex(object? value) => Convert.ToHexStringLower(PickleWriter.Serialize(value));

    [Fact]
    public void Render_series_info_matches_cpython()
    {
        // [{'name': 'a.b', 'start': 60, 'end': 180, 'step': 60, 'values': [1.5, None], 'pathExpression': 'a.*'}]
        var info = new List<object?>
        {
            new List<KeyValuePair<string, object?>>
            {
                new("name", "a.b"), new("start", 60L), new("end", 180L), new("step", 60L),
                new("values", new[] { 1.5, double.NaN }), new("pathExpression", "a.*"),
            },
        };
        Assert.Equal("80025d7d2858040000006e616d655803000000612e62580500000073746172744b3c5803000000656e644bb45804000000737465704b3c"
                     + "580600000076616c7565735d28473ff80000000000004e65580e0000007061746845787072657373696f6e5803000000612e2a75612e",
            Hex(info));
    }

    [Fact]
    public void Scalars_and_containers_match_cpython()
    {
        // (1, -1, 300, 70000, -70000, 2**40, -2**63, 'é', True, False, None, 1.0, float('inf'), (), (1,), [], {})
        object?[] value =
        [
            1L, -1L, 300L, 70000L, -70000L, 1L << 40, long.MinValue, "é", true, false, null, 1.0, double.PositiveInfinity,
            Array.Empty<object?>(), new object?[] { 1L }, new List<object?>(), new PickleDict(),
        ];
        Assert.Equal("8002284b014affffffff4d2c014a701101004a90eefeff8a060000000000018a0800000000000000805802000000c3a988894e"
                     + "473ff0000000000000477ff0000000000000294b01855d7d742e", Hex(value));
        // {'a': [1]}: one-item dict and list use SETITEM and APPEND.
        var dict = new PickleDict();
        dict.Set("a", new List<object?> { 1L });
        Assert.Equal("80027d5801000000615d4b0161732e", Hex(dict));
    }

    [Fact]
    public void Long_lists_are_batched_by_1000_like_cpython()
    {
        // list(range(1001)): 2755 bytes ending in APPENDS, MARK, 1000, APPENDS, STOP.
        byte[] bytes = PickleWriter.Serialize(Enumerable.Range(0, 1001).Select(i => (object?)(long)i).ToList());
        Assert.Equal(2755, bytes.Length);
        Assert.Equal("034de4034de5034de6034de70365284de803652e", Convert.ToHexStringLower(bytes)[^40..]);
    }

    [Fact]
    public void Written_pickles_load_back_through_the_restricted_unpickler()
    {
        var big = BigInteger.Pow(2, 100);
        object?[] value = ["x", new List<object?> { 1.25, null, big }, new object?[] { 1L, 2L, 3L, 4L }];
        var loaded = Assert.IsType<object?[]>(RestrictedUnpickler.Load(PickleWriter.Serialize(value)));
        Assert.Equal("x", loaded[0]);
        Assert.Equal(new List<object?> { 1.25, null, big }, loaded[1]);
        Assert.Equal(new object?[] { 1L, 2L, 3L, 4L }, loaded[2]);
    }

    [Fact]
    public void Objects_that_are_not_plain_data_are_refused() =>
        Assert.Throws<ArgumentException>(() => PickleWriter.Serialize(new Uri("http://x")));
}
