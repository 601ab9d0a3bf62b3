using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Core.Events;
using Tsdb.Storage.Tags;

namespace Tsdb.Storage.Events;

/// <summary>
/// Graphite events kept in memory and journaled in {DataDirectory}/events (a committed FasterLog entry per
/// create or delete, replayed on open). Ids grow from 1 and are never reused, like the database's
/// autoincrement. Record: u8 kind (1 create, 2 delete), i64 id, then for a create f64 when, string what,
/// string data, 7-bit count + strings of the tags (BinaryWriter encoding).
/// </summary>
public sealed class EventStore : IEventStore, IDisposable
{
    private const byte CreateRecord = 1, DeleteRecord = 2;

    private readonly RecordJournal _journal;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, GraphiteEvent> _events = new();
    private long _lastId;

    private EventStore(RecordJournal journal) => _journal = journal;

    public static EventStore Open(string directory, ILogger? logger = null)
    {
        var store = new EventStore(RecordJournal.Open(directory, logger ?? NullLogger.Instance));
        foreach (var entry in store._journal.ReadAll())
        {
            try { store.Replay(entry); }
            catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException) { break; }
        }
        return store;
    }

    public int Count
    {
        get { lock (_gate) return _events.Count; }
    }

    private void Replay(byte[] entry)
    {
        using var reader = new BinaryReader(new MemoryStream(entry), Encoding.UTF8);
        byte kind = reader.ReadByte();
        long id = reader.ReadInt64();
        _lastId = Math.Max(_lastId, id);
        if (kind == DeleteRecord)
        {
            _events.Remove(id);
            return;
        }
        double when = reader.ReadDouble();
        string what = reader.ReadString(), data = reader.ReadString();
        var tags = new string[reader.Read7BitEncodedInt()];
        for (int i = 0; i < tags.Length; i++) tags[i] = reader.ReadString();
        _events[id] = new GraphiteEvent(id, when, what, data, tags);
    }

    public GraphiteEvent Add(double when, string what, string data, IReadOnlyList<string> tags)
    {
        lock (_gate)
        {
            var e = new GraphiteEvent(_lastId + 1, when, what, data, tags.ToArray());
            var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(CreateRecord);
                writer.Write(e.Id);
                writer.Write(e.Time);
                writer.Write(e.What);
                writer.Write(e.Data);
                writer.Write7BitEncodedInt(e.Tags.Count);
                foreach (var tag in e.Tags) writer.Write(tag);
            }
            _journal.Append(buffer.ToArray());
            _lastId = e.Id;
            _events[e.Id] = e;
            return e;
        }
    }

    public bool Delete(long id)
    {
        lock (_gate)
        {
            if (!_events.ContainsKey(id)) return false;
            var record = new byte[9];
            record[0] = DeleteRecord;
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(1), id);
            _journal.Append(record);
            _events.Remove(id);
            return true;
        }
    }

    public GraphiteEvent? Get(long id)
    {
        lock (_gate) return _events.GetValueOrDefault(id);
    }

    public IReadOnlyList<GraphiteEvent> Find(long from, long until, IReadOnlyList<string>? tags, EventTagSet set = EventTagSet.All)
    {
        GraphiteEvent[] snapshot;
        lock (_gate) snapshot = _events.Values.ToArray();
        return EventMatcher.Find(snapshot, from, until, tags, set);
    }

    public void Dispose() => _journal.Dispose();
}
