using System.Globalization;

namespace Tsdb.Storage.Schemas;

/// <summary>
/// carbon's parseRetentionDef / parseRetentionDefs (lib/carbon/util.py): "precision:duration" where each
/// side is all digits (precision in seconds, duration as a point count) or digits plus exactly one unit
/// letter s m h d w y (lower case; carbon rejects "min", "sec", "days"). points = duration_s / precision,
/// truncated. Errors are <see cref="FormatException"/>s with carbon's message.
/// </summary>
public static class RetentionParser
{
    public static ArchiveSpec Parse(string definition)
    {
        var parts = definition.Trim().Split(':');
        if (parts.Length != 2)
            throw new FormatException($"Invalid retention definition '{definition.Trim()}'");
        long precision = ParseQuantity(parts[0], "precision specification", out _);
        long points = ParseQuantity(parts[1], "retention specification", out bool pointsHadUnit);
        if (pointsHadUnit)
        {
            if (precision == 0) throw new FormatException($"Invalid precision specification '{parts[0]}'");
            points /= precision;
        }
        if (precision > int.MaxValue || points > int.MaxValue)
            throw new FormatException($"Invalid retention definition '{definition.Trim()}'");
        return new ArchiveSpec((int)precision, (int)points);
    }

    /// <summary>Comma-separated list, in the order written (validation sorts it).</summary>
    public static List<ArchiveSpec> ParseList(string definitions) =>
        definitions.Split(',').Select(Parse).ToList();

    /// <summary>Value of one side: digits alone (multiplier 1) or digits + unit, matching carbon's
    /// isdigit() / '^(\d+)([a-z]+)$' then UnitMultipliers lookup.</summary>
    private static long ParseQuantity(string text, string what, out bool hadUnit)
    {
        hadUnit = false;
        int i = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
        if (i == 0) throw new FormatException($"Invalid {what} '{text}'");
        if (!long.TryParse(text.AsSpan(0, i), NumberStyles.None, CultureInfo.InvariantCulture, out long number))
            throw new FormatException($"Invalid {what} '{text}'");
        if (i == text.Length) return number;
        string unit = text[i..];
        if (!unit.All(char.IsAsciiLetterLower)) throw new FormatException($"Invalid {what} '{text}'");
        long multiplier = unit switch
        {
            "s" => 1,
            "m" => 60,
            "h" => 3600,
            "d" => 86400,
            "w" => 604800,
            "y" => 31536000,
            _ => throw new FormatException($"Invalid unit '{unit}'"),
        };
        hadUnit = true;
        return checked(number * multiplier);
    }
}
