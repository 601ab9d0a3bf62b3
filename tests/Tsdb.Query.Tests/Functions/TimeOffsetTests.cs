using Tsdb.Query.Functions;
using Tsdb.Query.Functions.Support;

namespace Tsdb.Query.Tests.Functions;

/// <summary>
/// Interval arguments read by render functions (windowSize, intervalUnit, ...): attime's parseTimeOffset
/// values, with the render functions' own error texts (AtTimeParserTests covers attime's).
/// </summary>
public class TimeOffsetTests
{
    [Theory]
    [InlineData("", 0L)]
    [InlineData("30s", 30L)]
    [InlineData("1h30min", 5400L)]
    [InlineData("-2d", -172800L)]
    [InlineData("+1w", 604800L)]
    [InlineData("1mon", 2592000L)]
    [InlineData("2years", 63072000L)]
    public void Values_are_whole_seconds(string offset, long seconds)
        => Assert.Equal(seconds, TimeOffset.ParseSeconds(offset));

    [Theory]
    [InlineData("*5min", "Invalid offset: *5min")]
    [InlineData("5min!", "Invalid offset: 5min!")]
    [InlineData("-h", "Invalid offset: -h")]
    [InlineData("5m", "Invalid offset unit 'm'")]
    [InlineData("5", "Invalid offset unit ''")]
    public void Invalid_offsets_are_query_errors(string offset, string message)
        => Assert.Equal(message, Assert.Throws<QueryException>(() => TimeOffset.ParseSeconds(offset)).Message);

    [Fact]
    public void A_number_too_large_for_a_long_overflows()
        => Assert.Throws<OverflowException>(() => TimeOffset.ParseSeconds("99999999999999999999s"));
}
