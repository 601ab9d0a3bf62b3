using Microsoft.Extensions.Logging;
using Tsdb.Core;
using Tsdb.Ingestion.Internal;

namespace Tsdb.Ingestion;

/// <summary>
/// carbon-cache's whitelist and blacklist (USE_WHITELIST; carbon/regexlist.py, MetricReceiver.metricReceived):
/// a point whose name matches a blacklist pattern is dropped and counted (blacklistMatches); then, when the
/// whitelist has patterns, a point whose name matches none is dropped and counted (whitelistRejects). A list
/// is a file of regular expressions searched anywhere in the name, one per line; lines starting with '#' and
/// blank lines are skipped, a pattern that does not compile is logged and skipped, and a missing file is an
/// empty list. Files are read again when their modification time changes, checked every 10 s as carbon does.
/// Names are matched in their canonical form (carbon matches tagged names as they were sent).
/// Used by the storage writer alone (not thread-safe); each name's verdict is remembered until a list changes.
/// </summary>
public sealed class MetricNameFilter
{
    /// <summary>How often the files' modification times are checked (carbon's LoopingCall(read_list) interval).</summary>
    public static readonly TimeSpan RereadInterval = TimeSpan.FromSeconds(10);

    /// <summary>Verdicts remembered before the memory is cleared (a bound, not a tuning knob).</summary>
    private const int MaxRemembered = 1_000_000;

    private readonly PatternFile _whitelist, _blacklist;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Verdict> _verdicts = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _drop;
    private long _nextReread;
    private int _blacklisted, _notWhitelisted;

    private enum Verdict : byte { Accept, Blacklisted, NotWhitelisted }

    public MetricNameFilter(string? whitelistFile, string? blacklistFile, TimeProvider time, ILogger logger)
    {
        _whitelist = new PatternFile("whitelist", whitelistFile);
        _blacklist = new PatternFile("blacklist", blacklistFile);
        _time = time;
        _logger = logger;
        _drop = Drops;
        Reread();
    }

    /// <summary>Whether either list has a file; without one the writer skips the filter.</summary>
    public bool IsConfigured => _whitelist.Path is not null || _blacklist.Path is not null;

    /// <summary>Removes the batch's points the lists refuse and adds them to the counters.</summary>
    public void Apply(PointBatch batch, IngestionCounters counters)
    {
        if (_time.GetTimestamp() >= _nextReread) Reread();
        if (_whitelist.Patterns.Length == 0 && _blacklist.Patterns.Length == 0) return;
        _blacklisted = _notWhitelisted = 0;
        batch.RemoveWhere(_drop);
        if (_blacklisted > 0) counters.AddBlacklistMatches(_blacklisted);
        if (_notWhitelisted > 0) counters.AddWhitelistRejects(_notWhitelisted);
    }

    private bool Drops(string name)
    {
        if (!_verdicts.TryGetValue(name, out var verdict))
        {
            verdict = _blacklist.Patterns.Length > 0 && _blacklist.Matches(name, _logger) ? Verdict.Blacklisted
                : _whitelist.Patterns.Length > 0 && !_whitelist.Matches(name, _logger) ? Verdict.NotWhitelisted
                : Verdict.Accept;
            if (_verdicts.Count >= MaxRemembered) _verdicts.Clear();
            _verdicts[name] = verdict;
        }
        if (verdict == Verdict.Blacklisted) _blacklisted++;
        else if (verdict == Verdict.NotWhitelisted) _notWhitelisted++;
        return verdict != Verdict.Accept;
    }

    private void Reread()
    {
        bool changed = _whitelist.Refresh(_logger) | _blacklist.Refresh(_logger);
        if (changed) _verdicts.Clear();
        _nextReread = _time.GetTimestamp() + (long)(RereadInterval.TotalSeconds * _time.TimestampFrequency);
    }

    /// <summary>One list file and the patterns last read from it.</summary>
    private sealed class PatternFile(string list, string? path)
    {
        private DateTime _lastRead = DateTime.MinValue;

        public string? Path => path;

        public System.Text.RegularExpressions.Regex[] Patterns { get; private set; } = [];

        /// <summary>Reads the file again if it changed (or went); returns whether the patterns changed.</summary>
        public bool Refresh(ILogger logger)
        {
            if (path is null) return false;
            if (!File.Exists(path))
            {
                _lastRead = DateTime.MinValue;
                if (Patterns.Length == 0) return false;
                Patterns = [];
                return true;
            }
            DateTime modified = File.GetLastWriteTimeUtc(path);
            if (modified <= _lastRead) return false;
            var patterns = new List<System.Text.RegularExpressions.Regex>();
            foreach (var line in File.ReadLines(path))
            {
                string pattern = line.Trim();
                // As carbon: a comment is a line that starts with '#' as written, before trimming.
                if (line.StartsWith('#') || pattern.Length == 0) continue;
                try
                {
                    patterns.Add(new System.Text.RegularExpressions.Regex(pattern,
                        System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));
                }
                catch (ArgumentException e)
                {
                    Log.NameListPatternInvalid(logger, list, path, pattern, e.Message);
                }
            }
            Patterns = [.. patterns];
            _lastRead = modified;
            Log.NameListRead(logger, list, path, Patterns.Length);
            return true;
        }

        /// <summary>re.search over the patterns; a pattern that runs past its time limit counts as not matching.</summary>
        public bool Matches(string name, ILogger logger)
        {
            foreach (var regex in Patterns)
            {
                try
                {
                    if (regex.IsMatch(name)) return true;
                }
                catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
                {
                    Log.NameListPatternTimedOut(logger, list, regex.ToString(), name);
                }
            }
            return false;
        }
    }
}
