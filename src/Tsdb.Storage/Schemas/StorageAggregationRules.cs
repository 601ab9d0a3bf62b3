using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Tsdb.Storage.Schemas;

/// <summary>
/// storage-aggregation.conf as carbon loads it (lib/carbon/storage.py loadAggregationSchemas): the first
/// section whose pattern matches supplies both xFilesFactor and aggregationMethod; a key missing there
/// falls back to whisper's defaults 0.5 / average (no merging across sections). An xFilesFactor that is not
/// a float skips the section; one outside [0,1] or an unknown method stops carbon, so it is a startup error.
/// A missing file is only logged, as in carbon.
/// </summary>
public sealed class StorageAggregationRules
{
    public const float WhisperDefaultXFilesFactor = 0.5f;

    private readonly List<(Regex Pattern, float? Xff, AggregationMethod? Method)> _rules;

    private StorageAggregationRules(List<(Regex, float?, AggregationMethod?)> rules) => _rules = rules;

    /// <summary>Our documented default without a file: average, xFilesFactor 0.</summary>
    public static StorageAggregationRules Default { get; } =
        new([(new Regex(".*", RegexOptions.CultureInvariant), 0f, AggregationMethod.Average)]);

    public static StorageAggregationRules Load(string path, ILogger logger)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            StorageLog.AggregationFileMissing(logger, path, e.Message);
            return new StorageAggregationRules([]);
        }
        return Parse(text, path, logger);
    }

    public static StorageAggregationRules Parse(string text, string fileName, ILogger logger)
    {
        var rules = new List<(Regex, float?, AggregationMethod?)>();
        foreach (var section in CarbonIniFile.Parse(text, fileName).Sections)
        {
            float? xff = null;
            AggregationMethod? method = null;
            if (section.Options.TryGetValue("xfilesfactor", out var xffText))
            {
                if (!TryParsePythonFloat(xffText, out double value))
                {
                    StorageLog.SchemaSkipped(logger, fileName, section.Name, $"xFilesFactor '{xffText}' is not a number");
                    continue;
                }
                if (!(value >= 0 && value <= 1))
                    throw new StorageConfigurationException($"xFilesFactor value out of [0,1] bounds in section [{section.Name}] in {fileName}");
                xff = (float)value;
            }
            if (section.Options.TryGetValue("aggregationmethod", out var methodText))
            {
                if (!AggregationMethodNames.TryParse(methodText, out var m))
                    throw new StorageConfigurationException($"aggregationMethod '{methodText}' is not one of average, sum, last, max, min, avg_zero, absmax, absmin in section [{section.Name}] in {fileName}");
                method = m;
            }
            if (!section.Options.TryGetValue("pattern", out var pattern) || pattern.Length == 0)
            {
                StorageLog.SchemaSkipped(logger, fileName, section.Name, "missing 'pattern'");
                continue;
            }
            rules.Add((StorageSchemaRules.CompilePattern(pattern, section.Name, fileName), xff, method));
        }
        return new StorageAggregationRules(rules);
    }

    public (AggregationMethod Method, float XFilesFactor) Match(string name) => SettingsOf(MatchIndex(name));

    /// <summary>How many rules there are (<see cref="MatchIndex"/> is below it).</summary>
    internal int Count => _rules.Count;

    /// <summary>The index of the first rule whose pattern matches, or -1 (none: whisper's defaults).</summary>
    internal int MatchIndex(string name)
    {
        for (int i = 0; i < _rules.Count; i++)
            if (StorageSchemaRules.Matches(_rules[i].Pattern, name)) return i;
        return -1;
    }

    /// <summary>The method and xFilesFactor of rule <paramref name="index"/> from <see cref="MatchIndex"/>.</summary>
    internal (AggregationMethod Method, float XFilesFactor) SettingsOf(int index) => index >= 0
        ? (_rules[index].Method ?? AggregationMethod.Average, _rules[index].Xff ?? WhisperDefaultXFilesFactor)
        : (AggregationMethod.Average, WhisperDefaultXFilesFactor);

    /// <summary>Python float(): optional sign, decimal or exponent form, 'inf'/'infinity'/'nan' in any
    /// case, '_' between digits; surrounding whitespace allowed.</summary>
    internal static bool TryParsePythonFloat(string text, out double value)
    {
        string s = text.Trim();
        if (s.Contains('_'))
        {
            for (int i = 0; i < s.Length; i++)
                if (s[i] == '_' && (i == 0 || i == s.Length - 1 || !char.IsAsciiDigit(s[i - 1]) || !char.IsAsciiDigit(s[i + 1])))
                { value = 0; return false; }
            s = s.Replace("_", "");
        }
        string body = s.TrimStart('+', '-');
        if (s.Length - body.Length > 1) { value = 0; return false; }
        bool negative = s.StartsWith('-');
        switch (body.ToLowerInvariant())
        {
            case "inf" or "infinity": value = negative ? double.NegativeInfinity : double.PositiveInfinity; return true;
            case "nan": value = double.NaN; return true;
        }
        if (body.Length == 0 || !(char.IsAsciiDigit(body[0]) || body[0] == '.')) { value = 0; return false; }
        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }
}
