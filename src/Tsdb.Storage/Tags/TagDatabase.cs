using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Core.Tags;

namespace Tsdb.Storage.Tags;

/// <summary>
/// The tag database: a <see cref="TagIndex"/> over the tagged series of the <see cref="TsdbStore"/> (carbon
/// registers each new tagged series with graphite-web; here the store reports it) plus the explicit edits of
/// /tags/tagSeries, /tags/tagMultiSeries and /tags/delSeries, journaled in {DataDirectory}/tags.
/// Membership of a name = (stored as a series or tagged explicitly) and not deleted since; creating a series
/// that was deleted registers it again, as carbon's POST on file creation does.
/// Nothing else is persisted: on open the index is rebuilt from the store's catalog and the journal.
/// </summary>
public sealed class TagDatabase : ITagDatabase, IDisposable
{
    private const byte TagRecord = 1, DeleteRecord = 2;

    private readonly TagIndex _index = new();
    private readonly RecordJournal _journal;
    private readonly Func<string, string> _canonicalize;
    private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private TagDatabase(RecordJournal journal, Func<string, string> canonicalize)
    {
        _journal = journal;
        _canonicalize = canonicalize;
    }

    /// <summary>
    /// Opens the journal in <paramref name="directory"/>, rebuilds the index from the store's tagged series
    /// and the journal, and subscribes to series the store creates from now on. Call before ingestion starts.
    /// </summary>
    /// <param name="canonicalize">carbon's name canonicalisation; throws <see cref="FormatException"/> for
    /// a name that is not a valid (tagged) name.</param>
    public static TagDatabase Open(string directory, TsdbStore store, Func<string, string> canonicalize, ILogger? logger = null)
    {
        var db = new TagDatabase(RecordJournal.Open(directory, logger ?? NullLogger.Instance), canonicalize);
        var explicitlyTagged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in db._journal.ReadAll())
        {
            if (entry.Length < 1) continue;
            string name = Encoding.UTF8.GetString(entry, 1, entry.Length - 1);
            if (entry[0] == TagRecord) { explicitlyTagged.Add(name); db._deleted.Remove(name); }
            else if (entry[0] == DeleteRecord) { explicitlyTagged.Remove(name); db._deleted.Add(name); }
        }
        store.TaggedSeriesCreated = db.OnSeriesCreated;
        foreach (var name in store.TaggedSeriesNames.Concat(explicitlyTagged))
            if (!db._deleted.Contains(name)) db._index.Add(name);
        return db;
    }

    /// <summary>Number of series in the index.</summary>
    public int Count => _index.Count;

    // Writer thread: a new tagged series in storage.
    private void OnSeriesCreated(string name)
    {
        lock (_gate)
        {
            if (_deleted.Remove(name))
            {
                // The writer thread must not fail on the journal: the series is stored either way. Logged by the
                // journal; a restart then still has the name deleted until its next point.
                try { _journal.Append(Record(TagRecord, name)); }
                catch (JournalWriteException) { }
            }
            _index.Add(name);
        }
    }

    public IReadOnlyList<string> FindSeries(IReadOnlyList<string> expressions) => _index.FindSeries(expressions);

    public IReadOnlyList<TagInfo> ListTags(string? filter = null, int? limit = null) => _index.ListTags(filter, limit);

    public TagDetails? GetTag(string tag, string? valueFilter = null, int? limit = null) => _index.GetTag(tag, valueFilter, limit);

    public IReadOnlyList<string> AutoCompleteTags(IReadOnlyList<string> expressions, string? tagPrefix, int limit) =>
        _index.AutoCompleteTags(expressions, tagPrefix, limit);

    public IReadOnlyList<string> AutoCompleteValues(IReadOnlyList<string> expressions, string tag, string? valuePrefix, int limit) =>
        _index.AutoCompleteValues(expressions, tag, valuePrefix, limit);

    public string TagSeries(string path)
    {
        string name = _canonicalize(path);
        lock (_gate)
        {
            if (_index.Contains(name)) return name;
            _journal.Append(Record(TagRecord, name));
            _deleted.Remove(name);
            _index.Add(name);
        }
        return name;
    }

    public void DeleteSeries(string path)
    {
        string name = _canonicalize(path);
        lock (_gate)
        {
            if (!_index.Contains(name)) return;
            _journal.Append(Record(DeleteRecord, name));
            _deleted.Add(name);
            _index.Remove(name);
        }
    }

    private static byte[] Record(byte kind, string name)
    {
        var bytes = new byte[1 + Encoding.UTF8.GetByteCount(name)];
        bytes[0] = kind;
        Encoding.UTF8.GetBytes(name, bytes.AsSpan(1));
        return bytes;
    }

    public void Dispose() => _journal.Dispose();
}
